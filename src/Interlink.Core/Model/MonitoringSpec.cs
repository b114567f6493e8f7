namespace Interlink.Core.Model;

/// <summary>
/// What <c>monitoring:</c> asks for: CloudWatch alarms on every link, a dashboard per account and Region, and VPC
/// endpoint connection notifications, routed to an existing SNS topic or to an e-mail address. On unless
/// <c>monitoring: false</c>. The alarms themselves are listed by <see cref="Interlink.Core.Monitoring.MonitoringPlanner"/>.
/// </summary>
/// <param name="Enabled">False for <c>monitoring: false</c>.</param>
/// <param name="TopicArn">An existing SNS topic the alarms and notifications publish to, or null.</param>
/// <param name="Email">An address Interlink subscribes to the topics it creates, or null.</param>
/// <param name="Thresholds">When each alarm fires.</param>
public sealed record MonitoringSpec(bool Enabled, string? TopicArn, string? Email, AlarmThresholds Thresholds)
{
    /// <summary>Nothing said: on, with the default thresholds, no topic and no address given.</summary>
    public static MonitoringSpec Default { get; } = new(true, null, null, AlarmThresholds.Default);

    /// <summary><c>monitoring: false</c>.</summary>
    public static MonitoringSpec Off { get; } = Default with { Enabled = false };
}

/// <summary>
/// Thresholds and evaluation window of Interlink's alarms. Defaults follow AWS's "Recommended alarms" (CloudWatch User
/// Guide, https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html,
/// checked 2026-11-30) where AWS gives a figure: period 60 s, 5 datapoints out of 5 evaluation periods for
/// PrivateLink's PacketsDropped and RstPacketsSent. Where AWS says "depends on your situation" the choice is ours and
/// says why.
/// </summary>
/// <param name="UnhealthyHosts">Alarm when a relay target group's UnHealthyHostCount (Maximum) exceeds this; default 0: one dead target is news.</param>
/// <param name="HealthyHosts">Alarm when HealthyHostCount (Minimum) falls below this; default 1: no healthy target means the link is down.</param>
/// <param name="PacketsDropped">Alarm when a consumer endpoint's PacketsDropped (Sum per period) exceeds this; default 0 (AWS: "set the threshold low").</param>
/// <param name="ResetPackets">
/// Alarm when an endpoint service's RstPacketsSent (Sum per period) exceeds this; default 10 per minute, because an
/// occasional reset is normal TCP (a client closing hard) while a target that refuses connections resets every one.
/// </param>
/// <param name="PeriodSeconds">Seconds per evaluated datapoint; default 60 (AWS's recommendation; PrivateLink and NLB publish every 60 s).</param>
/// <param name="EvaluationPeriods">Datapoints evaluated, all of which must breach (datapoints to alarm = evaluation periods); default 5.</param>
public sealed record AlarmThresholds(
    int UnhealthyHosts = 0,
    int HealthyHosts = 1,
    int PacketsDropped = 0,
    int ResetPackets = 10,
    int PeriodSeconds = 60,
    int EvaluationPeriods = 5)
{
    /// <summary>Every default.</summary>
    public static AlarmThresholds Default { get; } = new();
}
