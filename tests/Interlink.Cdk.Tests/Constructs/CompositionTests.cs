using Constructs;
using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests.Constructs;

/// <summary>
/// Constructs composed the way a CDK app composes them: nested in the app's own constructs, one referring to another
/// built elsewhere in the tree. The CDK names everything by its path, and every reference resolves to the resource it
/// means.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class CompositionTests
{
    [Fact]
    public void A_load_balancer_nested_elsewhere_in_the_tree_sits_in_the_subnets_of_a_network_nested_in_another_construct()
    {
        var template = FreshStack.Synthesize(stack =>
        {
            var network = ConstructFixtures.Network(new Construct(stack, "Platform"));
            _ = new ServiceLoadBalancer(new Construct(stack, "Team"), "Lb", new ServiceLoadBalancerProps
            {
                DisplayName = "lib-nlb",
                Network = network,
                Port = 443,
                TargetPort = 9000,
                Targets = [new TargetAddress("10.99.1.10", "10.99.1.0/24")],
                ClientCidrs = ["172.16.0.0/16"],
            });
        });

        var subnets = template.OfType("AWS::EC2::Subnet").Select(s => s.LogicalId).ToHashSet();
        Assert.All(subnets, id => Assert.StartsWith("PlatformNet", id, StringComparison.Ordinal));
        var nlb = template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer");
        Assert.StartsWith("TeamLb", nlb.LogicalId, StringComparison.Ordinal);
        Assert.Equal(subnets.Order(), nlb.Prop("Subnets").EnumerateArray().Select(Json.RefName).Order());
        var group = template.Target(Assert.Single(nlb.Prop("SecurityGroups").EnumerateArray()));
        Assert.Equal(template.Single("AWS::EC2::VPC").LogicalId, Json.RefName(group.Prop("VpcId")));
    }
}
