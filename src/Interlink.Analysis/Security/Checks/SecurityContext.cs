using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>What one run of the security rule pack shares: the assembly, its templates, the ingress rules and the findings.</summary>
internal sealed class SecurityContext(CloudAssembly assembly, IReadOnlyList<StackView> views)
{
    private List<IngressRule>? ingress;

    public CloudAssembly Assembly => assembly;

    public IReadOnlyList<StackView> Views => views;

    public List<SecurityFinding> Findings { get; } = [];

    /// <summary>Every security group ingress rule of every template (several concerns judge them).</summary>
    public IReadOnlyList<IngressRule> Ingress => ingress ??= views.SelectMany(IngressRule.ReadAll).ToList();

    /// <summary>
    /// Reports <paramref name="rule"/> at <paramref name="logicalId"/>; <paramref name="cannotCheck"/> reports a value
    /// known only at deploy time, as a warning whatever the rule's severity.
    /// </summary>
    public void Add(SecurityRule rule, StackView view, string logicalId, string message, bool cannotCheck = false) =>
        Findings.Add(new SecurityFinding(
            rule.Id,
            cannotCheck ? SecuritySeverity.Warning : rule.Severity,
            view.Name,
            logicalId,
            cannotCheck ? $"cannot check: {message}" : message,
            rule.Fix,
            cannotCheck));
}
