namespace Interlink.Analysis.Security;

/// <summary>One security finding.</summary>
/// <param name="Rule">Rule ID.</param>
/// <param name="Severity">The rule's severity (warning for a finding that could not be checked).</param>
/// <param name="Stack">Stack name (empty for findings about the config's suppressions).</param>
/// <param name="LogicalId">Logical ID of the resource to fix (empty when none).</param>
/// <param name="Message">What was found.</param>
/// <param name="Fix">What to change.</param>
/// <param name="CannotCheck">True when a value the rule needs is unknown until deploy (a parameter, an attribute): nothing was proven either way.</param>
/// <param name="Suppressed">True when a suppression in the config accepts it.</param>
/// <param name="SuppressionReason">The suppression's reason, when suppressed.</param>
public sealed record SecurityFinding(
    string Rule,
    SecuritySeverity Severity,
    string Stack,
    string LogicalId,
    string Message,
    string Fix,
    bool CannotCheck = false,
    bool Suppressed = false,
    string? SuppressionReason = null);

/// <summary>The result of <see cref="SecurityCheck.Run"/>.</summary>
/// <param name="Findings">Every finding, suppressed ones included, in stack then rule order.</param>
public sealed record SecurityReport(IReadOnlyList<SecurityFinding> Findings)
{
    /// <summary>Findings no suppression accepts.</summary>
    public IEnumerable<SecurityFinding> Active => Findings.Where(f => !f.Suppressed);

    /// <summary>Unsuppressed errors.</summary>
    public int Errors => Active.Count(f => f.Severity == SecuritySeverity.Error);

    /// <summary>Unsuppressed warnings (including "cannot check").</summary>
    public int Warnings => Active.Count(f => f.Severity == SecuritySeverity.Warning);

    /// <summary>Suppressed findings.</summary>
    public int SuppressedCount => Findings.Count(f => f.Suppressed);

    /// <summary>True when an unsuppressed error remains (plan exits non-zero).</summary>
    public bool HasErrors => Errors > 0;

    /// <summary>The rules that were run.</summary>
    public static IReadOnlyList<SecurityRule> Rules => SecurityRules.All;
}
