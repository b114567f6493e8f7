using System.Text.RegularExpressions;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL090: <c>monitoring.topicArn</c> is the ARN of an SNS topic.</summary>
public sealed partial class MonitoringTopicRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL090";

    /// <inheritdoc />
    public override string Title => "monitoring.topicArn is an SNS topic ARN";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var arn = context.Config.Monitoring.TopicArn;
        if (arn is not null && !TopicArn().IsMatch(arn))
            Report(context, "monitoring.topicArn", $"'{arn}' is not the ARN of an SNS topic, so no alarm could publish to it",
                "write the topic's ARN as 'aws sns list-topics' prints it, e.g. arn:aws:sns:us-east-1:111111111111:alerts");
    }

    // SNS topic ARN: arn:PARTITION:sns:REGION:ACCOUNT:NAME; topic names are 1-256 letters, digits, '-' and '_'
    // (FIFO topics end in .fifo). Amazon SNS API Reference, CreateTopic, "Name" (checked 2026-11-30).
    [GeneratedRegex("^arn:aws(-cn|-us-gov)?:sns:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$")]
    private static partial Regex TopicArn();
}

/// <summary>IL091: <c>monitoring.email</c> is an e-mail address.</summary>
public sealed partial class MonitoringEmailRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL091";

    /// <inheritdoc />
    public override string Title => "monitoring.email is an e-mail address";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var email = context.Config.Monitoring.Email;
        if (email is not null && !Address().IsMatch(email))
            Report(context, "monitoring.email", $"'{email}' is not an e-mail address, so SNS could not deliver the alarms to it",
                "write one address, e.g. ops@example.com (SNS sends it a confirmation link to accept)");
    }

    // Deliberately loose: one '@', no spaces, a dot in the domain. SNS itself confirms the address by mail.
    [GeneratedRegex("^[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+$")]
    private static partial Regex Address();
}

/// <summary>IL092: alarm thresholds and the evaluation window are values CloudWatch accepts and that can fire.</summary>
public sealed class MonitoringThresholdRule : Rule
{
    // CloudWatch API Reference, PutMetricAlarm, Period (checked 2026-11-30): "Period multiplied by EvaluationPeriods
    // can't be more than 604,800 seconds. For alarms with a period of less than one hour (3,600 seconds), the total
    // evaluation period can't be longer than one day (86,400 seconds)."
    private const long MaxWindowSeconds = 604_800;
    private const long MaxShortPeriodWindowSeconds = 86_400;

    /// <inheritdoc />
    public override string Code => "IL092";

    /// <inheritdoc />
    public override string Title => "Monitoring thresholds, period and evaluation periods are in range";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var t = context.Config.Monitoring.Thresholds;
        NotNegative(context, "unhealthyHosts", t.UnhealthyHosts, "0 alarms on the first unhealthy target");
        NotNegative(context, "packetsDropped", t.PacketsDropped, "0 alarms on the first dropped packet");
        NotNegative(context, "resetPackets", t.ResetPackets, "10 tolerates the odd reset a client causes");
        if (t.HealthyHosts < 1)
            Report(context, "monitoring.healthyHosts", $"healthyHosts {t.HealthyHosts} can never fire: the alarm is 'fewer healthy targets than this', and a count is never below {t.HealthyHosts}",
                "use 1 (alarm when no target is healthy) or more");

        // PutMetricAlarm, Period: "Valid values are 10, 20, 30, and any multiple of 60"; 10-30 only for metrics stored at
        // one-second resolution, else the alarm "might often lapse into INSUFFICIENT_DATA". NLB and PrivateLink publish
        // every 60 s (their CloudWatch metrics pages), so only whole minutes make sense here.
        if (t.PeriodSeconds < 60 || t.PeriodSeconds % 60 != 0)
        {
            Report(context, "monitoring.period", $"period {t.PeriodSeconds} s is not a whole number of minutes; NLB and PrivateLink publish their metrics once a minute",
                "use 60 (the default) or another multiple of 60");
        }
        else if (t.EvaluationPeriods >= 1)
        {
            var window = (long)t.PeriodSeconds * t.EvaluationPeriods;
            var limit = t.PeriodSeconds < 3600 ? MaxShortPeriodWindowSeconds : MaxWindowSeconds;
            if (window > limit)
                Report(context, "monitoring.evaluationPeriods", $"period {t.PeriodSeconds} s × {t.EvaluationPeriods} evaluation periods is {window} s, longer than the {limit} s CloudWatch evaluates",
                    $"keep period × evaluationPeriods at most {limit} s (1 day under hour-long periods, else 7 days)");
        }

        if (t.EvaluationPeriods < 1)
            Report(context, "monitoring.evaluationPeriods", $"evaluationPeriods {t.EvaluationPeriods} evaluates nothing", "use 1 or more (default 5)");
    }

    private void NotNegative(ValidationContext context, string key, int value, string hint)
    {
        if (value < 0)
            Report(context, $"monitoring.{key}", $"{key} {value} is negative: the alarm is 'more than this', so it would be in ALARM all the time",
                $"use 0 or more ({hint})");
    }
}
