using Interlink.Core.Model;
using Interlink.Core.Normalization;

namespace Interlink.Core.Monitoring;

/// <summary>Derives the <see cref="MonitoringPlan"/> of a topology: which alarms each link gets, in which stack.</summary>
public static class MonitoringPlanner
{
    /// <summary>
    /// TreatMissingData for every alarm: a minute without data is not breaching. NLB and PrivateLink publish only
    /// while traffic flows or a metric has data (their metrics pages), so an idle link must not alarm; a link that
    /// is down still reports its host counts, which is what the target-group alarms watch.
    /// </summary>
    public const string TreatMissingData = "notBreaching";

    /// <summary>The plan of <paramref name="topology"/> as built in its own mode.</summary>
    public static MonitoringPlan Plan(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var spec = topology.Monitoring;
        if (!spec.Enabled)
            return new MonitoringPlan(false, spec.Thresholds, [], [], [], [], ["monitoring: false — no alarms, dashboards or notifications"]);

        var t = spec.Thresholds;
        var name = topology.Name;
        var resources = new List<MonitoredResource>();
        var notifications = new List<PlannedNotification>();
        var notes = new List<string>();

        // The NLB, its target group and its endpoint service: one per relay, or the provider's own in native mode.
        var fronts = topology.Mode == DeployMode.Relay
            ? topology.Relays.Select(r => (Link: $"relay {r.Network.Region}", Stack: NameScheme.RelayStack(name, r.Network.Region), Site: r.Network))
            : [(Link: "provider", Stack: NameScheme.ProviderStack(name), Site: topology.Provider)];
        foreach (var (link, stack, site) in fronts)
        {
            var tag = Slug(topology.Mode == DeployMode.Relay ? NameScheme.ShortRegion(site.Region) : "provider");
            resources.Add(new MonitoredResource(MonitoredKind.TargetGroup, link, stack, site.Account, site.Region,
            [
                Alarm($"{name}-{tag}-unhealthy-hosts", CloudWatchMetrics.UnhealthyHosts, AlarmComparison.GreaterThanThreshold, t.UnhealthyHosts, t, null,
                    $"{link}: targets of {NameScheme.TargetGroup(name, site.Region)} fail health checks (a dead host, a closed security group, a withdrawn route across the peering)."),
                Alarm($"{name}-{tag}-healthy-hosts", CloudWatchMetrics.HealthyHosts, AlarmComparison.LessThanThreshold, t.HealthyHosts, t, null,
                    $"{link}: fewer than {t.HealthyHosts} healthy target(s) in {NameScheme.TargetGroup(name, site.Region)}; consumers of this link cannot be served."),
            ]));
            var azAlarms = site.Vpc.Azs.Select(az => Alarm($"{name}-{(topology.Mode == DeployMode.Relay ? "" : "provider-")}{Slug(az)}-reset-packets", CloudWatchMetrics.ResetPackets, AlarmComparison.GreaterThanThreshold, t.ResetPackets, t, az,
                $"{link}: the endpoint service resets connections in {az} (AWS: \"to detect unhealthy targets of an endpoint service\")."))
                .ToList();
            resources.Add(new MonitoredResource(MonitoredKind.EndpointService, link, stack, site.Account, site.Region, azAlarms));
            notifications.Add(new PlannedNotification(link, stack, site.Account, site.Region, CloudWatchMetrics.ConnectionEvents));
        }

        var serviceRegion = topology.Mode == DeployMode.Native ? topology.Provider.Region : null;
        foreach (var consumer in topology.Consumers)
        {
            var stack = NameScheme.ConsumerStack(name, consumer.Name);
            var site = consumer.Network;
            if (serviceRegion is not null && site.Region != serviceRegion)
            {
                // AWS publishes no endpoint metrics for consumers that use cross-Region access (CloudWatchMetrics.PacketsDropped).
                resources.Add(new MonitoredResource(MonitoredKind.Endpoint, consumer.Name, stack, site.Account, site.Region, [],
                    $"cross-Region endpoint: AWS publishes no PrivateLink endpoint metrics for it; the provider's target-group and endpoint-service alarms cover the link"));
                continue;
            }

            resources.Add(new MonitoredResource(MonitoredKind.Endpoint, consumer.Name, stack, site.Account, site.Region,
            [
                Alarm($"{name}-{Slug(consumer.Name)}-packets-dropped", CloudWatchMetrics.PacketsDropped, AlarmComparison.GreaterThanThreshold, t.PacketsDropped, t, null,
                    $"consumer {consumer.Name}: the interface endpoint drops packets (AWS: \"the endpoint or endpoint service is unhealthy\"; packets over 8500 bytes are dropped)."),
            ]));
        }

        var groups = resources.GroupBy(r => (r.Account, r.Region)).ToList();
        var dashboards = groups
            .Where(g => g.Any(r => r.Alarms.Count > 0))
            .Select(g => new PlannedDashboard($"{name}-{g.Key.Region}", g.First(r => r.Alarms.Count > 0).Stack, g.Key.Account, g.Key.Region,
                g.SelectMany(r => r.Alarms).Select(a => a.Name).ToList()))
            .ToList();
        var topicHome = TopicHome(spec.TopicArn);
        var topics = groups
            .Select(g =>
            {
                var existing = topicHome is { } home && home.Region == g.Key.Region && (g.Key.Account is null || g.Key.Account == home.Account) ? spec.TopicArn : null;
                return new PlannedTopic(g.First().Stack, g.Key.Account, g.Key.Region, existing, $"{name}-alerts", existing is null ? spec.Email : null);
            })
            .ToList();
        if (spec.TopicArn is not null && topics.Any(x => x.Created))
            notes.Add($"topicArn {spec.TopicArn} serves its own account and Region only: Interlink keeps each alarm and notification publishing to a topic in its own account and Region (no stack references another account or Region), so it creates '{name}-alerts' in {string.Join(", ", topics.Where(x => x.Created).Select(x => x.Region).Distinct())} — subscribe to those too");
        if (spec.TopicArn is null && spec.Email is null)
            notes.Add($"no topicArn or email: Interlink creates '{name}-alerts' topics with no subscriber; subscribe to them, or set monitoring.email");
        if (spec.Email is not null && topics.Count(x => x.Created) > 1)
            notes.Add($"{spec.Email} receives one SNS confirmation mail per topic ({topics.Count(x => x.Created)}); each must be confirmed");
        return new MonitoringPlan(true, t, resources, dashboards, topics, notifications, notes);
    }

    /// <summary>
    /// The billable monitoring of <paramref name="topology"/> built in <paramref name="mode"/>. In the topology's own
    /// mode that is its plan's; relay from a native topology assumes a relay per consumer Region (in the provider's
    /// account, with the AZs of that Region's consumer with the most), as the cost comparison does; native from a relay
    /// topology drops the relays.
    /// </summary>
    public static MonitoringUsage Usage(Topology topology, DeployMode mode)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (mode == topology.Mode)
            return Plan(topology).Usage;
        var relays = mode == DeployMode.Relay
            ? topology.Consumers.GroupBy(c => c.Network.Region)
                .Select(g => new RelaySite(new NetworkSite(topology.Provider.Account, g.Key, g.MaxBy(c => c.Network.Vpc.Azs.Count)!.Network.Vpc), false))
                .ToList()
            : [];
        return Plan(topology with { Mode = mode, Relays = relays }).Usage;
    }

    private static PlannedAlarm Alarm(string alarmName, MetricDefinition metric, AlarmComparison comparison, int threshold, AlarmThresholds t, string? az, string description) =>
        new(alarmName, metric, comparison, threshold, t.PeriodSeconds, t.EvaluationPeriods, t.EvaluationPeriods, TreatMissingData, az, description);

    /// <summary>(account, Region) of an SNS topic ARN, or null when it is not one.</summary>
    private static (string Account, string Region)? TopicHome(string? arn)
    {
        var parts = arn?.Split(':');
        return parts is { Length: 6 } && parts[2] == "sns" ? (parts[4], parts[3]) : null;
    }

    private static string Slug(string text) => text.ToLowerInvariant();
}
