using System.Text.Json.Nodes;
using Interlink.Core.Monitoring;
using Interlink.Testing;

namespace Interlink.Templates.Tests;

/// <summary>
/// The monitoring every example synthesizes, checked against AWS's metric table (<see cref="CloudWatchMetrics"/>: each
/// namespace, metric, statistic and dimension name from AWS documentation) and against the design's monitoring plan,
/// the one list that plan, cost and the lab also read.
/// </summary>
public sealed class MonitoringTemplateTests
{
    public static TheoryData<string> Examples() => new("seed.yaml", "single-account.yaml", "fan-out.yaml", "native.yaml", "native-fan-out.yaml", "existing-vpcs.yaml");

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_alarm_watches_a_metric_of_the_table_with_exactly_its_dimension_names(string example)
    {
        using var synthesized = Synthesized.Of(example);
        var alarms = synthesized.Resources("AWS::CloudWatch::Alarm").ToList();
        Assert.NotEmpty(alarms);
        foreach (var (stack, alarm) in alarms)
        {
            var metric = Assert.Single(CloudWatchMetrics.All, m => m.Namespace == Text(alarm["Namespace"]) && m.MetricName == Text(alarm["MetricName"]));
            Assert.Equal(metric.Statistic, Text(alarm["Statistic"]));
            Assert.Equal(metric.DimensionNames, alarm["Dimensions"]!.AsArray().Select(d => Text(d!["Name"])));
            Assert.True(alarm["AlarmActions"]!.AsArray().Count == 1, $"{stack}: {Text(alarm["AlarmName"])} notifies its topic");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_planned_alarm_is_in_the_stack_the_plan_names_with_the_plans_threshold_and_window(string example)
    {
        using var synthesized = Synthesized.Of(example);
        var plan = MonitoringPlanner.Plan(synthesized.Topology);
        var written = synthesized.Resources("AWS::CloudWatch::Alarm").ToDictionary(a => Text(a.Properties["AlarmName"]));
        var missing = new List<string>();
        foreach (var resource in plan.Resources)
        {
            foreach (var alarm in resource.Alarms)
            {
                if (!written.TryGetValue(alarm.Name, out var found))
                {
                    missing.Add(alarm.Name);
                    continue;
                }

                Assert.Equal(resource.Stack, found.Stack);
                Assert.Equal(alarm.Threshold, found.Properties["Threshold"]!.GetValue<int>());
                Assert.Equal(alarm.PeriodSeconds, found.Properties["Period"]!.GetValue<int>());
                Assert.Equal(alarm.EvaluationPeriods, found.Properties["EvaluationPeriods"]!.GetValue<int>());
                Assert.Equal(alarm.DatapointsToAlarm, found.Properties["DatapointsToAlarm"]!.GetValue<int>());
                Assert.Equal(alarm.Comparison.ToString(), Text(found.Properties["ComparisonOperator"]));
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void An_existing_relay_VPC_given_by_AZ_ID_takes_each_AZ_name_as_a_parameter_deploy_reads_from_the_subnet()
    {
        using var synthesized = Synthesized.Of("existing-vpcs.yaml");
        var relay = synthesized.Template("billing-relay-us-west-2");
        var sources = relay["Metadata"]!["Interlink::AzNameSources"]!.AsObject();
        var subnets = synthesized.Topology.Relays.Single().Network.Vpc.PrivateSubnets;
        Assert.Equal(subnets.Select(s => s.ExistingId), subnets.Select(s => Text(sources[Core.Wiring.ZoneNameInput.ParameterName(s.Az)])));
        foreach (var (parameter, _) in sources)
        {
            Assert.Equal("String", Text(relay["Parameters"]![parameter]!["Type"]));
            Assert.Matches(Text(relay["Parameters"]![parameter]!["AllowedPattern"]), "us-west-2b");
            Assert.DoesNotMatch(Text(relay["Parameters"]![parameter]!["AllowedPattern"]), "usw2-az1");
        }

        var resetAlarms = synthesized.Resources("AWS::CloudWatch::Alarm").Where(a => Text(a.Properties["MetricName"]) == "RstPacketsSent").ToList();
        Assert.Equal(sources.Select(s => s.Key).Order(), resetAlarms.Select(a => a.Properties["Dimensions"]!.AsArray().Single(d => Text(d!["Name"]) == "Az")!["Value"]!["Ref"]!.GetValue<string>()).Order());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_endpoint_service_notifies_its_topic_of_each_connection_event_and_the_topic_admits_the_two_publishers(string example)
    {
        using var synthesized = Synthesized.Of(example);
        var services = synthesized.Resources("AWS::EC2::VPCEndpointService").ToList();
        var notifications = synthesized.Resources("AWS::EC2::VPCEndpointConnectionNotification").ToList();
        Assert.Equal(services.Count, notifications.Count);
        Assert.All(notifications, n => Assert.Equal(CloudWatchMetrics.ConnectionEvents, n.Properties["ConnectionEvents"]!.AsArray().Select(Text)));

        foreach (var (_, policy) in synthesized.Resources("AWS::SNS::TopicPolicy"))
        {
            var statements = policy["PolicyDocument"]!["Statement"]!.AsArray();
            var publishers = statements.Where(s => Text(s!["Effect"]) == "Allow").Select(s => Text(s!["Principal"]!["Service"])).Order();
            Assert.Equal(["cloudwatch.amazonaws.com", "vpce.amazonaws.com"], publishers);
            Assert.All(statements.Where(s => Text(s!["Effect"]) == "Allow"), s => Assert.NotNull(s!["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
            Assert.Contains(statements, s => Text(s!["Effect"]) == "Deny" && s!["Condition"]!["Bool"]!["aws:SecureTransport"]!.GetValue<string>() == "false");
        }
    }

    [Fact]
    public void With_monitoring_off_no_monitoring_resource_is_written()
    {
        using var synthesized = Synthesized.OfText("seed-off", File.ReadAllText(RepoRoot.Example("seed.yaml")) + "monitoring: false\n");
        Assert.Empty(synthesized.Resources("AWS::CloudWatch::Alarm"));
        Assert.Empty(synthesized.Resources("AWS::CloudWatch::Dashboard"));
        Assert.Empty(synthesized.Resources("AWS::SNS::Topic"));
        Assert.Empty(synthesized.Resources("AWS::EC2::VPCEndpointConnectionNotification"));
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    /// <summary>An example written by the direct writer into a temporary directory.</summary>
    private sealed class Synthesized : IDisposable
    {
        private readonly string _directory;

        private Synthesized(string directory, Core.Normalization.Topology topology)
        {
            _directory = directory;
            Topology = topology;
        }

        public Core.Normalization.Topology Topology { get; }

        public static Synthesized Of(string example)
        {
            var directory = Path.Combine(Path.GetTempPath(), $"interlink-monitoring-{Guid.NewGuid():N}");
            return new Synthesized(directory, ExampleSynthesis.Synthesize(RepoRoot.Example(example), directory));
        }

        public static Synthesized OfText(string name, string yaml)
        {
            var config = Path.Combine(Path.GetTempPath(), $"interlink-{name}-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(config, yaml);
            try
            {
                return Of(config);
            }
            finally
            {
                File.Delete(config);
            }
        }

        public JsonObject Template(string stack) => JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, $"{stack}.template.json")))!.AsObject();

        public IEnumerable<(string Stack, JsonObject Properties)> Resources(string type) =>
            Directory.GetFiles(_directory, "*.template.json").SelectMany(f =>
            {
                var template = JsonNode.Parse(File.ReadAllText(f))!.AsObject();
                var stack = Path.GetFileName(f)[..^".template.json".Length];
                return template["Resources"]!.AsObject()
                    .Where(r => Text(r.Value!["Type"]) == type)
                    .Select(r => (stack, r.Value!["Properties"]!.AsObject()));
            });

        public void Dispose()
        {
            if (Directory.Exists(_directory))
                Directory.Delete(_directory, recursive: true);
        }
    }
}
