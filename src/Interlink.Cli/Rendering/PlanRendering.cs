using System.Globalization;
using System.Text;
using System.Text.Json;
using Interlink.Analysis.Deployability;
using Interlink.Analysis.Monitoring;
using Interlink.Analysis.Plan;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Reachability;
using Interlink.Analysis.Security;
using Interlink.Core.Pricing;

namespace Interlink.Cli.Rendering;

/// <summary>The three forms of a plan report: text for people, markdown for reviews, JSON for tools.</summary>
internal static class PlanRendering
{
    public static string Text(PlanReport plan, string? svgPath, bool verbose = false)
    {
        var text = new StringWriter();
        text.WriteLine($"Plan of {plan.Name} ({plan.Mode} mode): {Verdict(plan)}");
        text.WriteLine();
        ReachabilityText.Write(text, plan.Reachability, verbose);
        text.WriteLine();
        SecurityText.Write(text, plan.Security);
        text.WriteLine();
        StackQuotaText.Write(text, plan.Quotas);
        text.WriteLine();
        DeployabilityText.Write(text, plan.Deployability);
        text.WriteLine();
        if (plan.Monitoring is { } monitoring)
        {
            MonitoringText.Write(text, monitoring);
            text.WriteLine();
        }

        CostText.Write(text, plan.Cost);
        if (plan.Comparison is { } comparison)
        {
            text.WriteLine();
            CostText.Write(text, comparison);
        }

        text.WriteLine();
        text.WriteLine(svgPath is null
            ? "diagram: 'interlink plan --format markdown' includes it as Mermaid; with Graphviz installed, '-o FILE' also writes FILE.svg"
            : $"diagram: {svgPath}");
        return text.ToString();
    }

    public static string Markdown(PlanReport plan, string? svgPath)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Plan: {plan.Name} ({plan.Mode} mode)").AppendLine();
        md.AppendLine($"**{Verdict(plan)}**").AppendLine();
        md.AppendLine("## Reachability").AppendLine();
        md.AppendLine("| consumer | target | verdict | first blocking hop |").AppendLine("|---|---|---|---|");
        foreach (var v in plan.Reachability.Verdicts)
            md.AppendLine($"| {v.Consumer} ({v.Region}) | {v.Target ?? "—"} | {(v.Reachable ? "reachable" : "**blocked**")} | {(v.Blocking is { } b ? $"{b.Code} at `{b.Stack}/{b.LogicalId}`: {b.Message}" : "")} |");
        md.AppendLine().AppendLine("<details><summary>Paths hop by hop</summary>").AppendLine().AppendLine("```");
        var paths = new StringWriter();
        ReachabilityText.Write(paths, plan.Reachability, verbose: true);
        md.Append(paths).AppendLine("```").AppendLine("</details>").AppendLine();
        md.AppendLine("## Security").AppendLine();
        if (!plan.Security.Findings.Any())
            md.AppendLine($"No findings ({SecurityRules.All.Count - 1} rules).");
        else
        {
            md.AppendLine("| rule | severity | where | finding | fix |").AppendLine("|---|---|---|---|---|");
            foreach (var f in plan.Security.Findings)
                md.AppendLine($"| {f.Rule} | {(f.Suppressed ? $"suppressed ({f.SuppressionReason})" : f.Severity.ToString().ToLowerInvariant())} | `{f.Stack}/{f.LogicalId}` | {f.Message} | {f.Fix} |");
        }

        md.AppendLine().AppendLine("## CloudFormation quotas").AppendLine().AppendLine("```");
        var quotas = new StringWriter();
        StackQuotaText.Write(quotas, plan.Quotas);
        md.Append(quotas).AppendLine("```");
        Deployability(md, plan.Deployability);
        if (plan.Monitoring is { } monitored)
        {
            md.AppendLine().AppendLine("## Monitoring").AppendLine().AppendLine("```");
            var monitoringText = new StringWriter();
            MonitoringText.Write(monitoringText, monitored);
            md.Append(monitoringText).AppendLine("```");
        }

        md.AppendLine().AppendLine("## Cost").AppendLine().AppendLine("```");
        var cost = new StringWriter();
        CostText.Write(cost, plan.Cost);
        if (plan.Comparison is { } comparison)
        {
            cost.WriteLine();
            CostText.Write(cost, comparison);
        }

        md.Append(cost).AppendLine("```").AppendLine();
        md.AppendLine("## Diagram").AppendLine().AppendLine("```mermaid").AppendLine(plan.Mermaid.TrimEnd()).AppendLine("```");
        if (svgPath is not null)
            md.AppendLine().AppendLine($"![diagram]({Path.GetFileName(svgPath)})");
        return md.ToString();
    }

    public static string Json(PlanReport plan)
    {
        var comparison = plan.Comparison is { } c
            ? new
            {
                relay = new { fixedUsd = c.RelayLinear.Fixed, perGbUsd = c.RelayLinear.PerGb },
                native = new { fixedUsd = c.NativeLinear.Fixed, perGbUsd = c.NativeLinear.PerGb },
                rows = c.Rows.Select(r => new { trafficGbPerMonth = r.TrafficGbPerMonth, relayUsd = r.Relay, nativeUsd = r.Native, cheaper = r.SameCost ? "same" : r.Cheaper.ToString().ToLowerInvariant() }),
                breakEvenGbPerMonth = c.BreakEvenGbPerMonth,
            }
            : null;
        var document = new
        {
            name = plan.Name,
            mode = plan.Mode,
            passed = plan.Passed,
            reachability = plan.Reachability,
            security = new
            {
                errors = plan.Security.Errors,
                warnings = plan.Security.Warnings,
                suppressed = plan.Security.SuppressedCount,
                findings = plan.Security.Findings,
            },
            deployability = new
            {
                errors = plan.Deployability.Errors,
                warnings = plan.Deployability.Warnings,
                notes = plan.Deployability.Notes,
                handshakes = plan.Deployability.Handshakes,
                findings = plan.Deployability.Findings,
                iamData = plan.Deployability.IamData,
                runtimeTable = plan.Deployability.RuntimeTable,
                today = plan.Deployability.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            quotas = new
            {
                templates = plan.Quotas.Checked,
                errors = plan.Quotas.Findings.Select(f => new { code = f.Code, stack = f.Stack, quota = f.Quota.Name, used = f.Used, limit = f.Quota.Default, message = f.Message, fix = f.Fix }),
            },
            cost = new
            {
                trafficGbPerMonth = plan.Cost.TrafficGbPerMonth,
                totalUsd = plan.Cost.Total,
                lines = plan.Cost.Lines.Select(l => new { what = l.What, quantity = l.Quantity, unit = l.Unit, unitPriceUsd = l.UnitPrice, monthlyUsd = l.Monthly }),
                assumptions = plan.Cost.Assumptions,
                priceDate = PriceCatalog.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                disclaimer = PriceCatalog.Disclaimer,
            },
            comparison,
            monitoring = plan.Monitoring is { } m
                ? new
                {
                    enabled = m.Plan.Enabled,
                    thresholds = m.Plan.Thresholds,
                    resources = m.Plan.Resources.Select(r => new
                    {
                        kind = r.Kind.ToString(),
                        link = r.Link,
                        stack = r.Stack,
                        account = r.Account,
                        region = r.Region,
                        note = r.Note,
                        alarms = r.Alarms.Select(a => new
                        {
                            name = a.Name,
                            @namespace = a.Metric.Namespace,
                            metric = a.Metric.MetricName,
                            statistic = a.Metric.Statistic,
                            dimensions = a.Metric.DimensionNames,
                            comparison = a.Comparison.ToString(),
                            threshold = a.Threshold,
                            periodSeconds = a.PeriodSeconds,
                            evaluationPeriods = a.EvaluationPeriods,
                            datapointsToAlarm = a.DatapointsToAlarm,
                            treatMissingData = a.TreatMissingData,
                            azId = a.AzId,
                            inTemplates = m.AlarmsInTemplates.Contains(a.Name),
                        }),
                    }),
                    dashboards = m.Plan.Dashboards,
                    topics = m.Plan.Topics,
                    notifications = m.Plan.Notifications,
                    notes = m.Plan.Notes,
                }
                : null,
            mermaid = plan.Mermaid,
        };
        return JsonSerializer.Serialize(document, JsonReport.Options);
    }

    private static void Deployability(StringBuilder md, DeployabilityReport report)
    {
        md.AppendLine().AppendLine("## Deployability").AppendLine();
        md.AppendLine("| handshake | where | principal → role | action | resource type | verdict | statement |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var h in report.Handshakes)
        {
            foreach (var a in h.Actions)
            {
                foreach (var r in a.Resources)
                    md.AppendLine($"| {h.Kind} | `{h.Stack}/{h.LogicalId}` | {Cell(h.Principal)} → {Cell(h.Role)} | {a.Action} | {r.ResourceType}{(r.Required ? " (required)" : "")} | {(r.Status == HandshakeStatus.Blocked ? "**BLOCKED**" : DeployabilityText.Status(r.Status))} | {Cell(r.Statement)}{(r.ConditionKeys.Count == 0 ? "" : $" ({Cell(string.Join(", ", r.ConditionKeys))})")} |");
            }

            if (h.Actions.Count == 0)
                md.AppendLine($"| {h.Kind} | `{h.Stack}/{h.LogicalId}` | {Cell(h.Principal)} → {Cell(h.Role)} | — | — | **{DeployabilityText.Status(h.Status)}** | {Cell(h.Problem ?? "")} |");
        }

        if (report.Findings.Count > 0)
        {
            md.AppendLine().AppendLine("| code | severity | where | finding | fix |").AppendLine("|---|---|---|---|---|");
            foreach (var f in report.Findings)
                md.AppendLine($"| {f.Code} | {f.Severity.ToString().ToLowerInvariant()} | `{f.Stack}/{f.LogicalId}` | {Cell(f.Message)} | {Cell(f.Fix)} |");
        }

        md.AppendLine().AppendLine($"IAM data: {report.IamData.Package} {report.IamData.Version} (from the Service Authorization Reference, data of {report.IamData.DataUpdatedAt}); Lambda runtimes compared at {report.Today:yyyy-MM-dd}.");
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Verdict(PlanReport plan)
    {
        var r = plan.Reachability;
        var reachable = r.Verdicts.Count(v => v.Reachable);
        var d = plan.Deployability;
        var quotas = plan.Quotas.HasErrors ? $"{plan.Quotas.Findings.Count} template quota error(s); " : "";
        return $"{reachable} of {r.Verdicts.Count} consumer-target paths reachable; {plan.Security.Errors} security error(s), {plan.Security.Warnings} warning(s); {quotas}"
            + $"{d.Handshakes.Count(h => h.Status == HandshakeStatus.Blocked)} of {d.Handshakes.Count} deploy handshake(s) blocked; "
            + $"about {CostText.Money(plan.Cost.Total)}/month at {plan.Cost.TrafficGbPerMonth.ToString("#,0.##", CultureInfo.InvariantCulture)} GB/month";
    }
}
