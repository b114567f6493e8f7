using Interlink.Core.Model;

namespace Interlink.Core.Monitoring;

/// <summary>What kind of link resource an alarm watches.</summary>
public enum MonitoredKind
{
    /// <summary>The NLB target group in front of the provider's targets (a relay's, or the provider's own in native mode).</summary>
    TargetGroup,

    /// <summary>The VPC endpoint service on that NLB.</summary>
    EndpointService,

    /// <summary>A consumer's interface endpoint.</summary>
    Endpoint,
}

/// <summary>How an alarm compares its statistic with the threshold (CloudFormation ComparisonOperator values).</summary>
public enum AlarmComparison
{
    /// <summary>GreaterThanThreshold.</summary>
    GreaterThanThreshold,

    /// <summary>LessThanThreshold.</summary>
    LessThanThreshold,
}

/// <summary>
/// One CloudWatch alarm Interlink plans: exactly what <c>AWS::CloudWatch::Alarm</c> needs besides the dimension values
/// (which <see cref="MetricDefinition.Dimensions"/> says how to fill) and the topic ARN.
/// </summary>
/// <param name="Name">AlarmName: unique in its account and Region (design name first).</param>
/// <param name="Metric">Namespace, metric, statistic and dimensions, from the metric table.</param>
/// <param name="Comparison">ComparisonOperator.</param>
/// <param name="Threshold">Threshold.</param>
/// <param name="PeriodSeconds">Period.</param>
/// <param name="EvaluationPeriods">EvaluationPeriods.</param>
/// <param name="DatapointsToAlarm">DatapointsToAlarm (equal to EvaluationPeriods: every datapoint must breach).</param>
/// <param name="TreatMissingData">TreatMissingData: how a minute without data counts.</param>
/// <param name="AzId">For per-AZ metrics (RstPacketsSent), the AZ ID of the NLB subnet whose AZ name fills the <c>Az</c> dimension.</param>
/// <param name="Description">AlarmDescription: what it means and where to look.</param>
public sealed record PlannedAlarm(
    string Name,
    MetricDefinition Metric,
    AlarmComparison Comparison,
    int Threshold,
    int PeriodSeconds,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    string TreatMissingData,
    string? AzId,
    string Description)
{
    /// <summary>The alarm's condition in words, e.g. "UnHealthyHostCount (Maximum) > 0 for 5 × 60 s".</summary>
    public string Condition =>
        $"{Metric.MetricName} ({Metric.Statistic}) {(Comparison == AlarmComparison.GreaterThanThreshold ? ">" : "<")} {Threshold} for {DatapointsToAlarm} of {EvaluationPeriods} × {PeriodSeconds} s";

    /// <summary>Whether <paramref name="value"/> breaches the threshold.</summary>
    public bool Breaches(double value) => Comparison == AlarmComparison.GreaterThanThreshold ? value > Threshold : value < Threshold;
}

/// <summary>One monitored link resource and its alarms.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Link">The link it belongs to: the relay's Region (relay mode), the provider (native mode), or the consumer's name.</param>
/// <param name="Stack">The stack that owns the resource, and so its alarms (no cross-account references).</param>
/// <param name="Account">Its account, or null for the deploying account.</param>
/// <param name="Region">Its Region.</param>
/// <param name="Alarms">Its alarms; empty when AWS publishes no metric for it (see <paramref name="Note"/>).</param>
/// <param name="Note">Why it has no alarm, or null.</param>
public sealed record MonitoredResource(
    MonitoredKind Kind,
    string Link,
    string Stack,
    string? Account,
    string Region,
    IReadOnlyList<PlannedAlarm> Alarms,
    string? Note = null);

/// <summary>One CloudWatch dashboard: per account and Region, named after the design, with a widget per alarm.</summary>
/// <param name="Name">DashboardName.</param>
/// <param name="Stack">The stack that holds it (the first monitored stack of that account and Region).</param>
/// <param name="Account">Account, or null for the deploying account.</param>
/// <param name="Region">Region.</param>
/// <param name="Alarms">Names of the alarms it shows.</param>
public sealed record PlannedDashboard(string Name, string Stack, string? Account, string Region, IReadOnlyList<string> Alarms);

/// <summary>Where the alarms and notifications of one account and Region publish.</summary>
/// <param name="Stack">The stack that holds the topic when Interlink creates it.</param>
/// <param name="Account">Account, or null for the deploying account.</param>
/// <param name="Region">Region.</param>
/// <param name="ExistingArn">The user's topic (<c>monitoring.topicArn</c>) when it is in this account and Region; null: Interlink creates one.</param>
/// <param name="TopicName">Name of the topic Interlink creates.</param>
/// <param name="Email">The address subscribed to a created topic, or null.</param>
public sealed record PlannedTopic(string Stack, string? Account, string Region, string? ExistingArn, string TopicName, string? Email)
{
    /// <summary>True when Interlink creates the topic.</summary>
    public bool Created => ExistingArn is null;
}

/// <summary>An <c>AWS::EC2::VPCEndpointConnectionNotification</c> on an endpoint service.</summary>
/// <param name="Link">The link of the endpoint service.</param>
/// <param name="Stack">The stack that owns the endpoint service.</param>
/// <param name="Account">Account, or null.</param>
/// <param name="Region">Region.</param>
/// <param name="Events">ConnectionEvents.</param>
public sealed record PlannedNotification(string Link, string Stack, string? Account, string Region, IReadOnlyList<string> Events);

/// <summary>
/// Every alarm, dashboard, topic and connection notification of a design, derived from the topology alone: the one
/// list that templates emit, <c>plan</c> shows, <c>cost</c> prices and the lab evaluates.
/// </summary>
/// <param name="Enabled">False for <c>monitoring: false</c> (then every list is empty).</param>
/// <param name="Thresholds">The thresholds used.</param>
/// <param name="Resources">Monitored link resources with their alarms.</param>
/// <param name="Dashboards">Dashboards.</param>
/// <param name="Topics">SNS topics, one per account and Region with monitored resources.</param>
/// <param name="Notifications">Connection notifications.</param>
/// <param name="Notes">What the plan assumes or leaves out, one sentence each.</param>
public sealed record MonitoringPlan(
    bool Enabled,
    AlarmThresholds Thresholds,
    IReadOnlyList<MonitoredResource> Resources,
    IReadOnlyList<PlannedDashboard> Dashboards,
    IReadOnlyList<PlannedTopic> Topics,
    IReadOnlyList<PlannedNotification> Notifications,
    IReadOnlyList<string> Notes)
{
    /// <summary>Every alarm.</summary>
    public IReadOnlyList<PlannedAlarm> Alarms => Resources.SelectMany(r => r.Alarms).ToList();

    /// <summary>What it adds to the bill.</summary>
    public MonitoringUsage Usage => new(
        Alarms.Count,
        Dashboards.Count,
        Topics.Count(t => t.Created),
        Topics.Count(t => t.Created && t.Email is not null),
        Notifications.Count);
}

/// <summary>The billable parts of a monitoring plan.</summary>
/// <param name="Alarms">Standard-resolution metric alarms (one metric each).</param>
/// <param name="Dashboards">Custom dashboards.</param>
/// <param name="Topics">SNS topics Interlink creates (topics cost nothing by themselves; their deliveries do).</param>
/// <param name="EmailSubscriptions">E-mail subscriptions.</param>
/// <param name="ConnectionNotifications">VPC endpoint connection notifications (no charge of their own; each event is an SNS publish).</param>
public sealed record MonitoringUsage(int Alarms, int Dashboards, int Topics, int EmailSubscriptions, int ConnectionNotifications)
{
    /// <summary>Nothing monitored.</summary>
    public static MonitoringUsage None { get; } = new(0, 0, 0, 0, 0);
}
