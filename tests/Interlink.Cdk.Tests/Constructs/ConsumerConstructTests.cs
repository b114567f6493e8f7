using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests.Constructs;

/// <summary>The consumer side and the peering on a fresh stack with non-default props.</summary>
[Collection(CdkCollection.Name)]
public sealed class ConsumerConstructTests
{
    [Fact]
    public void A_native_endpoint_names_its_service_Region_sits_in_the_chosen_subnets_and_gets_a_friendly_name()
    {
        var template = FreshStack.Synthesize(stack => _ = new ConsumerEndpoint(stack, "Ep", new ConsumerEndpointProps
        {
            Name = "lib",
            Network = ConstructFixtures.Network(stack),
            ServiceName = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
            Port = 8443,
            SubnetIndexes = [1],
            ServiceRegion = "eu-west-1",
            HostedZoneName = "api.lib.internal",
        }));

        var endpoint = template.Single("AWS::EC2::VPCEndpoint");
        Assert.Equal("eu-west-1", endpoint.Str("ServiceRegion"));
        Assert.False(endpoint.Bool("PrivateDnsEnabled"));
        var subnet = template.Target(Assert.Single(endpoint.Prop("SubnetIds").EnumerateArray()));
        Assert.Equal("10.20.2.0/24", subnet.Str("CidrBlock"));
        Assert.Contains(SgRule.Ingress(template.Single("AWS::EC2::SecurityGroup")), r => r == SgRule.Tcp("10.20.0.0/16", 8443));
        Assert.Equal("api.lib.internal", template.Single("AWS::Route53::HostedZone").Str("Name"));
        Assert.Equal("A", template.Single("AWS::Route53::RecordSet").Str("Type"));
    }

    [Fact]
    public void A_client_host_installs_the_probe_it_is_given_and_may_only_reach_the_service_port_and_HTTPS()
    {
        var template = FreshStack.Synthesize(stack => _ = new ClientHost(stack, "Client", new ClientHostProps
        {
            Name = "lib",
            Network = ConstructFixtures.Network(stack, natGateways: 1),
            Port = 8443,
            InstanceType = "t3.nano",
            Probe = new HostBundle("my-bucket", "probe.tar.gz", new string('b', 64)),
        }));

        var data = template.Single("AWS::EC2::LaunchTemplate").Prop("LaunchTemplateData");
        Assert.Equal("t3.nano", data.GetProperty("InstanceType").GetString());
        Assert.Contains("x86_64", data.GetProperty("ImageId").GetString(), StringComparison.Ordinal);
        var (_, variables) = FreshStack.Sub(template.Single("AWS::EC2::Instance").Prop("UserData").GetProperty("Fn::Base64"));
        Assert.Equal("my-bucket", variables["ProbeBucket"].GetString());
        var sg = template.Single("AWS::EC2::SecurityGroup");
        Assert.Empty(SgRule.Ingress(sg));
        Assert.Equal([SgRule.Tcp("0.0.0.0/0", 443), SgRule.Tcp("10.20.0.0/16", 8443)], SgRule.Egress(sg).OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_peering_request_to_another_account_names_the_accepter_role_and_routes_the_peer_from_every_table()
    {
        var template = FreshStack.Synthesize(stack => _ = new PeeringRequest(stack, "Peering", new PeeringRequestProps
        {
            Name = "lib-peering",
            Network = ConstructFixtures.Network(stack),
            PeerVpcId = "vpc-0123456789abcdef0",
            PeerRegion = "eu-west-1",
            PeerCidr = "10.10.0.0/16",
            PeerOwnerId = "111111111111",
            PeerRoleArn = "arn:aws:iam::111111111111:role/accepter",
        }));

        var peering = template.Single("AWS::EC2::VPCPeeringConnection");
        Assert.Equal(("eu-west-1", "111111111111", "arn:aws:iam::111111111111:role/accepter"), (peering.Str("PeerRegion"), peering.Str("PeerOwnerId"), peering.Str("PeerRoleArn")));
        var routes = template.OfType("AWS::EC2::Route").Where(r => r.Has("VpcPeeringConnectionId")).ToList();
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.Equal("10.10.0.0/16", r.Str("DestinationCidrBlock")));
    }
}
