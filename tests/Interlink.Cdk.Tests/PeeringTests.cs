using System.Text.RegularExpressions;
using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Model;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests;

/// <summary>The inter-Region peering between each relay and the provider, its accepter role, and routes both ways.</summary>
[Collection(CdkCollection.Name)]
public sealed class PeeringTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Each_relay_requests_peering_with_the_provider_VPC_in_the_provider_Region_and_account(string example)
    {
        var x = examples[example];
        foreach (var relay in x.Topology.Relays)
        {
            var template = x.Relay(relay.Network.Region);
            var peering = template.Single("AWS::EC2::VPCPeeringConnection");
            Assert.Equal(x.Config.Provider.Region, peering.Str("PeerRegion"));
            if (x.Config.Provider.Account is { } account)
                Assert.Equal(account, peering.Str("PeerOwnerId"));
            else
                Assert.False(peering.Has("PeerOwnerId"), "single-account: the peer is the deploying account");
            Assert.Equal(Outputs.ProviderVpcId, Json.RefName(peering.Prop("PeerVpcId")));
            Assert.Equal("String", template.Parameters[Outputs.ProviderVpcId].GetProperty("Type").GetString());
        }
    }

    [Theory]
    [InlineData(Examples.Seed, true)]
    [InlineData(Examples.ExistingVpcs, true)]
    [InlineData(Examples.FanOut, false)]
    [InlineData(Examples.SingleAccount, false)]
    public void Peer_role_is_passed_only_when_the_relay_account_differs_from_the_provider_account(string example, bool crossAccount)
    {
        var x = examples[example];
        foreach (var relay in x.Topology.Relays)
        {
            var peering = x.Relay(relay.Network.Region).Single("AWS::EC2::VPCPeeringConnection");
            Assert.Equal(crossAccount, peering.Has("PeerRoleArn"));
            Assert.Equal(crossAccount, ExpectedResources.CrossAccount(x.Topology, relay));
        }
    }

    [Theory]
    [InlineData(Examples.Seed)]
    [InlineData(Examples.ExistingVpcs)]
    [InlineData(ExampleAssemblies.SeedWithExtras)]
    public void Relay_peers_through_an_unnamed_accepter_role_whose_ARN_travels_from_a_provider_output_through_the_wiring(string example)
    {
        var x = examples[example];
        var provider = NameScheme.ProviderStack(x.Topology.Name);
        foreach (var relay in x.Topology.Relays)
        {
            var region = relay.Network.Region;
            var name = Outputs.AccepterRoleArn(region);
            var template = x.Relay(region);
            Assert.Equal(name, Json.RefName(template.Single("AWS::EC2::VPCPeeringConnection").Prop("PeerRoleArn")));
            var parameter = template.Parameters[name];
            Assert.Equal("String", parameter.GetProperty("Type").GetString());
            var pattern = new Regex(parameter.GetProperty("AllowedPattern").GetString()!);
            Assert.Matches(pattern, "arn:aws:iam::111111111111:role/awsmorocco-provider-PeeringAccepterUsWest2Role-AbC123");
            Assert.Matches(pattern, "arn:aws-us-gov:iam::111111111111:role/path/x");
            Assert.DoesNotMatch(pattern, "arn:aws:iam::111111111111:user/someone");

            // CloudFormation names the role (a fixed name blocks replacement); the provider outputs its ARN.
            var role = x.Provider.Target(x.Provider.Outputs[name].GetProperty("Value"));
            Assert.Equal("AWS::IAM::Role", role.Type);
            Assert.False(role.Has("RoleName"));
            Assert.Contains(name, x.Wiring.Stacks[provider].Outputs);
            Assert.Equal(new WiringSource(provider, name), x.Wiring.Stacks[NameScheme.RelayStack(x.Topology.Name, region)].Parameters[name]);
        }
    }

    [Theory]
    [InlineData(Examples.Seed)]
    [InlineData(Examples.ExistingVpcs)]
    [InlineData(ExampleAssemblies.SeedWithExtras)]
    public void Accepter_role_trusts_exactly_the_CloudFormation_execution_role_that_deploys_the_relay_stack(string example)
    {
        var x = examples[example];
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(x.Directory, "manifest.json")));
        foreach (var relay in x.Topology.Relays)
        {
            var region = relay.Network.Region;
            var account = relay.Network.Account!;
            var stack = NameScheme.RelayStack(x.Topology.Name, region);
            // What cdk deploy hands CloudFormation as the relay stack's role: the principal that assumes PeerRoleArn.
            var execution = manifest.RootElement.GetProperty("artifacts").GetProperty(stack).GetProperty("properties")
                .GetProperty("cloudFormationExecutionRoleArn").GetString();
            Assert.Equal($"arn:${{AWS::Partition}}:iam::{account}:role/cdk-{x.Topology.Deployment.BootstrapQualifier}-cfn-exec-role-{account}-{region}", execution);

            var principal = FreshStack.TrustedPrincipal(AccepterRole(x, region));
            Assert.Equal(execution, principal.GetProperty("Fn::Sub").GetString());
        }
    }

    [Theory]
    [InlineData(Examples.Seed)]
    [InlineData(Examples.ExistingVpcs)]
    public void Accepter_role_may_accept_on_both_resource_types_the_Service_Authorization_Reference_requires(string example)
    {
        var x = examples[example];
        foreach (var relay in x.Topology.Relays)
        {
            var region = relay.Network.Region;
            var role = AccepterRole(x, region);
            Assert.All(FreshStack.Statements(role), s => Assert.Equal(["ec2:AcceptVpcPeeringConnection"], Json.Strings(s.GetProperty("Action"))));
            Assert.Equal(2, FreshStack.Statements(role).Count);

            // vpc-peering-connection: only peerings from the relay account's VPCs in its Region into the provider VPC.
            var peering = FreshStack.Statement(role, "AcceptPeeringFromRelayIntoProviderVpc");
            var resource = Assert.Single(peering.GetProperty("Resource").EnumerateArray());
            Assert.Equal("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*", resource.GetProperty("Fn::Sub").GetString());
            var condition = peering.GetProperty("Condition");
            AssertProviderVpcArn(x, condition.GetProperty("ArnEquals").GetProperty("ec2:AccepterVpc"));
            var requester = relay.Network.Vpc.ExistingId ?? "*";
            Assert.Equal($"arn:${{AWS::Partition}}:ec2:{region}:{relay.Network.Account}:vpc/{requester}",
                condition.GetProperty("ArnLike").GetProperty("ec2:RequesterVpc").GetProperty("Fn::Sub").GetString());

            // vpc: the accepter VPC, exactly.
            var vpc = FreshStack.Statement(role, "AcceptOnProviderVpc");
            AssertProviderVpcArn(x, Assert.Single(vpc.GetProperty("Resource").EnumerateArray()));
            Assert.False(vpc.TryGetProperty("Condition", out _));
        }
    }

    [Fact]
    public void Accepter_role_for_a_custom_qualifier_and_a_known_requester_VPC_names_both()
    {
        var template = FreshStack.Synthesize(stack => _ = new PeeringAccepterRole(stack, "Accepter", new PeeringAccepterRoleProps
        {
            RequesterAccount = "222222222222",
            RequesterRegion = "eu-west-1",
            RequesterVpcId = "vpc-0123456789abcdef0",
            VpcId = "vpc-0fedcba9876543210",
            BootstrapQualifier = "team_a-1",
        }));

        var role = template.Single("AWS::IAM::Role");
        // The CDK's own convention for the role CloudFormation deploys with, filled in for the relay's environment.
        var expected = Amazon.CDK.DefaultStackSynthesizer.DEFAULT_CLOUDFORMATION_ROLE_ARN
            .Replace("${Qualifier}", "team_a-1", StringComparison.Ordinal)
            .Replace("${AWS::AccountId}", "222222222222", StringComparison.Ordinal)
            .Replace("${AWS::Region}", "eu-west-1", StringComparison.Ordinal);
        Assert.Equal(expected, FreshStack.TrustedPrincipal(role).GetProperty("Fn::Sub").GetString());
        var condition = FreshStack.Statement(role, "AcceptPeeringFromRelayIntoProviderVpc").GetProperty("Condition");
        Assert.Equal("arn:${AWS::Partition}:ec2:eu-west-1:222222222222:vpc/vpc-0123456789abcdef0",
            condition.GetProperty("ArnLike").GetProperty("ec2:RequesterVpc").GetProperty("Fn::Sub").GetString());
        var (arn, variables) = FreshStack.Sub(condition.GetProperty("ArnEquals").GetProperty("ec2:AccepterVpc"));
        Assert.Equal("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${Id}", arn);
        Assert.Equal("vpc-0fedcba9876543210", variables["Id"].GetString());
    }

    [Theory]
    [InlineData("2222", "eu-west-1", "hnb659fds", null, "not a 12-digit account")]
    [InlineData("222222222222", "Europe", "hnb659fds", null, "not a Region code")]
    [InlineData("222222222222", "eu-west-1", "far-too-long-qualifier", null, "not a CDK bootstrap qualifier")]
    [InlineData("222222222222", "eu-west-1", "hnb659fds", "my-vpc", "not a VPC ID")]
    public void Accepter_role_refuses_props_that_cannot_name_a_real_principal_or_VPC(string account, string region, string qualifier, string? vpc, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => FreshStack.Synthesize(stack => _ = new PeeringAccepterRole(stack, "Accepter", new PeeringAccepterRoleProps
        {
            RequesterAccount = account,
            RequesterRegion = region,
            RequesterVpcId = vpc,
            VpcId = "vpc-0fedcba9876543210",
            BootstrapQualifier = qualifier,
        })));

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Examples.FanOut)]
    [InlineData(Examples.SingleAccount)]
    public void Provider_has_no_accepter_role_when_its_relays_share_its_account(string example)
    {
        Assert.DoesNotContain(examples[example].Provider.Outputs.Keys, k => k.StartsWith("PeeringAccepterRoleArn", StringComparison.Ordinal));
        Assert.DoesNotContain(examples[example].Provider.OfType("AWS::IAM::Role"), r => r.Properties.GetRawText().Contains("AcceptVpcPeeringConnection", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Every_relay_private_route_table_routes_the_provider_CIDR_over_the_peering(string example)
    {
        var x = examples[example];
        foreach (var (relay, spec) in x.Topology.Relays.Zip(x.Config.Relays))
        {
            var template = x.Relay(relay.Network.Region);
            var peering = template.Single("AWS::EC2::VPCPeeringConnection").LogicalId;
            var routes = template.OfType("AWS::EC2::Route").Where(r => r.Has("VpcPeeringConnectionId")).ToList();
            Assert.All(routes, r => Assert.Equal(peering, Json.RefName(r.Prop("VpcPeeringConnectionId"))));
            Assert.All(routes, r => Assert.Equal(x.Config.Provider.Vpc.Cidr, r.Str("DestinationCidrBlock")));

            var tables = routes.Select(r => r.Prop("RouteTableId")).Select(t => Json.RefName(t) ?? t.GetString()!);
            if (spec.Vpc.IsExisting)
                Assert.Equal(spec.Vpc.Subnets.Select(s => s.RouteTableId), tables);
            else
                Assert.Equal(template.PrivateRouteTables(), tables);
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Provider_publishes_the_route_tables_of_exactly_the_subnets_that_hold_targets(string example)
    {
        var x = examples[example];
        var output = x.Provider.Outputs[Outputs.PrivateRouteTableIds].GetProperty("Value");
        var expected = ExpectedResources.TargetRouteTables(x.Topology);
        if (x.Topology.Provider.Vpc.IsExisting)
        {
            Assert.Equal(string.Join(",", expected.Select(s => s.ExistingRouteTableId)), output.GetString());
            return;
        }

        var join = output.GetProperty("Fn::Join");
        Assert.Equal(",", join[0].GetString());
        var tables = join[1].EnumerateArray().Select(Json.RefName).ToList();
        var subnetOfTable = x.Provider.OfType("AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => tables.Contains(Json.RefName(a.Prop("RouteTableId"))))
            .ToDictionary(a => Json.RefName(a.Prop("RouteTableId"))!, a => x.Provider.Target(a.Prop("SubnetId")).Str("CidrBlock"));
        Assert.Equal(expected.Select(s => s.Cidr.ToString()), tables.Select(t => subnetOfTable[t!]));
    }

    [Fact]
    public void Existing_provider_publishes_the_listed_route_tables()
    {
        var x = examples[Examples.ExistingVpcs];

        Assert.Equal("rtb-0a1b2c3d4e5f60001,rtb-0a1b2c3d4e5f60002", x.Provider.Outputs[Outputs.PrivateRouteTableIds].GetProperty("Value").GetString());
        Assert.Equal(
            ["rtb-0b1b2c3d4e5f60001", "rtb-0b1b2c3d4e5f60002"],
            x.Relay("us-west-2").OfType("AWS::EC2::Route").Select(r => r.Str("RouteTableId")));
    }

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Provider_routes_send_replies_to_every_relay_from_every_target_route_table_over_its_peering(string example)
    {
        var x = examples[example];
        var template = x.ProviderRoutes;
        var tableCount = ExpectedResources.TargetRouteTables(x.Topology).Count;
        Assert.Equal("CommaDelimitedList", template.Parameters[Outputs.PrivateRouteTableIds].GetProperty("Type").GetString());
        foreach (var relay in x.Topology.Relays)
        {
            var parameter = Outputs.PeeringParameter(relay.Network.Region);
            Assert.True(template.Parameters.ContainsKey(parameter), $"no parameter {parameter}");
            var routes = template.OfType("AWS::EC2::Route").Where(r => Json.RefName(r.Prop("VpcPeeringConnectionId")) == parameter).ToList();
            Assert.All(routes, r => Assert.Equal(relay.Network.Vpc.Cidr.ToString(), r.Str("DestinationCidrBlock")));
            var indexes = routes.Select(r =>
            {
                var select = r.Prop("RouteTableId").GetProperty("Fn::Select");
                Assert.Equal(Outputs.PrivateRouteTableIds, Json.RefName(select[1]));
                return select[0].GetInt32();
            });
            Assert.Equal(Enumerable.Range(0, tableCount), indexes.Order());
        }
    }

    [Fact]
    public void Seed_provider_routes_return_to_the_relay_CIDR_from_both_target_route_tables()
    {
        var routes = examples[Examples.Seed].ProviderRoutes.OfType("AWS::EC2::Route").ToList();

        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.Equal("10.11.0.0/16", r.Str("DestinationCidrBlock")));
        Assert.All(routes, r => Assert.Equal("PeeringConnectionIdUsWest2", Json.RefName(r.Prop("VpcPeeringConnectionId"))));
    }

    /// <summary>The provider's peering-accepter role for the relay in <paramref name="region"/>, found through its output.</summary>
    private static Resource AccepterRole(SynthesizedExample x, string region) =>
        x.Provider.Target(x.Provider.Outputs[Outputs.AccepterRoleArn(region)].GetProperty("Value"));

    /// <summary>The provider VPC's ARN: an Fn::Sub in the provider's account and Region whose Id is the VPC (created or existing).</summary>
    private static void AssertProviderVpcArn(SynthesizedExample x, JsonElement value)
    {
        var (arn, variables) = FreshStack.Sub(value);
        Assert.Equal("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${Id}", arn);
        if (x.Topology.Provider.Vpc.ExistingId is { } existing)
            Assert.Equal(existing, variables["Id"].GetString());
        else
            Assert.Equal("AWS::EC2::VPC", x.Provider.Target(variables["Id"]).Type);
    }
}
