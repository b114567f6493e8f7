using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>
/// Hosts send at MTU 9001; inter-Region peering carries at most 8500 and interface endpoints 8500 (EC2 User Guide,
/// "Network maximum transmission unit (MTU) for your EC2 instance"; AWS PrivateLink quotas). A hop that drops a
/// too-big packet answers with ICMP "fragmentation needed" (type 3, code 4; VPC User Guide, "Path MTU Discovery");
/// if a security group drops that answer, large responses are black-holed. So the provider hosts admit ICMP 3/4 from
/// the NLB subnets, and the NLB from the target subnets: that type and code only, from those CIDRs only.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class PathMtuTests(ExampleAssemblies examples)
{
    /// <summary>ICMP type 3 code 4 from <paramref name="cidr"/>, as a security group rule states it (FromPort = type, ToPort = code).</summary>
    public static SgRule FragmentationNeeded(string cidr) => new("icmp", cidr, 3, 4);

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    [InlineData(ExampleAssemblies.SeedWithExtras)]
    public void Provider_hosts_admit_fragmentation_needed_from_each_NLB_subnet_and_no_other_ICMP(string example)
    {
        var x = examples[example];
        var nlbSubnets = x.Native ? x.Topology.Provider.Vpc.PrivateSubnets : x.Topology.Relays.SelectMany(r => r.Network.Vpc.PrivateSubnets);
        Sets.Equal(
            nlbSubnets.Select(s => FragmentationNeeded(s.Cidr.ToString())),
            SgRule.Ingress(SecurityGroupTests.HostGroup(x)).Where(r => r.Protocol != "tcp"),
            $"{example}: provider host ICMP ingress");
    }

    [Fact]
    public void An_existing_host_group_gets_the_same_rule_per_relay_subnet()
    {
        var x = examples[Examples.ExistingVpcs];
        var icmp = x.Provider.OfType("AWS::EC2::SecurityGroupIngress").Select(r => SgRule.From(r.Properties)).Where(r => r.Protocol != "tcp");
        Sets.Equal(x.Config.Relays[0].Vpc.Subnets.Select(s => FragmentationNeeded(s.Cidr)), icmp, "ICMP on the existing host group");
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void NLBs_admit_fragmentation_needed_from_the_target_subnets_only_never_from_consumers(string example)
    {
        var x = examples[example];
        var targetSubnets = x.Topology.Targets.Ips.Select(t => t.Subnet.Cidr.ToString()).Distinct();
        foreach (var template in LoadBalancerTests.LoadBalancerStacks(x))
        {
            Sets.Equal(
                targetSubnets.Select(FragmentationNeeded),
                SgRule.Ingress(SecurityGroupTests.NlbGroup(template)).Where(r => r.Protocol != "tcp"),
                $"{template.StackName}: NLB ICMP ingress");
        }
    }
}
