using Interlink.Cdk.Tests.Support;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests;

/// <summary>Native cross-Region PrivateLink: the service next to the provider, consumers name its Region.</summary>
[Collection(CdkCollection.Name)]
public sealed class NativeModeTests(ExampleAssemblies examples)
{
    private SynthesizedExample Native => examples[Examples.Native];

    [Fact]
    public void Endpoint_service_lists_its_home_Region_and_every_consumer_Region_in_SupportedRegions()
    {
        var service = Native.Provider.Single("AWS::EC2::VPCEndpointService");

        var regions = Json.Strings(service.Prop("SupportedRegions"));
        Assert.Contains(Native.Config.Provider.Region, regions);
        foreach (var consumer in Native.Config.Consumers)
            Assert.Contains(consumer.Region, regions);
        Sets.Equal(Native.Config.Consumers.Select(c => c.Region).Append(Native.Config.Provider.Region).Distinct(), regions, "SupportedRegions");
        // CloudFormation property names are case-sensitive: exactly one spelling, the documented one.
        Assert.Single(service.Properties.EnumerateObject(), p => string.Equals(p.Name, "SupportedRegions", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_consumer_endpoint_names_the_provider_Region_as_its_ServiceRegion()
    {
        foreach (var consumer in Native.Config.Consumers)
        {
            var endpoint = Native.Consumer(consumer.Name).Single("AWS::EC2::VPCEndpoint");
            Assert.Equal(Native.Config.Provider.Region, endpoint.Str("ServiceRegion"));
            Assert.Single(endpoint.Properties.EnumerateObject(), p => string.Equals(p.Name, "ServiceRegion", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Relay_mode_sets_neither_SupportedRegions_nor_ServiceRegion(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            Assert.DoesNotContain(template.OfType("AWS::EC2::VPCEndpointService"), s => s.Has("SupportedRegions"));
            Assert.DoesNotContain(template.OfType("AWS::EC2::VPCEndpoint"), e => e.Has("ServiceRegion"));
        }
    }

    [Fact]
    public void Native_mode_has_no_relays_no_peering_and_no_provider_routes()
    {
        Assert.DoesNotContain(Native.Wiring.Stacks.Values, s => s.Role is StackRoles.Relay or StackRoles.ProviderRoutes);
        Assert.Equal(1 + Native.Config.Consumers.Count, Native.Templates.Count);
        foreach (var template in Native.Templates.Values)
        {
            Assert.Empty(template.OfType("AWS::EC2::VPCPeeringConnection"));
            Assert.DoesNotContain(template.OfType("AWS::EC2::Route"), r => r.Has("VpcPeeringConnectionId"));
            Assert.DoesNotContain(template.OfType("AWS::IAM::Role"), r => r.Properties.GetRawText().Contains("AcceptVpcPeeringConnection", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Native_targets_are_in_the_NLBs_own_VPC_and_name_no_AvailabilityZone()
    {
        var group = Native.Provider.Single("AWS::ElasticLoadBalancingV2::TargetGroup");

        Assert.Equal(Native.Provider.Single("AWS::EC2::VPC").LogicalId, Json.RefName(group.Prop("VpcId")));
        Assert.Equal(Native.Topology.Targets.Ips.Select(t => t.Text), group.Prop("Targets").EnumerateArray().Select(t => t.GetProperty("Id").GetString()));
        Assert.All(group.Prop("Targets").EnumerateArray(), t => Assert.False(t.TryGetProperty("AvailabilityZone", out _)));
    }

    [Fact]
    public void Native_consumer_endpoints_use_every_consumer_subnet()
    {
        foreach (var consumer in Native.Config.Consumers)
        {
            var template = Native.Consumer(consumer.Name);
            var endpoint = template.Single("AWS::EC2::VPCEndpoint");
            Assert.Equal(template.PrivateSubnets().Select(s => s.LogicalId), endpoint.Prop("SubnetIds").EnumerateArray().Select(Json.RefName));
        }
    }
}
