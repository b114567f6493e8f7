namespace Interlink.Analysis.Security;

/// <summary>Plain-text rendering of a <see cref="SecurityReport"/>.</summary>
public static class SecurityText
{
    /// <summary>Writes every finding (active first, then suppressed with their reasons) and a summary line.</summary>
    public static void Write(TextWriter writer, SecurityReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var f in report.Active)
        {
            var where = f.Stack.Length == 0 ? "config" : f.LogicalId.Length == 0 ? f.Stack : $"{f.Stack}/{f.LogicalId}";
            var title = SecurityRules.Find(f.Rule)?.Title ?? f.Rule;
            writer.WriteLine($"{(f.Severity == SecuritySeverity.Error ? "error" : "warning")} {f.Rule} {where}: {f.Message}");
            writer.WriteLine($"    {title}. Fix: {f.Fix}");
        }

        foreach (var f in report.Findings.Where(f => f.Suppressed))
            writer.WriteLine($"suppressed {f.Rule} {f.Stack}/{f.LogicalId}: {f.Message} (reason: {f.SuppressionReason})");

        writer.WriteLine($"security: {SecurityRules.All.Count - 1} rules, {report.Errors} error(s), {report.Warnings} warning(s), {report.SuppressedCount} suppressed");
    }
}
