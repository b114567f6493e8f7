using System.Globalization;
using System.Text;
using System.Text.Json;
using Interlink.Cli.Rendering;
using Interlink.Core.Model;
using Interlink.Core.Pricing;
using Interlink.Pipeline.Comparison;

namespace Interlink.Cli.Compare;

/// <summary>A design comparison as text, markdown or JSON.</summary>
internal static class ComparisonRendering
{
    public static string Text(DesignComparison c) => Markdown(c, plain: true);

    public static string Markdown(DesignComparison c, bool plain = false)
    {
        var o = new StringBuilder();
        void Heading(string title) => o.AppendLine(plain ? $"\n{title}\n{new string('-', title.Length)}" : $"\n## {title}\n");
        o.AppendLine(plain ? $"{c.Name}: relay vs native (configured: {Name(c.Configured)})" : $"# {c.Name}: relay vs native (configured: {Name(c.Configured)})");

        Heading("Recommendation");
        o.AppendLine($"{Name(c.Recommended)}, because:");
        foreach (var reason in c.Reasons)
            o.AppendLine($"- {reason}");

        foreach (var side in new[] { c.Relay, c.Native })
        {
            Heading($"{Name(side.Mode)} design");
            if (!side.Buildable)
            {
                o.AppendLine("not possible with this config:");
                foreach (var e in side.Errors)
                    o.AppendLine($"- {e.Code} {e.Path}: {e.Message}");
                continue;
            }

            o.AppendLine("Resources per account and Region:");
            foreach (var f in side.Footprint)
                o.AppendLine($"- {f.Account} {f.Region}: {f.Resources} resources in {string.Join(", ", f.Stacks)} ({string.Join(", ", f.Highlights)})");
            o.AppendLine($"Deploy: {side.Phases.Count} phases ({string.Join(" → ", side.Phases.Select(p => string.Join(" + ", p)))})");
            o.AppendLine($"Critical path: {string.Join(" → ", side.CriticalPath)}");
            o.AppendLine($"Path: {side.Hops} hops checked from consumer to target; Region crossings: {(side.RegionCrossings.Count == 0 ? "none" : string.Join("; ", side.RegionCrossings))}");
            if (side.Plan is { } plan)
                o.AppendLine($"Plan: {plan.Reachability.Verdicts.Count(v => v.Reachable)} of {plan.Reachability.Verdicts.Count} paths reachable; security: {plan.Security.Errors} error(s), {plan.Security.Warnings} warning(s)");
            o.AppendLine("Needs:");
            foreach (var need in side.Needs)
                o.AppendLine($"- {need}");
            o.AppendLine("Limits:");
            foreach (var limit in side.Limits)
                o.AppendLine($"- {limit}");
        }

        if (c.Cost is { } cost)
        {
            Heading("Monthly cost");
            var writer = new StringWriter();
            CostText.Write(writer, cost);
            o.AppendLine(plain ? writer.ToString() : $"```\n{writer}```");
        }

        return o.ToString();
    }

    public static string Json(DesignComparison c)
    {
        object Side(DesignSide s) => new
        {
            mode = Name(s.Mode),
            buildable = s.Buildable,
            errors = s.Errors.Select(e => new { code = e.Code, path = e.Path, message = e.Message }),
            footprint = s.Footprint,
            phases = s.Phases,
            criticalPath = s.CriticalPath,
            hops = s.Hops,
            regionCrossings = s.RegionCrossings,
            reachable = s.Plan?.Reachability.AllReachable,
            securityErrors = s.Plan?.Security.Errors,
            needs = s.Needs,
            limits = s.Limits,
        };
        var document = new
        {
            name = c.Name,
            configured = Name(c.Configured),
            recommended = Name(c.Recommended),
            reasons = c.Reasons,
            trafficGbPerMonth = c.TrafficGbPerMonth,
            relay = Side(c.Relay),
            native = Side(c.Native),
            cost = c.Cost is { } cost
                ? new
                {
                    relay = new { fixedUsd = cost.RelayLinear.Fixed, perGbUsd = cost.RelayLinear.PerGb },
                    native = new { fixedUsd = cost.NativeLinear.Fixed, perGbUsd = cost.NativeLinear.PerGb },
                    rows = cost.Rows.Select(r => new { trafficGbPerMonth = r.TrafficGbPerMonth, relayUsd = r.Relay, nativeUsd = r.Native }),
                    breakEvenGbPerMonth = cost.BreakEvenGbPerMonth,
                    priceDate = PriceCatalog.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }
                : null,
        };
        return JsonSerializer.Serialize(document, JsonReport.Options);
    }

    private static string Name(DeployMode mode) => mode.ToString().ToLowerInvariant();
}
