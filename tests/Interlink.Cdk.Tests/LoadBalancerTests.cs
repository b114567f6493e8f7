using System.Globalization;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Model;

namespace Interlink.Cdk.Tests;

/// <summary>The NLB in each relay (or, in native mode, next to the provider), its listener and its IP target group.</summary>
[Collection(CdkCollection.Name)]
public sealed class LoadBalancerTests(ExampleAssemblies examples)
{
    /// <summary>Templates holding an NLB: every relay, or the provider in native mode.</summary>
    public static IReadOnlyList<Template> LoadBalancerStacks(SynthesizedExample x) =>
        x.Native ? [x.Provider] : x.Topology.Relays.Select(r => x.Relay(r.Network.Region)).ToList();

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Relay_target_groups_register_the_provider_IPs_in_AvailabilityZone_all_on_the_target_port(string example)
    {
        var x = examples[example];
        var targetPort = x.Config.Service.TargetPort;
        foreach (var template in LoadBalancerStacks(x))
        {
            var group = template.Single("AWS::ElasticLoadBalancingV2::TargetGroup");
            Assert.Equal("ip", group.Str("TargetType"));
            Assert.Equal("TCP", group.Str("Protocol"));
            Assert.Equal(targetPort, group.Int("Port"));
            var targets = group.Prop("Targets").EnumerateArray().ToList();
            Assert.Equal(x.Topology.Targets.Ips.Select(t => t.Text), targets.Select(t => t.GetProperty("Id").GetString()));
            Assert.All(targets, t => Assert.Equal("all", t.GetProperty("AvailabilityZone").GetString()));
            Assert.All(targets, t => Assert.Equal(targetPort, t.GetProperty("Port").GetInt32()));
        }
    }

    [Fact]
    public void Seed_relay_targets_the_two_provider_hosts_at_10_10_1_10_and_10_10_3_10()
    {
        var group = examples[Examples.Seed].Relay("us-west-2").Single("AWS::ElasticLoadBalancingV2::TargetGroup");

        Assert.Equal(
            ["10.10.1.10:8080@all", "10.10.3.10:8080@all"],
            group.Prop("Targets").EnumerateArray().Select(t => $"{t.GetProperty("Id").GetString()}:{t.GetProperty("Port").GetInt32()}@{t.GetProperty("AvailabilityZone").GetString()}"));
    }

    [Fact]
    public void Existing_VPC_relay_targets_the_IPs_listed_in_the_config()
    {
        var x = examples[Examples.ExistingVpcs];
        var group = x.Relay("us-west-2").Single("AWS::ElasticLoadBalancingV2::TargetGroup");

        Assert.Equal(x.Config.Provider.Targets.Ips, group.Prop("Targets").EnumerateArray().Select(t => t.GetProperty("Id").GetString()!).ToList());
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Client_IP_preservation_is_off_on_every_target_group(string example)
    {
        foreach (var template in LoadBalancerStacks(examples[example]))
        {
            var attributes = template.Single("AWS::ElasticLoadBalancingV2::TargetGroup").Prop("TargetGroupAttributes").EnumerateArray()
                .ToDictionary(a => a.GetProperty("Key").GetString()!, a => a.GetProperty("Value").GetString());
            Assert.Equal("false", attributes["preserve_client_ip.enabled"]);
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Health_check_is_exactly_as_configured(string example)
    {
        var x = examples[example];
        var check = x.Config.Service.HealthCheck;
        foreach (var template in LoadBalancerStacks(x))
        {
            var group = template.Single("AWS::ElasticLoadBalancingV2::TargetGroup");
            Assert.True(group.Bool("HealthCheckEnabled"));
            Assert.Equal(check.Protocol.ToString().ToUpperInvariant(), group.Str("HealthCheckProtocol"));
            if (check.Protocol == HealthCheckProtocol.Tcp)
                Assert.False(group.Has("HealthCheckPath"), "a TCP health check has no path");
            else
                Assert.Equal(check.Path, group.Str("HealthCheckPath"));
            Assert.Equal(check.Port?.ToString(CultureInfo.InvariantCulture) ?? "traffic-port", group.Str("HealthCheckPort"));
            Assert.Equal(check.IntervalSeconds, group.Int("HealthCheckIntervalSeconds"));
            Assert.Equal(check.HealthyThreshold, group.Int("HealthyThresholdCount"));
            Assert.Equal(check.UnhealthyThreshold, group.Int("UnhealthyThresholdCount"));
        }
    }

    [Fact]
    public void Health_checks_use_the_examples_own_settings()
    {
        Assert.Equal("TCP", LoadBalancerStacks(examples[Examples.SingleAccount])[0].Single("AWS::ElasticLoadBalancingV2::TargetGroup").Str("HealthCheckProtocol"));
        var https = LoadBalancerStacks(examples[Examples.ExistingVpcs])[0].Single("AWS::ElasticLoadBalancingV2::TargetGroup");
        Assert.Equal("HTTPS", https.Str("HealthCheckProtocol"));
        Assert.Equal("/healthz", https.Str("HealthCheckPath"));
        var separate = LoadBalancerStacks(examples[ExampleAssemblies.SeedWithExtras])[0].Single("AWS::ElasticLoadBalancingV2::TargetGroup");
        Assert.Equal("8081", separate.Str("HealthCheckPort"));
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Listener_forwards_the_service_port_over_TCP_to_the_target_group(string example)
    {
        var x = examples[example];
        foreach (var template in LoadBalancerStacks(x))
        {
            var listener = template.Single("AWS::ElasticLoadBalancingV2::Listener");
            Assert.Equal(x.Config.Service.Port, listener.Int("Port"));
            Assert.Equal("TCP", listener.Str("Protocol"));
            Assert.Equal("AWS::ElasticLoadBalancingV2::LoadBalancer", template.Target(listener.Prop("LoadBalancerArn")).Type);
            var action = Assert.Single(listener.Prop("DefaultActions").EnumerateArray());
            Assert.Equal("forward", action.GetProperty("Type").GetString());
            Assert.Equal("AWS::ElasticLoadBalancingV2::TargetGroup", template.Target(action.GetProperty("TargetGroupArn")).Type);
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void NLB_is_an_internal_network_load_balancer_with_a_security_group_enforced_on_PrivateLink_and_cross_zone_on(string example)
    {
        foreach (var template in LoadBalancerStacks(examples[example]))
        {
            var nlb = template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer");
            Assert.Equal("internal", nlb.Str("Scheme"));
            Assert.Equal("network", nlb.Str("Type"));
            var group = Assert.Single(nlb.Prop("SecurityGroups").EnumerateArray());
            Assert.Equal("AWS::EC2::SecurityGroup", template.Target(group).Type);
            Assert.Equal("on", nlb.Str("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"));
            var attributes = nlb.Prop("LoadBalancerAttributes").EnumerateArray()
                .ToDictionary(a => a.GetProperty("Key").GetString()!, a => a.GetProperty("Value").GetString());
            Assert.Equal("true", attributes["load_balancing.cross_zone.enabled"]);
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void NLB_spans_exactly_the_private_subnets_of_its_VPC(string example)
    {
        foreach (var template in LoadBalancerStacks(examples[example]))
        {
            var nlb = template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer");
            Assert.Equal(
                template.PrivateSubnets().Select(s => s.LogicalId),
                nlb.Prop("Subnets").EnumerateArray().Select(Json.RefName));
        }
    }

    [Fact]
    public void Existing_VPC_NLB_spans_the_listed_relay_subnets()
    {
        var x = examples[Examples.ExistingVpcs];
        var nlb = x.Relay("us-west-2").Single("AWS::ElasticLoadBalancingV2::LoadBalancer");

        Assert.Equal(x.Config.Relays[0].Vpc.Subnets.Select(s => s.Id), Json.Strings(nlb.Prop("Subnets")));
    }
}
