using Interlink.Analysis.Reports.Tests.Support;
using Interlink.Analysis.Security;
using Interlink.Testing;
using Interlink.Core.Monitoring;

namespace Interlink.Analysis.Reports.Tests;

/// <summary>
/// ILS020 (a link resource without an alarm in its stack) and ILS021 (alarm dimensions other than AWS's), over the
/// synthesized seed with its alarms taken out and hand-made ones added. The synthesized templates carry the monitoring
/// plan's alarms, so neither fires on them.
/// </summary>
[Collection(AssemblyCollection.Name)]
public sealed class MonitoringRuleTests(Assemblies assemblies)
{
    private static readonly string TargetGroup = Ids.Of("LoadBalancer/TargetGroup");
    private static readonly string EndpointService = Ids.Of("EndpointService/Service");
    private static readonly string LoadBalancer = Ids.Of("LoadBalancer/LoadBalancer");

    [Theory]
    [InlineData("seed")]
    [InlineData("single-account")]
    [InlineData("fan-out")]
    [InlineData("native")]
    [InlineData("existing-vpcs")]
    public void The_synthesized_examples_watch_every_link_with_AWSs_dimension_names(string example)
    {
        var findings = SecurityCheck.Run(assemblies.Read(example), []).Findings;
        Assert.DoesNotContain(findings, f => f.Rule is "ILS020" or "ILS021");
    }

    [Fact]
    public void ILS020_flags_the_target_group_the_endpoint_service_and_the_consumer_endpoint_when_their_alarms_are_gone()
    {
        var findings = SecurityCheck.Run(WithoutAlarms().Assembly(), []).Findings.Where(f => f.Rule == "ILS020").ToList();
        Assert.Equal(
            [("awsmorocco-consumer-west", Ids.Of("Endpoint/Endpoint")), ("awsmorocco-relay-us-west-2", EndpointService), ("awsmorocco-relay-us-west-2", TargetGroup)],
            findings.Select(f => (f.Stack, f.LogicalId)).Order());
        Assert.All(findings, f => Assert.Equal(SecuritySeverity.Warning, f.Severity));
    }

    private MutableAssembly WithoutAlarms(string example = "seed") => assemblies.Mutable(example).EditAll(t => t.RemoveAll("AWS::CloudWatch::Alarm"));

    [Fact]
    public void ILS020_is_quiet_for_resources_an_alarm_in_their_stack_names_in_its_dimensions()
    {
        var report = SecurityCheck.Run(WithoutAlarms().Edit("relay-us-west-2", t =>
        {
            t.Add("UnhealthyHostsAlarm", "AWS::CloudWatch::Alarm", Alarm(CloudWatchMetrics.UnhealthyHosts, new JsonObject
            {
                ["LoadBalancer"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(LoadBalancer, "LoadBalancerFullName") },
                ["TargetGroup"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(TargetGroup, "TargetGroupFullName") },
            }));
            t.Add("ResetPacketsAlarm", "AWS::CloudWatch::Alarm", Alarm(CloudWatchMetrics.ResetPackets, new JsonObject
            {
                ["Service Id"] = new JsonObject { ["Ref"] = EndpointService },
                ["Load Balancer Arn"] = new JsonObject { ["Ref"] = LoadBalancer },
                ["Az"] = "us-west-2a",
            }));
        }).Assembly(), []);
        Assert.DoesNotContain(report.Findings, f => f.Rule == "ILS020" && f.Stack == "awsmorocco-relay-us-west-2");
        Assert.Contains(report.Findings, f => f.Rule == "ILS020" && f.Stack == "awsmorocco-consumer-west");
        Assert.DoesNotContain(report.Findings, f => f.Rule == "ILS021");
    }

    [Fact]
    public void An_alarm_on_the_load_balancer_alone_does_not_watch_the_target_group()
    {
        var report = SecurityCheck.Run(WithoutAlarms().Edit("relay-us-west-2", t =>
            t.Add("ActiveFlowsAlarm", "AWS::CloudWatch::Alarm", new JsonObject
            {
                ["Namespace"] = "AWS/NetworkELB",
                ["MetricName"] = "ActiveFlowCount",
                ["Statistic"] = "Average",
                ["Period"] = 60,
                ["EvaluationPeriods"] = 5,
                ["Threshold"] = 1000,
                ["ComparisonOperator"] = "GreaterThanThreshold",
                ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "LoadBalancer", ["Value"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(LoadBalancer, "LoadBalancerFullName") } }),
            })).Assembly(), []);
        Assert.Contains(report.Findings, f => f.Rule == "ILS020" && f.LogicalId == TargetGroup);
    }

    [Fact]
    public void An_alarm_referencing_the_endpoint_through_Fn_Sub_watches_it()
    {
        var report = SecurityCheck.Run(WithoutAlarms().Edit("consumer-west", t =>
            t.Add("DroppedAlarm", "AWS::CloudWatch::Alarm", Alarm(CloudWatchMetrics.PacketsDropped, new JsonObject
            {
                ["Endpoint Type"] = "Interface",
                ["Service Name"] = new JsonObject { ["Ref"] = "EndpointServiceName" },
                ["VPC Endpoint Id"] = new JsonObject { ["Fn::Sub"] = "${Endpoint8024A810}" },
                ["VPC Id"] = "vpc-0123456789abcdef0",
            }))).Assembly(), []);
        Assert.DoesNotContain(report.Findings, f => f.Rule == "ILS020" && f.Stack == "awsmorocco-consumer-west");
    }

    [Fact]
    public void An_alarm_naming_the_endpoint_only_in_the_branch_a_condition_rules_out_does_not_watch_it()
    {
        // The rule reads the dimension as the resolver does: the condition is false offline, so the alarm watches another endpoint.
        var report = SecurityCheck.Run(WithoutAlarms().Edit("consumer-west", t =>
        {
            t.Section("Conditions")["Never"] = new JsonObject { ["Fn::Equals"] = new JsonArray("a", "b") };
            t.Add("DroppedAlarm", "AWS::CloudWatch::Alarm", Alarm(CloudWatchMetrics.PacketsDropped, new JsonObject
            {
                ["Endpoint Type"] = "Interface",
                ["Service Name"] = new JsonObject { ["Ref"] = "EndpointServiceName" },
                ["VPC Endpoint Id"] = new JsonObject { ["Fn::If"] = new JsonArray("Never", new JsonObject { ["Ref"] = Ids.Of("Endpoint/Endpoint") }, "vpce-0123456789abcdef0") },
                ["VPC Id"] = "vpc-0123456789abcdef0",
            }));
        }).Assembly(), []);
        Assert.Contains(report.Findings, f => f.Rule == "ILS020" && f.Stack == "awsmorocco-consumer-west" && f.LogicalId == Ids.Of("Endpoint/Endpoint"));
    }

    [Fact]
    public void ILS021_fires_on_an_alarm_whose_dimension_names_lost_their_spaces()
    {
        var report = SecurityCheck.Run(WithoutAlarms().Edit("consumer-west", t =>
            t.Add("DroppedAlarm", "AWS::CloudWatch::Alarm", Alarm(CloudWatchMetrics.PacketsDropped, new JsonObject
            {
                ["EndpointType"] = "Interface",
                ["ServiceName"] = "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0",
                ["VpcEndpointId"] = new JsonObject { ["Ref"] = Ids.Of("Endpoint/Endpoint") },
                ["VpcId"] = "vpc-0123456789abcdef0",
            }))).Assembly(), []);
        var finding = Assert.Single(report.Findings, f => f.Rule == "ILS021");
        Assert.Equal("DroppedAlarm", finding.LogicalId);
        Assert.Equal(SecuritySeverity.Error, finding.Severity);
        Assert.Contains("VPC Endpoint Id", finding.Message, StringComparison.Ordinal);
        Assert.Contains(CloudWatchMetrics.PrivateLinkMetricsPage, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_monitoring_off_in_the_config_ILS020_is_not_run() =>
        Assert.DoesNotContain(SecurityCheck.Run(assemblies.Read("seed"), [], monitoringExpected: false).Findings, f => f.Rule == "ILS020");

    [Theory]
    [InlineData("native")]
    [InlineData("fan-out")]
    [InlineData("existing-vpcs")]
    public void ILS020_fires_only_on_link_resources_never_on_endpoints_to_AWS_services(string example)
    {
        var findings = SecurityCheck.Run(WithoutAlarms(example).Assembly(), []).Findings.Where(f => f.Rule == "ILS020").ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Matches("^(target group|endpoint service|interface endpoint) ", f.Message));
    }

    [Fact]
    public void A_native_consumer_endpoint_in_another_Region_is_not_asked_for_an_alarm_AWS_could_not_feed()
    {
        var findings = SecurityCheck.Run(WithoutAlarms("native").Assembly(), []).Findings.Where(f => f.Rule == "ILS020").ToList();
        Assert.DoesNotContain(findings, f => f.Message.StartsWith("interface endpoint", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("target group", StringComparison.Ordinal));
    }

    /// <summary>An alarm as the monitoring plan describes it, with the metric table's dimension names and the given values.</summary>
    private static JsonObject Alarm(MetricDefinition metric, JsonObject values)
    {
        var dimensions = new JsonArray();
        foreach (var (name, value) in values)
            dimensions.Add(new JsonObject { ["Name"] = name, ["Value"] = value!.DeepClone() });
        return new JsonObject
        {
            ["Namespace"] = metric.Namespace,
            ["MetricName"] = metric.MetricName,
            ["Statistic"] = metric.Statistic,
            ["Period"] = 60,
            ["EvaluationPeriods"] = 5,
            ["DatapointsToAlarm"] = 5,
            ["Threshold"] = 0,
            ["ComparisonOperator"] = "GreaterThanThreshold",
            ["TreatMissingData"] = "notBreaching",
            ["Dimensions"] = dimensions,
        };
    }
}
