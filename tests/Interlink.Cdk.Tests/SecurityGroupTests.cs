using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>Security groups admit exact CIDRs on exact ports: references do not cross inter-Region peering.</summary>
[Collection(CdkCollection.Name)]
public sealed class SecurityGroupTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void No_security_group_admits_the_whole_internet_or_all_protocols(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            var ingress = template.OfType("AWS::EC2::SecurityGroup").SelectMany(SgRule.Ingress)
                .Concat(template.OfType("AWS::EC2::SecurityGroupIngress").Select(r => SgRule.From(r.Properties)));
            foreach (var rule in ingress)
            {
                Assert.True(rule.Cidr is not "0.0.0.0/0" and not "::/0", $"{template.StackName}: {rule}");
                // TCP on one port, or ICMP 3/4 (fragmentation needed) for path MTU discovery: see PathMtuTests.
                Assert.True(rule.Protocol == "tcp" && rule.FromPort == rule.ToPort || rule == PathMtuTests.FragmentationNeeded(rule.Cidr), $"{template.StackName}: {rule}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples.RelayCreated), MemberType = typeof(Examples))]
    [InlineData(ExampleAssemblies.SeedWithExtras)]
    public void Provider_hosts_admit_the_service_and_health_check_ports_from_each_relay_private_subnet_only(string example)
    {
        var x = examples[example];
        var expected = x.Topology.Relays
            .SelectMany(r => r.Network.Vpc.PrivateSubnets)
            .SelectMany(s => ExpectedResources.HostPorts(x.Topology).Select(p => SgRule.Tcp(s.Cidr.ToString(), p)));

        var hosts = HostGroup(x);
        Sets.Equal(expected, Tcp(SgRule.Ingress(hosts)), $"{example}: provider host ingress");
    }

    [Fact]
    public void Seed_provider_hosts_admit_8080_from_the_two_relay_subnets()
    {
        Sets.Equal(
            [SgRule.Tcp("10.11.1.0/24", 8080), SgRule.Tcp("10.11.3.0/24", 8080)],
            Tcp(SgRule.Ingress(HostGroup(examples[Examples.Seed]))),
            "seed provider host ingress");
    }

    [Fact]
    public void A_separate_health_check_port_is_admitted_next_to_the_target_port()
    {
        var ports = Tcp(SgRule.Ingress(HostGroup(examples[ExampleAssemblies.SeedWithExtras]))).Select(r => r.FromPort).Distinct().Order();

        Assert.Equal([8080, ExampleAssemblies.SeparateHealthPort], ports);
    }

    [Fact]
    public void Native_provider_hosts_admit_the_NLB_subnets_of_their_own_VPC()
    {
        var x = examples[Examples.Native];
        var expected = x.Provider.PrivateSubnets().Select(s => SgRule.Tcp(s.Str("CidrBlock"), x.Config.Service.TargetPort));

        Sets.Equal(expected, Tcp(SgRule.Ingress(HostGroup(x))), "native provider host ingress");
    }

    [Fact]
    public void Existing_host_security_group_gets_one_ingress_rule_per_relay_subnet_on_the_given_group()
    {
        var x = examples[Examples.ExistingVpcs];
        var rules = x.Provider.OfType("AWS::EC2::SecurityGroupIngress").ToList();

        Assert.All(rules, r => Assert.Equal("sg-0a1b2c3d4e5f60099", r.Str("GroupId")));
        Sets.Equal(
            x.Config.Relays[0].Vpc.Subnets.Select(s => SgRule.Tcp(s.Cidr, x.Config.Service.TargetPort)),
            Tcp(rules.Select(r => SgRule.From(r.Properties))),
            "ingress on the existing host group");
        Assert.Empty(x.Provider.OfType("AWS::EC2::SecurityGroup"));
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void NLB_admits_the_service_port_from_exactly_the_consumer_CIDRs_it_serves(string example)
    {
        var x = examples[example];
        foreach (var template in LoadBalancerTests.LoadBalancerStacks(x))
        {
            var region = x.Wiring.Stacks[template.StackName].Region;
            var consumers = x.Native ? x.Topology.Consumers : x.Topology.ConsumersIn(region);
            var expected = consumers.Select(c => c.Network.Vpc.Cidr.ToString()).Distinct().Select(c => SgRule.Tcp(c, x.Config.Service.Port));
            Sets.Equal(expected, Tcp(SgRule.Ingress(NlbGroup(template))), $"{template.StackName}: NLB ingress");
        }
    }

    [Fact]
    public void Fan_out_Oregon_NLB_admits_the_one_CIDR_both_Oregon_consumers_share()
    {
        var group = NlbGroup(examples[Examples.FanOut].Relay("us-west-2"));

        Assert.Equal([SgRule.Tcp("10.50.0.0/16", 443)], Tcp(SgRule.Ingress(group)));
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void NLB_sends_only_to_the_target_subnets_on_the_target_and_health_check_ports(string example)
    {
        var x = examples[example];
        var targetSubnets = x.Topology.Targets.Ips.Select(t => t.Subnet.Cidr.ToString()).Distinct();
        var expected = targetSubnets.SelectMany(c => ExpectedResources.HostPorts(x.Topology).Select(p => SgRule.Tcp(c, p)));
        foreach (var template in LoadBalancerTests.LoadBalancerStacks(x))
            Sets.Equal(expected, SgRule.Egress(NlbGroup(template)), $"{template.StackName}: NLB egress");
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Consumer_endpoint_admits_the_service_port_from_its_own_VPC(string example)
    {
        var x = examples[example];
        foreach (var consumer in x.Topology.Consumers)
        {
            var template = x.Consumer(consumer.Name);
            var endpoint = template.Single("AWS::EC2::VPCEndpoint");
            var group = template.Target(Assert.Single(endpoint.Prop("SecurityGroupIds").EnumerateArray()));
            Assert.Equal([SgRule.Tcp(consumer.Network.Vpc.Cidr.ToString(), x.Config.Service.Port)], SgRule.Ingress(group));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Consumer_endpoint_sends_nothing_out_an_empty_egress_list_would_keep_AWS_s_allow_all(string example)
    {
        var x = examples[example];
        foreach (var consumer in x.Topology.Consumers)
        {
            var template = x.Consumer(consumer.Name);
            var group = template.Target(Assert.Single(template.Single("AWS::EC2::VPCEndpoint").Prop("SecurityGroupIds").EnumerateArray()));
            var egress = Assert.Single(group.Prop("SecurityGroupEgress").EnumerateArray());
            Assert.Equal("255.255.255.255/32", egress.GetProperty("CidrIp").GetString());
            Assert.Equal("icmp", egress.GetProperty("IpProtocol").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Client_hosts_accept_nothing_and_reach_only_the_service_port_in_their_VPC_and_HTTPS(string example)
    {
        var x = examples[example];
        foreach (var consumer in x.Topology.Consumers.Where(c => c.Client))
        {
            var template = x.Consumer(consumer.Name);
            var instance = template.Single("AWS::EC2::Instance");
            var launchTemplate = template.Target(instance.Prop("LaunchTemplate").GetProperty("LaunchTemplateId"));
            var group = template.Target(Assert.Single(launchTemplate.Prop("LaunchTemplateData").GetProperty("SecurityGroupIds").EnumerateArray()));
            Assert.Empty(SgRule.Ingress(group));
            Sets.Equal(
                [SgRule.Tcp(consumer.Network.Vpc.Cidr.ToString(), x.Config.Service.Port), SgRule.Tcp("0.0.0.0/0", 443)],
                SgRule.Egress(group),
                $"{template.StackName}: client egress");
        }
    }

    /// <summary>The TCP rules; the ICMP path MTU rules are PathMtuTests' subject.</summary>
    private static List<SgRule> Tcp(IEnumerable<SgRule> rules) => rules.Where(r => r.Protocol == "tcp").ToList();

    internal static Resource HostGroup(SynthesizedExample x)
    {
        var provider = x.Provider;
        var launchTemplate = provider.Single("AWS::EC2::LaunchTemplate");
        return provider.Target(Assert.Single(launchTemplate.Prop("LaunchTemplateData").GetProperty("SecurityGroupIds").EnumerateArray()));
    }

    internal static Resource NlbGroup(Template template) =>
        template.Target(Assert.Single(template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer").Prop("SecurityGroups").EnumerateArray()));
}
