using Interlink.Analysis.Assembly;
using Interlink.Analysis.Cost;
using Interlink.Analysis.Deployability;
using Interlink.Analysis.Diagram;
using Interlink.Analysis.Monitoring;
using Interlink.Analysis.Network;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Reachability;
using Interlink.Analysis.Security;
using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Pricing;

namespace Interlink.Analysis.Plan;

/// <summary>Everything <c>interlink plan</c> reports about one cloud assembly.</summary>
/// <param name="Name">Design name.</param>
/// <param name="Mode">relay or native.</param>
/// <param name="Reachability">Per (consumer, target): reachable with its path, or what blocks it.</param>
/// <param name="Security">Security rule findings.</param>
/// <param name="Cost">Monthly estimate of what the assembly deploys.</param>
/// <param name="Comparison">The same config in both designs, when the config is known.</param>
/// <param name="Mermaid">The diagram as a Mermaid flowchart.</param>
/// <param name="Deployability">Whether each deploy-time handshake is allowed by the templates' IAM, and blocked Lambda runtimes.</param>
public sealed record PlanReport(
    string Name,
    string Mode,
    ReachabilityReport Reachability,
    SecurityReport Security,
    CostEstimate Cost,
    CostComparison? Comparison,
    string Mermaid,
    DeployabilityReport Deployability)
{
    /// <summary>The config's monitoring plan beside the templates' alarms; null when the config is not known (<c>--assembly</c> alone).</summary>
    public MonitoringReport? Monitoring { get; init; }

    /// <summary>CloudFormation per-template quotas over the synthesized templates.</summary>
    public StackQuotaReport Quotas { get; init; } = StackQuotaReport.Empty;

    /// <summary>
    /// True when every consumer reaches every target, no unsuppressed security error remains, every template fits and
    /// no deploy-time handshake is blocked.
    /// </summary>
    public bool Passed => Reachability.AllReachable && !Security.HasErrors && !Quotas.HasErrors && !Deployability.HasErrors;
}

/// <summary>Runs reachability, security rules, cost and the diagram over an assembly.</summary>
public static class PlanRunner
{
    /// <summary>
    /// Plans <paramref name="assembly"/>. <paramref name="topology"/> (when the config is known) adds the other
    /// design's cost for comparison and names the deploying account; <paramref name="suppressions"/> come from the config;
    /// <paramref name="today"/> (default: the UTC date) is what Lambda runtime dates are compared with.
    /// </summary>
    public static PlanReport Run(CloudAssembly assembly, Topology? topology, IReadOnlyList<Suppression> suppressions, decimal trafficGbPerMonth, DateOnly? today = null)
    {
        var model = NetworkModelBuilder.Build(assembly);
        var reachability = ReachabilityAnalyzer.Analyze(model);
        var security = SecurityCheck.Run(assembly, suppressions, monitoringExpected: topology?.Monitoring.Enabled ?? true);
        var monitoring = topology is null ? null : MonitoringPlanner.Plan(topology);
        var bom = AssemblyBillOfMaterials.Read(assembly);
        if (monitoring is not null)
        {
            // Alarms are priced from the config's plan, not from the templates, so the estimate does not change when
            // the templates start to carry them.
            bom = bom with { Monitoring = monitoring.Usage, Assumptions = [.. bom.Assumptions, "monitoring priced from the config's monitoring plan (alarms, dashboards, topics)"] };
        }

        var cost = CostEstimator.Estimate(bom, trafficGbPerMonth);
        var levels = CostComparison.DefaultTrafficLevels.Append(trafficGbPerMonth).Distinct().Order().ToList();
        var comparison = topology is null ? null : CostComparison.Compare(topology, levels);
        var deployability = DeployabilityAnalyzer.Analyze(assembly, topology, today ?? DateOnly.FromDateTime(DateTime.UtcNow));
        return new PlanReport(assembly.Wiring.Name, assembly.Wiring.Mode, reachability, security, cost, comparison, MermaidDiagram.Render(assembly), deployability)
        {
            Quotas = StackQuotaCheck.Run(assembly),
            Monitoring = monitoring is null ? null : MonitoringReport.Of(monitoring, assembly),
        };
    }
}
