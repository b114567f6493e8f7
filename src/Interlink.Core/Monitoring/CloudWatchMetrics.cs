namespace Interlink.Core.Monitoring;

/// <summary>What an alarm watches, one per kind of trouble on a link.</summary>
public enum Signal
{
    /// <summary>A relay (or native provider) NLB target group has unhealthy targets.</summary>
    UnhealthyHosts,

    /// <summary>A target group has too few healthy targets (none, by default): the link is down.</summary>
    HealthyHosts,

    /// <summary>An endpoint service resets connections (targets refusing or gone).</summary>
    ResetPackets,

    /// <summary>A consumer's interface endpoint drops packets.</summary>
    PacketsDropped,
}

/// <summary>One dimension of a metric: its exact name (names with spaces are AWS's own) and the value to give it.</summary>
/// <param name="Name">The dimension name exactly as AWS publishes it.</param>
/// <param name="Value">How a template fills it, in CloudFormation terms.</param>
public sealed record MetricDimension(string Name, string Value);

/// <summary>
/// A CloudWatch metric an Interlink alarm watches, as AWS documents it. An alarm matches a metric only when namespace,
/// name and the complete set of dimensions match exactly, so a dimension name off by a space or a case is an alarm that
/// never leaves INSUFFICIENT_DATA.
/// </summary>
/// <param name="Signal">What it signals.</param>
/// <param name="Namespace">CloudWatch namespace.</param>
/// <param name="MetricName">Metric name.</param>
/// <param name="Statistic">Statistic the alarm uses (one AWS names as useful for the metric).</param>
/// <param name="Dimensions">The complete dimension set the alarm names, in AWS's documented order.</param>
/// <param name="Source">The AWS page naming namespace, metric and dimensions.</param>
/// <param name="Checked">When the names were checked against <paramref name="Source"/>.</param>
/// <param name="Notes">What else the page says that the alarm depends on.</param>
public sealed record MetricDefinition(
    Signal Signal,
    string Namespace,
    string MetricName,
    string Statistic,
    IReadOnlyList<MetricDimension> Dimensions,
    string Source,
    DateOnly Checked,
    string Notes)
{
    /// <summary>The dimension names, in order.</summary>
    public IReadOnlyList<string> DimensionNames => Dimensions.Select(d => d.Name).ToList();
}

/// <summary>
/// The metric table: every namespace, metric and dimension name Interlink's alarms and dashboards use, from AWS's
/// documentation with its address and the date it was checked. Templates must use exactly these names (a test
/// compares them); the dimension values say which CloudFormation attribute gives each.
/// </summary>
public static class CloudWatchMetrics
{
    /// <summary>When the names below were checked.</summary>
    public static readonly DateOnly Checked = new(2026, 11, 30);

    /// <summary>"CloudWatch metrics for your Network Load Balancer" (Elastic Load Balancing, Network Load Balancers guide).</summary>
    public const string NlbMetricsPage = "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html";

    /// <summary>"CloudWatch metrics for AWS PrivateLink" (AWS PrivateLink guide).</summary>
    public const string PrivateLinkMetricsPage = "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cloudwatch-metrics.html";

    /// <summary>"Recommended alarms" (Amazon CloudWatch User Guide): AWS's own alarm for each PrivateLink metric.</summary>
    public const string RecommendedAlarmsPage = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html";

    private const string TargetGroupValue =
        "Fn::GetAtt <TargetGroup>.TargetGroupFullName, i.e. 'targetgroup/<name>/<id>' (the suffix of the target group ARN); the CDK's own NetworkTargetGroup metrics use targetGroupFullName";

    private const string LoadBalancerValue =
        "Fn::GetAtt <LoadBalancer>.LoadBalancerFullName, i.e. 'net/<name>/<id>' (the suffix of the load balancer ARN); the CDK's own NetworkTargetGroup metrics use loadBalancerFullName";

    /// <summary>Target group metrics of the NLB: the AWS/NetworkELB namespace.</summary>
    public static readonly MetricDefinition UnhealthyHosts = new(
        Signal.UnhealthyHosts, "AWS/NetworkELB", "UnHealthyHostCount", "Maximum",
        [new("LoadBalancer", LoadBalancerValue), new("TargetGroup", TargetGroupValue)],
        NlbMetricsPage, Checked,
        "Documented dimension sets for UnHealthyHostCount and HealthyHostCount: 'LoadBalancer, TargetGroup' and 'AvailabilityZone, LoadBalancer, TargetGroup'; "
        + "Interlink alarms on the set without AvailabilityZone (the whole target group). Reported when health checks are enabled; "
        + "the page names Average, Maximum and Minimum as the useful statistics: Maximum catches one unhealthy target in any minute. "
        + "ELB publishes in 60-second intervals and only while traffic flows or a metric has data.");

    /// <summary>HealthyHostCount, same dimensions as <see cref="UnhealthyHosts"/>.</summary>
    public static readonly MetricDefinition HealthyHosts = new(
        Signal.HealthyHosts, "AWS/NetworkELB", "HealthyHostCount", "Minimum",
        [new("LoadBalancer", LoadBalancerValue), new("TargetGroup", TargetGroupValue)],
        NlbMetricsPage, Checked,
        "As UnHealthyHostCount; Minimum catches a minute in which no target was healthy.");

    /// <summary>RstPacketsSent of an endpoint service: the AWS/PrivateLinkServices namespace.</summary>
    public static readonly MetricDefinition ResetPackets = new(
        Signal.ResetPackets, "AWS/PrivateLinkServices", "RstPacketsSent", "Sum",
        [
            new("Service Id", "Ref <VPCEndpointService> (the service ID, vpce-svc-…)"),
            new("Load Balancer Arn", "Ref <LoadBalancer> (the NLB's full ARN)"),
            new("Az", "the Availability Zone NAME of one NLB subnet, e.g. Fn::GetAtt <Subnet>.AvailabilityZone ('us-west-2a'); one alarm per NLB AZ. The pages give the dimension name only: that the value is the AZ name, not the AZ ID, is an assumption to confirm on the first deployment (aws cloudwatch list-metrics --namespace AWS/PrivateLinkServices)"),
        ],
        RecommendedAlarmsPage, Checked,
        "AWS's recommended alarm: RstPacketsSent, dimensions 'Service Id, Load Balancer Arn, Az', statistic Sum, period 60, 5 of 5 datapoints, GREATER_THAN_THRESHOLD, "
        + "\"to detect unhealthy targets of an endpoint service\"; threshold \"depends on your situation\". "
        + "The metric list is on " + PrivateLinkMetricsPage + " (endpoint service metrics: ActiveConnections, BytesProcessed, EndpointsCount, NewConnections, RstPacketsSent). "
        + "NewConnections and ActiveConnections measure use, not trouble, and are dashboard widgets, not alarms.");

    /// <summary>PacketsDropped of an interface endpoint: the AWS/PrivateLinkEndpoints namespace.</summary>
    public static readonly MetricDefinition PacketsDropped = new(
        Signal.PacketsDropped, "AWS/PrivateLinkEndpoints", "PacketsDropped", "Sum",
        [
            new("Endpoint Type", "the literal 'Interface'"),
            new("Service Name", "the endpoint's ServiceName property (com.amazonaws.vpce.<region>.vpce-svc-…)"),
            new("VPC Endpoint Id", "Ref <VPCEndpoint> (vpce-…)"),
            new("VPC Id", "the endpoint's VpcId property"),
        ],
        PrivateLinkMetricsPage, Checked,
        "Endpoint metric dimension sets: 'Endpoint Type, Service Name, VPC Endpoint Id, VPC Id' and 'Endpoint Type, Service Name, Subnet Id, VPC Endpoint Id, VPC Id'; "
        + "Interlink alarms on the set without Subnet Id (the whole endpoint). AWS's recommended alarm (" + RecommendedAlarmsPage + "): PacketsDropped, Sum, period 60, "
        + "5 of 5 datapoints, GREATER_THAN_THRESHOLD, \"to detect if the endpoint or endpoint service is unhealthy\"; packets larger than 8500 bytes are dropped. "
        + "Metrics are NOT published \"for endpoint service consumers that use cross-Region access\" (the page's current text, as served on docs.amazonaws.cn): "
        + "a native-mode consumer in another Region has no PacketsDropped series, so Interlink plans no alarm for it.");

    /// <summary>Every metric of the table.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } = [UnhealthyHosts, HealthyHosts, ResetPackets, PacketsDropped];

    /// <summary>The metric of <paramref name="signal"/>.</summary>
    public static MetricDefinition For(Signal signal) => All.Single(m => m.Signal == signal);

    /// <summary>The VPC endpoint connection events the notifications subscribe to (AWS::EC2::VPCEndpointConnectionNotification ConnectionEvents).</summary>
    public static IReadOnlyList<string> ConnectionEvents { get; } = ["Connect", "Accept", "Reject", "Delete"];
}
