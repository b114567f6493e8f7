using Interlink.Analysis.Network;
using Interlink.Analysis.Reachability;
using Interlink.Analysis.Tests.Support;
using Interlink.Testing;

namespace Interlink.Analysis.Tests;

[Collection(ExamplesCollection.Name)]
public sealed class ExampleReachabilityTests(Examples examples)
{
    [Theory]
    [InlineData("seed", 2)]
    [InlineData("single-account", 3)]
    [InlineData("fan-out", 12)]
    [InlineData("native", 4)]
    [InlineData("existing-vpcs", 2)]
    public void Every_example_is_fully_reachable(string example, int verdicts)
    {
        var report = ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(examples[example]));

        Assert.Equal(verdicts, report.Verdicts.Count);
        Assert.All(report.Verdicts, v => Assert.True(v.Reachable, $"{v.Consumer} -> {v.Target}: {v.Blocking?.Code} {v.Blocking?.Message}"));
        Assert.True(report.AllReachable);
        Assert.Empty(report.Unsupported);
    }

    [Fact]
    public void Seed_path_goes_hop_by_hop_from_the_client_to_the_provider_host_and_back()
    {
        var report = ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(examples["seed"]));
        var verdict = report.Verdicts.Single(v => v.Target == "10.10.1.10:8080");

        Assert.Equal(80, verdict.Port);
        Assert.Equal("333333333333", verdict.Account);
        var steps = verdict.Path.Select(h => h.Step).Distinct().ToList();
        Assert.Equal(
            ["client egress", "endpoint security group", "endpoint service", "permission", "acceptance", "endpoint AZ", "NLB security group", "listener", "target group",
             "target AZ", "route", "peering", "NLB egress", "target security group", "health check", "return route"],
            steps);
        Assert.Contains(verdict.Path, h => h is { Step: "client egress", Stack: "awsmorocco-consumer-west" } && h.LogicalId == Ids.Of("Client/SecurityGroup"));
        Assert.Contains(verdict.Path, h => h is { Step: "permission", Stack: "awsmorocco-relay-us-west-2" } && h.LogicalId == Ids.Of("EndpointService/Permissions"));
        Assert.Contains(verdict.Path, h => h is { Step: "route", Stack: "awsmorocco-relay-us-west-2" } && h.LogicalId == Ids.Of("Peering/ToProvider1"));
        Assert.Contains(verdict.Path, h => h is { Step: "peering" } && h.LogicalId == Ids.Of("Peering/Connection"));
        Assert.Contains(verdict.Path, h => h is { Step: "target security group", Stack: "awsmorocco-provider" } && h.LogicalId == Ids.Of("Service/SecurityGroup"));
        Assert.Contains(verdict.Path, h => h is { Step: "return route", Stack: "awsmorocco-provider-routes", LogicalId: "ToUsWest2Table1" });
        Assert.Equal(HopStatus.Info, verdict.Path.Single(h => h.Step == "acceptance").Status);
    }

    [Fact]
    public void Native_path_checks_the_supported_Regions_and_keeps_targets_in_the_provider_VPC()
    {
        var report = ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(examples["native"]));
        var verdict = report.Verdicts.First(v => v.Consumer == "ledger-consumer-frankfurt");

        Assert.Contains(verdict.Path, h => h is { Step: "supported Regions", Stack: "ledger-provider", Status: HopStatus.Pass });
        Assert.Contains(verdict.Path, h => h.Step == "route" && h.Checked.Contains("is local", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Path, h => h.Step == "peering");
        Assert.Equal(["subnet ledger-frankfurt-private-euc1-az1 (NetworkPrivateSubnet1E8491189) (10.13.1.0/24)", "subnet ledger-frankfurt-private-euc1-az2 (NetworkPrivateSubnet26BD46F8C) (10.13.3.0/24)"], verdict.Sources);
    }

    [Fact]
    public void Existing_VPCs_come_from_the_wiring_manifest_with_their_assumptions_stated()
    {
        var model = NetworkModelBuilder.Build(examples["existing-vpcs"]);

        var provider = Assert.Single(model.Vpcs, v => v.Id == "vpc-0a1b2c3d4e5f60718");
        Assert.True(provider.Existing);
        Assert.Equal("10.40.0.0/16", provider.Cidr);
        var table = model.RouteTable("rtb-0a1b2c3d4e5f60001")!;
        Assert.Contains(table.Routes, r => r is { Destination: "10.41.0.0/16", Target: RouteTarget.Peering } && r.Location.Stack == "billing-provider-routes");
        var hostGroup = model.SecurityGroup("sg-0a1b2c3d4e5f60099")!;
        Assert.True(hostGroup.Existing);
        // The service port and ICMP "fragmentation needed" (path MTU discovery) from each of the two relay subnets.
        Assert.Equal(2, hostGroup.Ingress.Count(r => r.Protocol.IsTcp));
        Assert.Equal(2, hostGroup.Ingress.Count(r => r.Protocol.IsIcmp && r.FromPort == 3 && r.ToPort == 4));
        Assert.Equal(3, model.Assumptions.Count);
    }

    [Fact]
    public void Subnets_VPCs_and_hosts_carry_their_Name_tag_because_logical_IDs_repeat_across_stacks()
    {
        var model = NetworkModelBuilder.Build(examples["seed"]);

        var sameId = model.Subnets.Where(s => s.Location.LogicalId == Ids.Of("Network/PrivateSubnet1")).Select(s => s.Label).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["awsmorocco-provider-private-use1-az1 (NetworkPrivateSubnet1E8491189)", "awsmorocco-relay-private-usw2-az1 (NetworkPrivateSubnet1E8491189)", "awsmorocco-west-private-usw2-az1 (NetworkPrivateSubnet1E8491189)"],
            sameId);
        Assert.Contains(model.Vpcs, v => v.Label == "awsmorocco-relay (NetworkVpcFAC8F4A5)");
        Assert.Contains(model.Hosts, h => h.Label == "awsmorocco-west-client (ClientHostInstance83462E15)");
        var verdict = ReachabilityAnalyzer.Analyze(model).Verdicts.Single(v => v.Target == "10.10.1.10:8080");
        Assert.Equal("awsmorocco-west (NetworkVpcFAC8F4A5)", verdict.ConsumerVpc);
        Assert.Equal("awsmorocco-service-1 (ServiceHostHost11CE32BF3)", verdict.TargetHost);
    }

    [Fact]
    public void Report_serializes_to_JSON_and_prints_one_line_per_path_and_per_hop_when_verbose()
    {
        var report = ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(examples["seed"]));

        var json = JsonSerializer.Serialize(report, JsonSerializerOptions.Web);
        var back = JsonNode.Parse(json)!;
        Assert.Equal("PASS".ToLowerInvariant(), back["verdicts"]![0]!["path"]![0]!["status"]!.GetValue<string>().ToLowerInvariant());
        Assert.True(back["verdicts"]![0]!["reachable"]!.GetValue<bool>());

        var text = new StringWriter();
        ReachabilityText.Write(text, report);
        var lines = text.ToString().Split('\n');
        Assert.Contains("2 of 2 consumer-target paths reachable", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("[ok  ]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  REACHABLE ", StringComparison.Ordinal) && l.Contains(" 10.10.3.10:8080 in subnet awsmorocco-provider-private-use1-az2 (NetworkPrivateSubnet26BD46F8C)", StringComparison.Ordinal));

        var verbose = new StringWriter();
        ReachabilityText.Write(verbose, report, verbose: true);
        var hops = verbose.ToString().Split('\n');
        Assert.Equal(report.Verdicts.Sum(v => v.Path.Count), hops.Count(l => l.Contains("[ok  ]", StringComparison.Ordinal) || l.Contains("[info]", StringComparison.Ordinal)));
    }
}
