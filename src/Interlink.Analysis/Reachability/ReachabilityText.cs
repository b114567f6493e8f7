using System.Globalization;

namespace Interlink.Analysis.Reachability;

/// <summary>
/// Writes a reachability report as text: one line per consumer→target path with its verdict; the hops only for
/// blocked paths (where they say what to fix) or when <c>verbose</c> (a passing path repeats the same hops per target).
/// </summary>
public static class ReachabilityText
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>; every path hop by hop when <paramref name="verbose"/>.</summary>
    public static void Write(TextWriter writer, ReachabilityReport report, bool verbose = false)
    {
        var reachable = report.Verdicts.Count(v => v.Reachable);
        writer.WriteLine($"Reachability of {report.Name} ({report.Mode} mode): {reachable} of {report.Verdicts.Count} consumer-target paths reachable");
        writer.WriteLine();
        foreach (var v in report.Verdicts)
            writer.WriteLine(PathLine(v));

        foreach (var v in report.Verdicts.Where(v => verbose || !v.Reachable))
        {
            writer.WriteLine();
            writer.WriteLine($"{PathLine(v).TrimStart()}, hop by hop:");
            Hops(writer, v);
        }

        if (!verbose && reachable > 0)
        {
            writer.WriteLine();
            writer.WriteLine("hops of reachable paths: interlink plan --verbose");
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

    /// <summary>One path in one line: verdict, consumer (stack, account, Region, VPC), port, target (subnet, VPC).</summary>
    public static string PathLine(Verdict v)
    {
        var port = v.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var vpc = v.ConsumerVpc is null ? "" : $" VPC {v.ConsumerVpc}";
        var where = (v.TargetSubnet, v.TargetVpc) switch
        {
            ({ } subnet, { } targetVpc) => $" in subnet {subnet} of VPC {targetVpc}",
            (null, { } targetVpc) => $" in VPC {targetVpc}",
            _ => "",
        };
        var verdict = v.Reachable ? "REACHABLE" : "BLOCKED  ";
        var why = v.Blocking is { } b ? $": {b.Code} at {b.Stack}/{b.LogicalId}" : $" ({v.Path.Count} hops pass)";
        return $"  {verdict} {v.Consumer} ({v.Account ?? "deploying account"}, {v.Region}){vpc} tcp/{port} -> {(v.TargetHost is null ? "" : $"host {v.TargetHost} ")}{v.Target ?? "(no target)"}{where}{why}";
    }

    private static void Hops(TextWriter writer, Verdict v)
    {
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
}
