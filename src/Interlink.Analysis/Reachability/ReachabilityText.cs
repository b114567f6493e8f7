namespace Interlink.Analysis.Reachability;

/// <summary>Writes a reachability report as text: one line per hop, blocked verdicts with every explanation.</summary>
public static class ReachabilityText
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, ReachabilityReport report)
    {
        var reachable = report.Verdicts.Count(v => v.Reachable);
        writer.WriteLine($"Reachability of {report.Name} ({report.Mode} mode): {reachable} of {report.Verdicts.Count} consumer-target paths reachable");
        foreach (var v in report.Verdicts)
        {
            writer.WriteLine();
            var who = $"{v.Consumer} ({v.Account ?? "deploying account"}, {v.Region}) tcp/{v.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
            writer.WriteLine($"{who} -> {v.Target ?? "(no target)"}: {(v.Reachable ? "REACHABLE" : "BLOCKED")}");
            if (v.Sources.Count > 0)
                writer.WriteLine($"  from {string.Join("; ", v.Sources)}");
            var n = 0;
            foreach (var hop in v.Path)
            {
                var mark = hop.Status switch { HopStatus.Pass => "ok  ", HopStatus.Fail => "FAIL", HopStatus.Info => "info", _ => "????" };
                writer.WriteLine($"  {++n,2}. [{mark}] {hop.Step,-24} {hop.Stack}/{hop.LogicalId}: {hop.Checked}{(hop.Code is null ? "" : $" ({hop.Code})")}");
            }

            foreach (var (e, i) in v.Explanations.Select((e, i) => (e, i)))
                writer.WriteLine($"  {(i == 0 ? "blocked by" : "also     ")} {e.Code} at {e.Stack}/{e.LogicalId}: {e.Message}");
        }

        if (report.Unsupported.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Not modeled (never counted as passing):");
            foreach (var u in report.Unsupported)
                writer.WriteLine($"  {u.Location} ({u.Type}): {u.Reason}");
        }

        if (report.Assumptions.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Assumptions:");
            foreach (var a in report.Assumptions)
                writer.WriteLine($"  {a}");
        }
    }
}
