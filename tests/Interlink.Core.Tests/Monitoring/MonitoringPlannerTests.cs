using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Pricing;
using Interlink.Core.Tests.Rules;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests.Monitoring;

/// <summary>The monitoring plan: per link, the alarms the templates will carry, in the stack that owns the resource.</summary>
public class MonitoringPlannerTests
{
    private static Topology Build(string text)
    {
        var report = ConfigValidator.ValidateText(text, "interlink.yaml");
        Assert.True(report.IsValid, string.Join("\n", report.Diagnostics.Select(d => d.ToOneLine())));
        return TopologyBuilder.Build(report);
    }

    [Fact]
    public void A_relay_gets_two_host_alarms_a_reset_alarm_per_NLB_AZ_and_a_connection_notification_in_the_relay_stack()
    {
        var plan = MonitoringPlanner.Plan(Build(ConfigText.Relay));
        var tg = Assert.Single(plan.Resources, r => r.Kind == MonitoredKind.TargetGroup);
        Assert.Equal("shop-relay-us-west-2", tg.Stack);
        Assert.Equal("222222222222", tg.Account);
        Assert.Equal(["shop-usw2-unhealthy-hosts", "shop-usw2-healthy-hosts"], tg.Alarms.Select(a => a.Name));
        Assert.Equal("UnHealthyHostCount (Maximum) > 0 for 5 of 5 × 60 s", tg.Alarms[0].Condition);
        Assert.Equal("HealthyHostCount (Minimum) < 1 for 5 of 5 × 60 s", tg.Alarms[1].Condition);

        var service = Assert.Single(plan.Resources, r => r.Kind == MonitoredKind.EndpointService);
        Assert.Equal(["usw2-az1", "usw2-az2"], service.Alarms.Select(a => a.AzId));
        Assert.All(service.Alarms, a => Assert.Equal("RstPacketsSent", a.Metric.MetricName));

        var notification = Assert.Single(plan.Notifications);
        Assert.Equal("shop-relay-us-west-2", notification.Stack);
        Assert.Equal(CloudWatchMetrics.ConnectionEvents, notification.Events);
    }

    [Fact]
    public void A_consumer_endpoint_gets_a_PacketsDropped_alarm_in_its_own_stack_and_account()
    {
        var plan = MonitoringPlanner.Plan(Build(ConfigText.Relay));
        var endpoint = Assert.Single(plan.Resources, r => r.Kind == MonitoredKind.Endpoint);
        Assert.Equal("shop-consumer-west", endpoint.Stack);
        Assert.Equal("333333333333", endpoint.Account);
        var alarm = Assert.Single(endpoint.Alarms);
        Assert.Equal("shop-west-packets-dropped", alarm.Name);
        Assert.Equal(CloudWatchMetrics.PacketsDropped, alarm.Metric);
    }

    [Fact]
    public void Every_alarm_uses_the_configured_window_all_datapoints_breaching_and_missing_data_not_breaching()
    {
        var plan = MonitoringPlanner.Plan(Build(ConfigText.Relay.With("monitoring:\n  period: 120\n  evaluationPeriods: 3\n")));
        Assert.All(plan.Alarms, a =>
        {
            Assert.Equal(120, a.PeriodSeconds);
            Assert.Equal(3, a.EvaluationPeriods);
            Assert.Equal(3, a.DatapointsToAlarm);
            Assert.Equal("notBreaching", a.TreatMissingData);
        });
        Assert.Equal(plan.Alarms.Count, plan.Alarms.Select(a => a.Name).Distinct().Count());
    }

    [Fact]
    public void A_native_consumer_in_another_Region_gets_no_alarm_because_AWS_publishes_no_endpoint_metrics_for_cross_Region_access()
    {
        var plan = MonitoringPlanner.Plan(Build(ConfigText.Native));
        var endpoint = Assert.Single(plan.Resources, r => r.Kind == MonitoredKind.Endpoint);
        Assert.Empty(endpoint.Alarms);
        Assert.Contains("cross-Region", endpoint.Note, StringComparison.Ordinal);
        var tg = Assert.Single(plan.Resources, r => r.Kind == MonitoredKind.TargetGroup);
        Assert.Equal("ledger-provider", tg.Stack);
        Assert.Equal(["ledger-provider-unhealthy-hosts", "ledger-provider-healthy-hosts"], tg.Alarms.Select(a => a.Name));
        Assert.Equal(["ledger-provider-use1-az1-reset-packets", "ledger-provider-use1-az2-reset-packets"],
            plan.Resources.Single(r => r.Kind == MonitoredKind.EndpointService).Alarms.Select(a => a.Name));
    }

    [Fact]
    public void One_dashboard_and_one_topic_per_account_and_Region_named_after_the_design()
    {
        var plan = MonitoringPlanner.Plan(Build(ConfigText.Relay.With("monitoring:\n  email: ops@example.com\n")));
        Assert.Equal([("222222222222", "us-west-2"), ("333333333333", "us-west-2")], plan.Dashboards.Select(d => (d.Account, d.Region)));
        Assert.All(plan.Dashboards, d => Assert.Equal("shop-us-west-2", d.Name));
        Assert.Equal(5, plan.Dashboards.Sum(d => d.Alarms.Count));
        Assert.All(plan.Topics, t =>
        {
            Assert.True(t.Created);
            Assert.Equal("shop-alerts", t.TopicName);
            Assert.Equal("ops@example.com", t.Email);
        });
        Assert.Equal(new MonitoringUsage(Alarms: 5, Dashboards: 2, Topics: 2, EmailSubscriptions: 2, ConnectionNotifications: 1), plan.Usage);
        Assert.Contains(plan.Notes, n => n.Contains("confirmation", StringComparison.Ordinal));
    }

    [Fact]
    public void An_existing_topic_serves_its_own_account_and_Region_and_the_others_get_a_created_topic_with_a_note()
    {
        var plan = MonitoringPlanner.Plan(Build(ConfigText.Relay.With("monitoring:\n  topicArn: arn:aws:sns:us-west-2:222222222222:ops\n")));
        var relay = plan.Topics.Single(t => t.Account == "222222222222");
        Assert.Equal("arn:aws:sns:us-west-2:222222222222:ops", relay.ExistingArn);
        Assert.False(relay.Created);
        Assert.True(plan.Topics.Single(t => t.Account == "333333333333").Created);
        Assert.Contains(plan.Notes, n => n.Contains("arn:aws:sns:us-west-2:222222222222:ops", StringComparison.Ordinal));
    }

    [Fact]
    public void Monitoring_off_plans_nothing_and_prices_nothing()
    {
        var topology = Build(ConfigText.Relay.With("monitoring: false\n"));
        var plan = MonitoringPlanner.Plan(topology);
        Assert.False(plan.Enabled);
        Assert.Empty(plan.Alarms);
        Assert.Equal(MonitoringUsage.None, plan.Usage);
        var estimate = CostEstimator.Estimate(BillOfMaterials.For(topology, DeployMode.Relay));
        Assert.DoesNotContain(estimate.Lines, l => l.Unit is "alarm-month" or "dashboard-month");
    }

    [Fact]
    public void The_cost_prices_each_alarm_and_dashboard_at_list_price_with_the_source()
    {
        var topology = Build(ConfigText.Relay);
        var estimate = CostEstimator.Estimate(BillOfMaterials.For(topology, DeployMode.Relay));
        var alarms = Assert.Single(estimate.Lines, l => l.Unit == "alarm-month");
        Assert.Equal(5, alarms.Quantity);
        Assert.Equal(0.50m, alarms.Monthly);
        var dashboards = Assert.Single(estimate.Lines, l => l.Unit == "dashboard-month");
        Assert.Equal(6.00m, dashboards.Monthly);
        Assert.Contains(PriceCatalog.Sources, s => s.Name == nameof(PriceCatalog.AlarmMonth) && s.Page == "https://aws.amazon.com/cloudwatch/pricing/");
        Assert.Contains(PriceCatalog.Sources, s => s.Name == nameof(PriceCatalog.SnsEmail) && s.Page == "https://aws.amazon.com/sns/pricing/");
    }

    [Fact]
    public void The_other_design_in_the_comparison_is_priced_with_its_own_monitoring()
    {
        var topology = Build(ConfigText.Native);
        // Native: 2 host alarms + 2 reset alarms (provider AZs), no endpoint alarm (cross-Region). Relay assumed in
        // us-west-2 with the consumer's 2 AZs: 2 + 2 + 1 endpoint alarm.
        Assert.Equal(4, BillOfMaterials.For(topology, DeployMode.Native).Monitoring.Alarms);
        Assert.Equal(5, BillOfMaterials.For(topology, DeployMode.Relay).Monitoring.Alarms);
    }
}
