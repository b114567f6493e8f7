using Interlink.Cdk.Tests.Support;
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
    public void Provider_owns_the_named_accepter_role_trusting_the_relay_account_to_accept_peerings(string example)
    {
        var x = examples[example];
        var providerAccount = x.Config.Provider.Account!;
        foreach (var (relay, spec) in x.Topology.Relays.Zip(x.Config.Relays))
        {
            // Fn::Sub keeps the partition right outside the commercial one (aws-cn, aws-us-gov).
            var arn = x.Relay(relay.Network.Region).Single("AWS::EC2::VPCPeeringConnection").Prop("PeerRoleArn").GetProperty("Fn::Sub").GetString()!;
            Assert.StartsWith($"arn:${{AWS::Partition}}:iam::{providerAccount}:role/", arn, StringComparison.Ordinal);
            var roleName = arn.Split('/')[^1];

            var role = Assert.Single(x.Provider.OfType("AWS::IAM::Role"), r => r.Has("RoleName") && r.Str("RoleName") == roleName);
            var trust = Assert.Single(role.Prop("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray());
            Assert.Equal("Allow", trust.GetProperty("Effect").GetString());
            Assert.Equal("sts:AssumeRole", trust.GetProperty("Action").GetString());
            Assert.Equal($"arn:aws:iam::{spec.Account}:root", trust.GetProperty("Principal").GetProperty("AWS").GetString());

            var statements = role.Prop("Policies").EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()).ToList();
            var statement = Assert.Single(statements);
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.Equal(["ec2:AcceptVpcPeeringConnection"], Json.Strings(statement.GetProperty("Action")));
            // Only peerings whose accepter is the provider VPC.
            var accepterVpc = statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("ec2:AccepterVpc").GetProperty("Fn::Sub");
            Assert.Contains(":vpc/${ProviderVpcId}", accepterVpc[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Examples.FanOut)]
    [InlineData(Examples.SingleAccount)]
    public void Provider_has_no_accepter_role_when_its_relays_share_its_account(string example)
    {
        Assert.DoesNotContain(examples[example].Provider.OfType("AWS::IAM::Role"), r => r.Has("RoleName"));
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

    [Fact]
    public void Peering_DNS_resolution_is_switched_on_from_both_sides_only_for_the_relay_that_asks()
    {
        var x = examples[Examples.FanOut];
        foreach (var relay in x.Topology.Relays)
        {
            var requester = x.Relay(relay.Network.Region).OfType("Custom::AWS").ToList();
            var accepter = x.ProviderRoutes.OfType("Custom::AWS")
                .Where(c => c.Prop("Create").GetRawText().Contains(Outputs.PeeringParameter(relay.Network.Region), StringComparison.Ordinal)).ToList();
            if (!relay.PeeringDns)
            {
                Assert.Empty(requester);
                Assert.Empty(accepter);
                continue;
            }

            Assert.Contains("RequesterPeeringConnectionOptions", Assert.Single(requester).Prop("Create").GetRawText(), StringComparison.Ordinal);
            Assert.Contains("AccepterPeeringConnectionOptions", Assert.Single(accepter).Prop("Create").GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal("eu-west-1", Assert.Single(x.Topology.Relays, r => r.PeeringDns).Network.Region);
    }
}
