namespace Interlink.Analysis.Deployability;

/// <summary>Plain-text rendering of a <see cref="DeployabilityReport"/>.</summary>
public static class DeployabilityText
{
    /// <summary>Writes each handshake (principal, trust chain, every required resource with its verdict), then the findings and a summary.</summary>
    public static void Write(TextWriter writer, DeployabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var h in report.Handshakes)
        {
            writer.WriteLine($"{Status(h.Status)} {h.Kind} {h.Stack}/{h.LogicalId}: {h.Title}");
            writer.WriteLine($"    principal: {h.Principal}");
            foreach (var step in h.TrustChain)
                writer.WriteLine($"    trust: {step.From} -> {step.To}: {Status(step.Status)} ({step.Statement})");
            foreach (var action in h.Actions)
            {
                writer.WriteLine($"    {action.Action}: {Status(action.Status)}");
                foreach (var r in action.Resources)
                {
                    var keys = r.ConditionKeys.Count == 0 ? "" : $" [conditions: {string.Join(", ", r.ConditionKeys)}]";
                    writer.WriteLine($"      {r.ResourceType}{(r.Required ? " (required)" : "")} {r.Arn}: {Status(r.Status)} by {r.Statement}{keys}");
                }
            }

            if (h.Status != HandshakeStatus.Allowed && h.Code is not null)
                writer.WriteLine($"    -> {h.Code} (below)");
        }

        foreach (var f in report.Findings)
        {
            var title = DeployabilityRules.Find(f.Code)?.Title ?? f.Code;
            writer.WriteLine($"{f.Severity.ToString().ToLowerInvariant()} {f.Code} {f.Stack}/{f.LogicalId}: {f.Message}");
            writer.WriteLine($"    {title}. Fix: {f.Fix}");
        }

        var counts = report.Handshakes.GroupBy(h => h.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Status(g.Key)}");
        writer.WriteLine($"deployability: {report.Handshakes.Count} handshake(s) ({string.Join(", ", counts)}); {report.Errors} error(s), {report.Warnings} warning(s), {report.Notes} note(s)");
        writer.WriteLine($"    IAM data: {report.IamData.Package} {report.IamData.Version} (Service Authorization Reference, data of {report.IamData.DataUpdatedAt}); Lambda runtimes compared at {report.Today:yyyy-MM-dd}");
    }

    /// <summary>The status as one word.</summary>
    public static string Status(HandshakeStatus status) => status switch
    {
        HandshakeStatus.Allowed => "allowed",
        HandshakeStatus.Blocked => "BLOCKED",
        HandshakeStatus.Unproven => "unproven",
        _ => "requirement",
    };
}
