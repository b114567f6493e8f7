using Interlink.Core.Loading;
using Interlink.Core.Model;

namespace Interlink.Core.Tests.Rules;

/// <summary>'monitoring:' — on by default, 'false' turns it off, a mapping routes alerts and sets thresholds; IL090–IL092 and IL008.</summary>
public class MonitoringRulesTests
{
    private static InterlinkConfig Loaded(string text)
    {
        var result = ConfigLoader.LoadText(text, "interlink.yaml");
        Assert.NotNull(result.Config);
        return result.Config!;
    }

    [Fact]
    public void Monitoring_is_on_with_documented_defaults_when_the_config_says_nothing()
    {
        var monitoring = Loaded(ConfigText.Relay).Monitoring;
        Assert.True(monitoring.Enabled);
        Assert.Null(monitoring.TopicArn);
        Assert.Null(monitoring.Email);
        Assert.Equal(new AlarmThresholds(UnhealthyHosts: 0, HealthyHosts: 1, PacketsDropped: 0, ResetPackets: 10, PeriodSeconds: 60, EvaluationPeriods: 5), monitoring.Thresholds);
    }

    [Fact]
    public void Monitoring_false_turns_it_off_and_validates_clean()
    {
        var text = ConfigText.Relay.With("monitoring: false\n");
        Assert.False(Loaded(text).Monitoring.Enabled);
        Expect.Clean(text);
    }

    [Fact]
    public void A_mapping_sets_the_address_and_the_thresholds()
    {
        var text = ConfigText.Relay.With("monitoring:\n  email: ops@example.com\n  resetPackets: 50\n  period: 120\n  evaluationPeriods: 3\n");
        Expect.Clean(text);
        var monitoring = Loaded(text).Monitoring;
        Assert.True(monitoring.Enabled);
        Assert.Equal("ops@example.com", monitoring.Email);
        Assert.Equal(50, monitoring.Thresholds.ResetPackets);
        Assert.Equal(120, monitoring.Thresholds.PeriodSeconds);
        Assert.Equal(3, monitoring.Thresholds.EvaluationPeriods);
        Assert.Equal(0, monitoring.Thresholds.UnhealthyHosts);
    }

    [Fact]
    public void An_existing_topic_arn_validates_clean() =>
        Expect.Clean(ConfigText.Relay.With("monitoring:\n  topicArn: arn:aws:sns:us-west-2:222222222222:ops-alerts\n"));

    [Fact]
    public void A_topic_arn_and_an_email_together_are_IL008_at_the_email()
    {
        var report = ConfigText.Relay.With("monitoring:\n  topicArn: arn:aws:sns:us-west-2:222222222222:ops\n  email: ops@example.com\n").Validate();
        var finding = Assert.Single(report.Diagnostics, d => d.Code == LoadCodes.ConflictingKeys);
        Assert.Equal("monitoring.email", finding.Path);
        Assert.Contains("topicArn", finding.Message, StringComparison.Ordinal);
        Assert.False(report.IsValid);
    }

    [Theory]
    [InlineData("arn:aws:sqs:us-west-2:222222222222:ops")]
    [InlineData("arn:aws:sns:us-west-2:2222:ops")]
    [InlineData("ops-alerts")]
    [InlineData("arn:aws:sns:us-west-2:222222222222:ops alerts")]
    public void A_value_that_is_not_an_SNS_topic_ARN_is_IL090(string arn) =>
        Expect.Reported(ConfigText.Relay.With($"monitoring:\n  topicArn: \"{arn}\"\n"), "IL090", "monitoring.topicArn", arn);

    [Theory]
    [InlineData("ops")]
    [InlineData("ops@example")]
    [InlineData("ops@example.com, dev@example.com")]
    public void A_value_that_is_not_one_email_address_is_IL091(string email) =>
        Expect.Reported(ConfigText.Relay.With($"monitoring:\n  email: \"{email}\"\n"), "IL091", "monitoring.email", email);

    [Theory]
    [InlineData("unhealthyHosts: -1", "monitoring.unhealthyHosts", "-1")]
    [InlineData("packetsDropped: -5", "monitoring.packetsDropped", "-5")]
    [InlineData("resetPackets: -1", "monitoring.resetPackets", "-1")]
    [InlineData("healthyHosts: 0", "monitoring.healthyHosts", "never fire")]
    [InlineData("period: 30", "monitoring.period", "30")]
    [InlineData("period: 90", "monitoring.period", "90")]
    [InlineData("evaluationPeriods: 0", "monitoring.evaluationPeriods", "evaluates nothing")]
    [InlineData("evaluationPeriods: 1441", "monitoring.evaluationPeriods", "86400")]
    public void Thresholds_out_of_range_are_IL092(string setting, string path, string named) =>
        Expect.Reported(ConfigText.Relay.With($"monitoring:\n  {setting}\n"), "IL092", path, named);

    [Fact]
    public void A_day_long_window_of_one_minute_periods_is_the_most_CloudWatch_takes() =>
        Expect.Clean(ConfigText.Relay.With("monitoring:\n  evaluationPeriods: 1440\n"));

    [Fact]
    public void Hour_long_periods_may_span_seven_days_but_not_more()
    {
        Expect.Clean(ConfigText.Relay.With("monitoring:\n  period: 3600\n  evaluationPeriods: 168\n"));
        Expect.Reported(ConfigText.Relay.With("monitoring:\n  period: 3600\n  evaluationPeriods: 169\n"), "IL092", "monitoring.evaluationPeriods", "604800");
    }

    [Fact]
    public void A_threshold_written_as_text_is_IL004_with_an_example() =>
        Assert.Contains(ConfigText.Relay.With("monitoring:\n  resetPackets: many\n").Validate().Diagnostics,
            d => d.Code == LoadCodes.WrongType && d.Path == "monitoring.resetPackets" && d.Fix!.Contains("10", StringComparison.Ordinal));

    [Fact]
    public void Monitoring_neither_true_false_nor_a_mapping_is_IL004() =>
        Assert.Contains(ConfigText.Relay.With("monitoring: sometimes\n").Validate().Diagnostics,
            d => d.Code == LoadCodes.WrongType && d.Path == "monitoring");

    [Fact]
    public void An_unknown_monitoring_key_is_IL003_with_the_closest_key() =>
        Assert.Contains(ConfigText.Relay.With("monitoring:\n  emial: ops@example.com\n").Validate().Diagnostics,
            d => d.Code == LoadCodes.UnknownKey && d.Path == "monitoring.emial" && d.Message.Contains("email", StringComparison.Ordinal));
}
