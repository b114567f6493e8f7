using Interlink.Core.Monitoring;
using Interlink.Lab.Agent;

namespace Interlink.Lab.Monitoring;

/// <summary>What a target group's health checker sees now.</summary>
/// <param name="LoadBalancer">NLB model ID (<c>stack/LogicalId</c>).</param>
/// <param name="Healthy">Targets healthy at every node.</param>
/// <param name="Unhealthy">Targets unhealthy at some node.</param>
/// <param name="Initial">Targets not checked yet.</param>
public sealed record LabTargetGroupHealth(string LoadBalancer, int Healthy, int Unhealthy, int Initial);

/// <summary>Connections the service reset for one endpoint: resets sent back over its PrivateLink link since <c>lab up</c>.</summary>
/// <param name="Endpoint">Endpoint model ID.</param>
/// <param name="Consumer">Consumer stack.</param>
/// <param name="ResetsReceived">TCP resets the NLB sent to this endpoint's clients (connections refused: no healthy target).</param>
/// <param name="PacketsDropped">Packets the endpoint itself dropped: the lab's endpoint is a kernel DNAT that drops nothing, so 0.</param>
public sealed record LabEndpointTraffic(string Endpoint, string Consumer, long ResetsReceived, long PacketsDropped);

/// <summary>The signals the alarms watch, and the alarms evaluated over them.</summary>
/// <param name="TargetGroups">Healthy and unhealthy targets per target group.</param>
/// <param name="Endpoints">Connections reset and packets dropped per endpoint.</param>
/// <param name="Alarms">The monitoring plan's alarms evaluated over what the lab observed (empty without a plan).</param>
/// <param name="Notes">What the lab cannot observe, or why nothing was evaluated.</param>
public sealed record LabMonitoringStatus(
    IReadOnlyList<LabTargetGroupHealth> TargetGroups,
    IReadOnlyList<LabEndpointTraffic> Endpoints,
    IReadOnlyList<AlarmEvaluation> Alarms,
    IReadOnlyList<string> Notes);

/// <summary>Turns the NLBs' metric histories into the series the alarms watch, and evaluates the monitoring plan over them.</summary>
public static class LabMonitoring
{
    /// <summary>
    /// The monitoring view of a lab built as <paramref name="layout"/>, whose NLBs recorded <paramref name="histories"/>
    /// (by NLB model ID), started at <paramref name="startedAt"/>, evaluated at <paramref name="now"/>.
    /// </summary>
    public static LabMonitoringStatus Evaluate(LabLayout layout, IReadOnlyDictionary<string, IReadOnlyList<NlbHistoryEntry>> histories, MonitoringPlan? plan,
        DateTimeOffset startedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(histories);
        var notes = new List<string>();
        var groups = layout.LoadBalancers.Select(lb =>
        {
            var last = History(histories, lb.Id).LastOrDefault();
            var (healthy, unhealthy, initial) = last is null ? (0, 0, 0) : Count(last.Health);
            return new LabTargetGroupHealth(lb.Id, healthy, unhealthy, initial);
        }).ToList();

        var endpoints = layout.Endpoints.Select(e =>
        {
            var lb = layout.LoadBalancers.FirstOrDefault(l => l.Namespace == e.LoadBalancerNamespace);
            var link = Link(layout, e);
            var last = lb is null ? null : History(histories, lb.Id).LastOrDefault();
            var resets = last is null || link is null ? 0 : last.ResetsSent.Where(r => r.Key.StartsWith($"rst-pl{link}-", StringComparison.Ordinal)).Sum(r => r.Value);
            return new LabEndpointTraffic(e.Id, e.Consumer, resets, 0);
        }).ToList();

        var alarms = new List<AlarmEvaluation>();
        if (plan is null)
            notes.Add("no monitoring plan: 'lab up FILE' (the config) records one; with --assembly alone the lab shows the signals only");
        else if (!plan.Enabled)
            notes.Add("monitoring: false in the config: no alarms to evaluate");
        else
            alarms.AddRange(plan.Resources.SelectMany(r => Evaluate(layout, histories, r, startedAt, now, notes)));
        return new LabMonitoringStatus(groups, endpoints, alarms, notes.Distinct().ToList());
    }

    private static IEnumerable<AlarmEvaluation> Evaluate(LabLayout layout, IReadOnlyDictionary<string, IReadOnlyList<NlbHistoryEntry>> histories, MonitoredResource resource,
        DateTimeOffset startedAt, DateTimeOffset now, List<string> notes)
    {
        if (resource.Kind == MonitoredKind.Endpoint)
        {
            var endpoint = layout.Endpoints.FirstOrDefault(e => e.Consumer == resource.Stack);
            if (endpoint is null)
            {
                notes.Add($"{resource.Stack}: the lab built no endpoint for it");
                yield break;
            }

            // The lab's endpoint is a DNAT in the kernel: it drops nothing, so PacketsDropped stays 0 (and OK) under every lab fault.
            foreach (var alarm in resource.Alarms)
                yield return AlarmEvaluator.Evaluate(alarm, [new MetricSample(startedAt, 0)], SeriesKind.Counter, now, $"endpoint {endpoint.Id}");
            yield break;
        }

        var lb = layout.LoadBalancers.FirstOrDefault(l => l.Id.StartsWith(resource.Stack + "/", StringComparison.Ordinal));
        if (lb is null)
        {
            notes.Add($"{resource.Stack}: the lab built no NLB for it");
            yield break;
        }

        var history = History(histories, lb.Id);
        foreach (var alarm in resource.Alarms)
        {
            switch (alarm.Metric.Signal)
            {
                case Signal.UnhealthyHosts:
                    yield return AlarmEvaluator.Evaluate(alarm, history.Select(h => new MetricSample(h.Time, Count(h.Health).Unhealthy)).ToList(), SeriesKind.Gauge, now, $"target group of {lb.Id}");
                    break;
                case Signal.HealthyHosts:
                    yield return AlarmEvaluator.Evaluate(alarm, history.Select(h => new MetricSample(h.Time, Count(h.Health).Healthy)).ToList(), SeriesKind.Gauge, now, $"target group of {lb.Id}");
                    break;
                case Signal.ResetPackets:
                {
                    var node = Node(lb.Config, resource, alarm);
                    var prefix = $"-n{node}";
                    yield return AlarmEvaluator.Evaluate(alarm, history.Select(h => new MetricSample(h.Time, h.ResetsSent.Where(r => r.Key.EndsWith(prefix, StringComparison.Ordinal)).Sum(r => r.Value))).ToList(),
                        SeriesKind.Counter, now, $"NLB node {lb.Config.Nodes[node].Address} ({lb.Config.Nodes[node].Az})");
                    break;
                }
            }
        }
    }

    /// <summary>The NLB node standing for the alarm's AZ: the node in that AZ, else the node at the AZ's place in the plan.</summary>
    private static int Node(NlbConfig config, MonitoredResource resource, PlannedAlarm alarm)
    {
        var byAz = config.Nodes.ToList().FindIndex(n => n.Az == alarm.AzId);
        if (byAz >= 0)
            return byAz;
        var index = resource.Alarms.Where(a => a.Metric.Signal == Signal.ResetPackets).ToList().IndexOf(alarm);
        return Math.Clamp(index, 0, config.Nodes.Count - 1);
    }

    /// <summary>(healthy, unhealthy, initial) targets: healthy at every node, unhealthy at some node, or not checked yet.</summary>
    internal static (int Healthy, int Unhealthy, int Initial) Count(IReadOnlyList<TargetHealth> health)
    {
        var targets = health.GroupBy(h => h.Target).ToList();
        var healthy = targets.Count(t => t.All(h => h.State == "healthy"));
        var unhealthy = targets.Count(t => t.Any(h => h.State == "unhealthy"));
        return (healthy, unhealthy, targets.Count - healthy - unhealthy);
    }

    private static int? Link(LabLayout layout, LabEndpoint endpoint)
    {
        var link = layout.Links.FirstOrDefault(l => l.NamespaceB == endpoint.Namespace && l.NamespaceA == endpoint.LoadBalancerNamespace && l.InterfaceA.StartsWith("il-pl", StringComparison.Ordinal));
        return link is not null && int.TryParse(link.InterfaceA["il-pl".Length..], out var m) ? m : null;
    }

    private static IReadOnlyList<NlbHistoryEntry> History(IReadOnlyDictionary<string, IReadOnlyList<NlbHistoryEntry>> histories, string lb) =>
        histories.TryGetValue(lb, out var h) ? h : [];
}
