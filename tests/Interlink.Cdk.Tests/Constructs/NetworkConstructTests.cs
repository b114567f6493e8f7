using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests.Constructs;

/// <summary>The Network construct on its own: a VPC exactly as laid out, validated before anything is emitted.</summary>
[Collection(CdkCollection.Name)]
public sealed class NetworkConstructTests
{
    [Fact]
    public void Subnets_are_placed_by_AZ_ID_or_name_as_given_each_with_its_own_route_table_and_NAT_route()
    {
        var template = FreshStack.Synthesize(stack => ConstructFixtures.Network(stack, natGateways: 1));

        Assert.Equal("10.20.0.0/16", template.Single("AWS::EC2::VPC").Str("CidrBlock"));
        var subnets = template.OfType("AWS::EC2::Subnet").ToDictionary(s => s.Str("CidrBlock"));
        Assert.Equal("use1-az4", subnets["10.20.1.0/24"].Str("AvailabilityZoneId"));
        Assert.Equal("us-east-1b", subnets["10.20.2.0/24"].Str("AvailabilityZone"));
        Assert.False(subnets["10.20.2.0/24"].Has("AvailabilityZoneId"));
        Assert.Equal(3, template.OfType("AWS::EC2::RouteTable").Count());
        Assert.Single(template.OfType("AWS::EC2::NatGateway"));
        Assert.Equal(2, template.OfType("AWS::EC2::Route").Count(r => r.Has("NatGatewayId")));
        Assert.Single(template.OfType("AWS::EC2::FlowLog"));
    }

    [Fact]
    public void Flow_logs_can_be_left_out()
    {
        var template = FreshStack.Synthesize(stack => _ = new Network(stack, "Net", new NetworkProps
        {
            Name = "lib", Cidr = "10.20.0.0/16", PrivateSubnets = [new SubnetSpec("10.20.1.0/24", "use1-az4")], FlowLogs = false,
        }));

        Assert.Empty(template.OfType("AWS::EC2::FlowLog"));
        Assert.Empty(template.OfType("AWS::Logs::LogGroup"));
    }

    [Fact]
    public void An_existing_VPC_is_referred_to_and_nothing_is_created()
    {
        Network? network = null;
        var template = FreshStack.Synthesize(stack => network = new Network(stack, "Net", new NetworkProps
        {
            Name = "lib",
            Cidr = "10.20.0.0/16",
            ExistingVpcId = "vpc-0123456789abcdef0",
            PrivateSubnets = [new SubnetSpec("10.20.1.0/24", "use1-az4", "subnet-0123456789abcdef0", "rtb-0123456789abcdef0")],
        }));

        Assert.Empty(template.Resources);
        Assert.Equal("vpc-0123456789abcdef0", network!.VpcId);
        Assert.Equal(["subnet-0123456789abcdef0"], network.PrivateSubnetIds);
        Assert.Equal(["rtb-0123456789abcdef0"], network.PrivateRouteTableIds);
    }

    [Theory]
    [InlineData("10.20.0.0/33", "10.20.1.0/24", 0, "not an IPv4 CIDR")]
    [InlineData("10.20.0.0/16", "10.30.1.0/24", 0, "not inside the VPC")]
    [InlineData("10.20.0.0/16", "10.20.1.0/24", 1, "needs as many public subnets")]
    public void Props_that_cannot_deploy_are_refused_in_the_constructor(string cidr, string subnet, int nat, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => FreshStack.Synthesize(stack => _ = new Network(stack, "Net", new NetworkProps
        {
            Name = "lib", Cidr = cidr, PrivateSubnets = [new SubnetSpec(subnet, "use1-az4")], NatGateways = nat,
        })));

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
