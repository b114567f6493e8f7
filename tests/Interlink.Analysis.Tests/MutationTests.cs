using Interlink.Analysis.Reachability;
using Interlink.Analysis.Tests.Support;
using Interlink.Testing;

namespace Interlink.Analysis.Tests;

/// <summary>
/// For every explanation code: a mutation of a synthesized assembly that triggers it, at the right stack and
/// logical ID, and reachability again once the mutation is reverted.
/// </summary>
[Collection(ExamplesCollection.Name)]
public sealed class MutationTests(Examples examples)
{
    private const string Provider = "awsmorocco-provider";
    private const string Relay = "awsmorocco-relay-us-west-2";
    private const string Routes = "awsmorocco-provider-routes";
    private const string Consumer = "awsmorocco-consumer-west";
    private static readonly string RelaySg = Ids.Of("LoadBalancer/SecurityGroup");
    private static readonly string HostSg = Ids.Of("Service/SecurityGroup");
    private static readonly string TargetGroup = Ids.Of("LoadBalancer/TargetGroup");

    public static TheoryData<string> Cases => [.. Mutations.Keys];

    private static readonly Dictionary<string, (string Example, Action<MutableAssembly> Mutate, string Code, string Stack, string LogicalId, string? Target)> Mutations = new()
    {
        ["remove a relay route"] = ("seed", m => m.Resources(Relay).Remove(Ids.Of("Peering/ToProvider1")),
            ExplanationCodes.NoRoute, Relay, Ids.Of("Network/PrivateRouteTable1"), null),
        ["relay route to the internet gateway"] = ("seed", m =>
            {
                var route = m.Properties(Relay, Ids.Of("Peering/ToProvider2"));
                route.Remove("VpcPeeringConnectionId");
                route["GatewayId"] = "igw-0123456789abcdef0";
            },
            ExplanationCodes.NoRoute, Relay, Ids.Of("Network/PrivateRouteTable2"), null),
        ["remove the provider-routes return route"] = ("seed", m => m.Resources(Routes).Remove("ToUsWest2Table1"),
            ExplanationCodes.NoReturnRoute, Provider, Ids.Of("Network/PrivateRouteTable1"), "10.10.1.10:8080"),
        ["narrow a host security group CIDR"] = ("seed", m => m.Properties(Provider, HostSg)["SecurityGroupIngress"]![0]!["CidrIp"] = "10.11.1.0/25",
            ExplanationCodes.SgIngressMismatch, Provider, HostSg, null),
        ["health check on a port the hosts do not admit"] = ("seed", m => m.Properties(Relay, TargetGroup)["HealthCheckPort"] = "8081",
            ExplanationCodes.HealthCheckBlocked, Provider, HostSg, null),
        ["narrow the client egress"] = ("seed", m => m.Properties(Consumer, Ids.Of("Client/SecurityGroup"))["SecurityGroupEgress"]![0]!["CidrIp"] = "10.2.1.0/24",
            ExplanationCodes.SgEgressMismatch, Consumer, Ids.Of("Client/SecurityGroup"), null),
        ["drop the NLB egress to the targets"] = ("seed", m => m.Properties(Relay, RelaySg)["SecurityGroupEgress"] = new JsonArray(
                new JsonObject { ["CidrIp"] = "10.10.3.0/24", ["IpProtocol"] = "tcp", ["FromPort"] = 8080, ["ToPort"] = 8080 }),
            ExplanationCodes.SgEgressMismatch, Relay, RelaySg, "10.10.1.10:8080"),
        ["NLB security group admits another consumer CIDR"] = ("seed", m => m.Properties(Relay, RelaySg)["SecurityGroupIngress"]![0]!["CidrIp"] = "10.3.0.0/16",
            ExplanationCodes.NlbSgBlocks, Relay, RelaySg, null),
        ["endpoint security group admits another subnet"] = ("seed", m => m.Properties(Consumer, Ids.Of("Endpoint/SecurityGroup"))["SecurityGroupIngress"]![0]!["CidrIp"] = "10.2.3.0/24",
            ExplanationCodes.EndpointSgBlocks, Consumer, Ids.Of("Endpoint/SecurityGroup"), null),
        ["drop the consumer principal"] = ("seed", m => m.Properties(Relay, Ids.Of("EndpointService/Permissions"))["AllowedPrincipals"] = new JsonArray("arn:aws:iam::999999999999:root"),
            ExplanationCodes.PrincipalNotAllowed, Relay, Ids.Of("EndpointService/Permissions"), null),
        ["endpoint subnet in an AZ the NLB does not serve"] = ("seed", m => m.Properties(Consumer, Ids.Of("Network/PrivateSubnet2"))["AvailabilityZoneId"] = "usw2-az3",
            ExplanationCodes.AzNotServed, Consumer, Ids.Of("Endpoint/Endpoint"), null),
        ["client IP preservation on"] = ("seed", m => m.Properties(Relay, TargetGroup)["TargetGroupAttributes"]![0]!["Value"] = "true",
            ExplanationCodes.ClientIpPreservationAcrossRegions, Relay, TargetGroup, null),
        ["cross-account peering without PeerRoleArn"] = ("seed", m => m.Properties(Relay, Ids.Of("Peering/Connection")).Remove("PeerRoleArn"),
            ExplanationCodes.PeeringNotAccepted, Relay, Ids.Of("Peering/Connection"), null),
        ["delete the listener"] = ("seed", m => m.Resources(Relay).Remove(Ids.Of("LoadBalancer/Listener")),
            ExplanationCodes.NoListener, Relay, Ids.Of("LoadBalancer/LoadBalancer"), null),
        ["listener on another port"] = ("seed", m => m.Properties(Relay, Ids.Of("LoadBalancer/Listener"))["Port"] = 8080,
            ExplanationCodes.NoListener, Relay, Ids.Of("LoadBalancer/LoadBalancer"), null),
        ["remove AvailabilityZone all from a target"] = ("seed", m => m.Properties(Relay, TargetGroup)["Targets"]![1]!.AsObject().Remove("AvailabilityZone"),
            ExplanationCodes.TargetAzRequired, Relay, TargetGroup, "10.10.3.10:8080"),
        ["deny NACL on a provider subnet"] = ("seed", AddDenyAcl, ExplanationCodes.NaclDeny, Provider, "DenyRelayEntry", "10.10.1.10:8080"),
        ["change ServiceName"] = ("seed", m => m.Properties(Consumer, Ids.Of("Endpoint/Endpoint"))["ServiceName"] = "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0",
            ExplanationCodes.ServiceNotFound, Consumer, Ids.Of("Endpoint/Endpoint"), null),
        ["native: drop a SupportedRegion"] = ("native", m => m.Properties("ledger-provider", Ids.Of("EndpointService/Service"))["SupportedRegions"] = new JsonArray("us-east-1", "eu-central-1"),
            ExplanationCodes.RegionNotSupported, "ledger-provider", Ids.Of("EndpointService/Service"), null),
        ["native: drop ServiceRegion"] = ("native", m => m.Properties("ledger-consumer-oregon", Ids.Of("Endpoint/Endpoint")).Remove("ServiceRegion"),
            ExplanationCodes.ServiceNotFound, "ledger-consumer-oregon", Ids.Of("Endpoint/Endpoint"), null),
        ["single account: peer owner made another account"] = ("single-account", m => m.Properties("solo-relay-eu-central-1", Ids.Of("Peering/Connection"))["PeerOwnerId"] = "999999999999",
            ExplanationCodes.PeeringNotAccepted, "solo-relay-eu-central-1", Ids.Of("Peering/Connection"), null),
        ["existing VPCs: drop the added host rule"] = ("existing-vpcs", m => m.Resources("billing-provider").Remove(Ids.Of("Service/NlbIngress1")),
            ExplanationCodes.SgIngressMismatch, "billing-provider", "sg-0a1b2c3d4e5f60099", null),
        ["fan-out: remove a provider return route to one relay"] = ("fan-out", m => m.Resources("orders-provider-routes").Remove("ToEuWest1Table2"),
            ExplanationCodes.NoReturnRoute, "orders-provider", Ids.Of("Network/PrivateRouteTable2"), null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mutation_is_caught_with_its_code_and_location_and_reverting_it_is_reachable(string name)
    {
        var (example, mutate, code, stack, logicalId, target) = Mutations[name];
        var assembly = new MutableAssembly(examples[example]);

        mutate(assembly);
        var report = assembly.Analyze();

        var blocked = report.Verdicts.Where(v => !v.Reachable).ToList();
        Assert.NotEmpty(blocked);
        if (target is not null)
            Assert.Contains(blocked, v => v.Target == target);
        var hit = blocked.Where(v => target is null || v.Target == target).SelectMany(v => v.Explanations).ToList();
        Assert.Contains(hit, e => e.Code == code && e.Stack == stack && e.LogicalId == logicalId);
        Assert.Contains(blocked, v => v.Blocking!.Code == code);
        Assert.All(blocked, v => Assert.Contains(v.Path, h => h.Status == HopStatus.Fail));

        assembly.Revert();
        Assert.True(assembly.Analyze().AllReachable);
    }

    [Fact]
    public void Every_explanation_code_has_a_mutation()
    {
        var covered = Mutations.Values.Select(m => m.Code).ToHashSet();
        Assert.All(ExplanationCodes.All.Keys, c => Assert.Contains(c, covered));
    }

    [Fact]
    public void Blocked_verdict_lists_the_first_blocking_hop_and_every_other_setting_that_would_block()
    {
        var assembly = new MutableAssembly(examples["seed"]);
        assembly.Properties(Relay, Ids.Of("Peering/Connection")).Remove("PeerRoleArn");
        assembly.Resources(Routes).Remove("ToUsWest2Table1");
        assembly.Properties(Provider, HostSg)["SecurityGroupIngress"]![0]!["CidrIp"] = "10.11.1.0/25";

        var verdict = assembly.Analyze().Verdicts.Single(v => v.Target == "10.10.1.10:8080");

        Assert.Equal(ExplanationCodes.PeeringNotAccepted, verdict.Blocking!.Code);
        Assert.Equal(
            // The health check shares the traffic port in the seed, so the narrowed rule blocks it too.
            [ExplanationCodes.PeeringNotAccepted, ExplanationCodes.SgIngressMismatch, ExplanationCodes.HealthCheckBlocked, ExplanationCodes.NoReturnRoute, ExplanationCodes.NoReturnRoute],
            verdict.Explanations.Select(e => e.Code));
        var text = new StringWriter();
        ReachabilityText.Write(text, assembly.Analyze());
        Assert.Contains("blocked by PEERING_NOT_ACCEPTED at awsmorocco-relay-us-west-2/PeeringConnectionE71F9905", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_constructs_are_reported_and_never_counted_as_passing()
    {
        var assembly = new MutableAssembly(examples["seed"]);
        var ingress = assembly.Properties(Provider, HostSg)["SecurityGroupIngress"]!.AsArray();
        foreach (var rule in ingress)
        {
            rule!.AsObject().Remove("CidrIp");
            rule.AsObject()["SourcePrefixListId"] = "pl-0123456789abcdef0";
        }

        assembly.Resources(Relay)["TransitGateway"] = new JsonObject { ["Type"] = "AWS::EC2::TransitGateway", ["Properties"] = new JsonObject() };
        var report = assembly.Analyze();

        Assert.Contains(report.Unsupported, u => u.Location.Stack == Provider && u.Location.LogicalId == HostSg && u.Reason.Contains("prefix list", StringComparison.Ordinal));
        Assert.Contains(report.Unsupported, u => u.Location.Stack == Relay && u.Location.LogicalId == "TransitGateway");
        Assert.All(report.Verdicts, v => Assert.Contains(v.Explanations, e => e.Code == ExplanationCodes.SgIngressMismatch));
    }

    [Fact]
    public void Same_VPC_security_group_references_are_followed_but_not_across_VPCs()
    {
        var assembly = new MutableAssembly(examples["native"]);
        var ingress = assembly.Properties("ledger-provider", HostSg)["SecurityGroupIngress"]!.AsArray();
        ingress.Clear();
        ingress.Add(new JsonObject { ["IpProtocol"] = "tcp", ["FromPort"] = 8080, ["ToPort"] = 8080, ["SourceSecurityGroupId"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(RelaySg, "GroupId") } });
        Assert.True(assembly.Analyze().AllReachable);

        var seed = new MutableAssembly(examples["seed"]);
        var rules = seed.Properties(Provider, HostSg)["SecurityGroupIngress"]!.AsArray();
        rules.Clear();
        rules.Add(new JsonObject { ["IpProtocol"] = "tcp", ["FromPort"] = 8080, ["ToPort"] = 8080, ["SourceSecurityGroupId"] = "sg-0relay0000000000" });
        Assert.All(seed.Analyze().Verdicts, v => Assert.Equal(ExplanationCodes.SgIngressMismatch, v.Blocking?.Code));
    }

    private static void AddDenyAcl(MutableAssembly m)
    {
        var resources = m.Resources(Provider);
        resources["DenyRelayAcl"] = new JsonObject
        {
            ["Type"] = "AWS::EC2::NetworkAcl",
            ["Properties"] = new JsonObject { ["VpcId"] = new JsonObject { ["Ref"] = Ids.Of("Network/Vpc") } },
        };
        resources["DenyRelayEntry"] = new JsonObject
        {
            ["Type"] = "AWS::EC2::NetworkAclEntry",
            ["Properties"] = new JsonObject
            {
                ["NetworkAclId"] = new JsonObject { ["Ref"] = "DenyRelayAcl" }, ["RuleNumber"] = 90, ["Protocol"] = 6, ["RuleAction"] = "deny", ["Egress"] = false,
                ["CidrBlock"] = "10.11.0.0/16", ["PortRange"] = new JsonObject { ["From"] = 8080, ["To"] = 8080 },
            },
        };
        resources["AllowAllIn"] = AclEntry(100, egress: false);
        resources["AllowAllOut"] = AclEntry(100, egress: true);
        resources["DenyRelayAssociation"] = new JsonObject
        {
            ["Type"] = "AWS::EC2::SubnetNetworkAclAssociation",
            ["Properties"] = new JsonObject { ["NetworkAclId"] = new JsonObject { ["Ref"] = "DenyRelayAcl" }, ["SubnetId"] = new JsonObject { ["Ref"] = Ids.Of("Network/PrivateSubnet1") } },
        };

        static JsonObject AclEntry(int rule, bool egress) => new()
        {
            ["Type"] = "AWS::EC2::NetworkAclEntry",
            ["Properties"] = new JsonObject
            {
                ["NetworkAclId"] = new JsonObject { ["Ref"] = "DenyRelayAcl" }, ["RuleNumber"] = rule, ["Protocol"] = -1, ["RuleAction"] = "allow", ["Egress"] = egress, ["CidrBlock"] = "0.0.0.0/0",
            },
        };
    }
}
