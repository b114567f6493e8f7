using Interlink.Cdk.Tests.Support;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests;

/// <summary>The interface endpoint in each consumer VPC.</summary>
[Collection(CdkCollection.Name)]
public sealed class ConsumerEndpointTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Consumer_endpoint_is_an_interface_endpoint_for_the_service_named_by_its_parameter(string example)
    {
        var x = examples[example];
        foreach (var consumer in x.Topology.Consumers)
        {
            var template = x.Consumer(consumer.Name);
            var endpoint = template.Single("AWS::EC2::VPCEndpoint");
            Assert.Equal("Interface", endpoint.Str("VpcEndpointType"));
            Assert.Equal(Outputs.EndpointServiceName, Json.RefName(endpoint.Prop("ServiceName")));
            Assert.Equal("String", template.Parameters[Outputs.EndpointServiceName].GetProperty("Type").GetString());
            Assert.False(endpoint.Bool("PrivateDnsEnabled"));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Consumer_endpoint_sits_only_in_the_AZ_IDs_the_relay_NLB_serves(string example)
    {
        var x = examples[example];
        for (var i = 0; i < x.Config.Consumers.Count; i++)
        {
            var spec = x.Config.Consumers[i];
            var relay = x.Config.Relays.Single(r => r.Region == spec.Region);
            var relayAzs = relay.Vpc.IsExisting ? relay.Vpc.Subnets.Select(s => s.AzId).ToList() : relay.Vpc.Azs;
            var consumerAzs = spec.Vpc.IsExisting ? spec.Vpc.Subnets.Select(s => s.AzId).ToList() : spec.Vpc.Azs;
            var expected = consumerAzs.Where(relayAzs.Contains).ToList();

            Assert.Equal(expected, EndpointAzs(x, spec.Name));
        }
    }

    [Fact]
    public void Fan_out_oregon_b_endpoint_is_only_in_usw2_az2()
    {
        Assert.Equal(["usw2-az2"], EndpointAzs(examples[Examples.FanOut], "oregon-b"));
    }

    [Fact]
    public void Existing_consumer_endpoint_uses_the_listed_subnets()
    {
        var x = examples[Examples.ExistingVpcs];
        var endpoint = x.Consumer("west").Single("AWS::EC2::VPCEndpoint");

        Assert.Equal(x.Config.Consumers[0].Vpc.Subnets.Select(s => s.Id), Json.Strings(endpoint.Prop("SubnetIds")));
        Assert.Equal(x.Config.Consumers[0].Vpc.Id, endpoint.Str("VpcId"));
    }

    [Fact]
    public void A_friendly_name_is_an_alias_A_record_at_the_apex_of_a_private_zone_of_the_consumer_VPC()
    {
        var template = examples[ExampleAssemblies.SeedWithExtras].Consumer("west");
        var zone = template.Single("AWS::Route53::HostedZone");
        var record = template.Single("AWS::Route53::RecordSet");
        var endpoint = template.Single("AWS::EC2::VPCEndpoint");

        Assert.Equal(ExampleAssemblies.FriendlyName, zone.Str("Name"));
        Assert.Equal(template.Single("AWS::EC2::VPC").LogicalId, Json.RefName(Assert.Single(zone.Prop("VPCs").EnumerateArray()).GetProperty("VPCId")));
        Assert.Equal(zone.LogicalId, Json.RefName(record.Prop("HostedZoneId")));
        Assert.Equal(ExampleAssemblies.FriendlyName, record.Str("Name"));
        // Route 53 rejects a CNAME at a zone's apex; an alias A record to the endpoint is allowed there.
        Assert.Equal("A", record.Str("Type"));
        Assert.False(record.Has("ResourceRecords"));
        var alias = record.Prop("AliasTarget");
        Assert.Contains($"\"{endpoint.LogicalId}\",\"DnsEntries\"", Json.Compact(alias.GetProperty("DNSName")), StringComparison.Ordinal);
        Assert.Contains($"\"{endpoint.LogicalId}\",\"DnsEntries\"", Json.Compact(alias.GetProperty("HostedZoneId")), StringComparison.Ordinal);
    }

    private static List<string> EndpointAzs(SynthesizedExample x, string consumer)
    {
        var template = x.Consumer(consumer);
        var endpoint = template.Single("AWS::EC2::VPCEndpoint");
        var spec = x.Config.Consumers.Single(c => c.Name == consumer);
        return endpoint.Prop("SubnetIds").EnumerateArray()
            .Select(id => id.ValueKind == JsonValueKind.String
                ? spec.Vpc.Subnets.Single(s => s.Id == id.GetString()).AzId
                : template.Target(id).Str("AvailabilityZoneId"))
            .ToList();
    }
}
