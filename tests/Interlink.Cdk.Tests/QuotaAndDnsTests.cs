using Amazon.CDK;
using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Loading;
using Interlink.Core.Model;
using Interlink.Core.Diagnostics;
using Interlink.Core.Normalization;
using Interlink.Core.Quotas;
using Interlink.Core.Validation;

namespace Interlink.Cdk.Tests;

/// <summary>
/// What no template may contain even when a config slips past validation: an endpoint asking for a private DNS name
/// the service does not have (IL038), or an NLB security group over the default rules-per-group quota (IL081).
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class QuotaAndDnsTests(ExampleAssemblies examples)
{
    [Fact]
    public void No_consumer_endpoint_enables_private_DNS_even_when_the_config_asks_for_it()
    {
        // Validation rejects privateDns: true (IL038); the constructs must not emit it either, so a topology built
        // without validation still synthesizes an endpoint AWS will create.
        var loaded = ConfigLoader.LoadFile(Repo.Example(Examples.Seed)).Config!;
        var config = loaded with { Consumers = loaded.Consumers.Select(c => c with { PrivateDns = true }).ToList() };
        var directory = Path.Combine(Path.GetTempPath(), $"interlink-privatedns-{Guid.NewGuid():N}");
        try
        {
            var topology = TopologyBuilder.Build(config);
            AssemblyBuilder.Synthesize(topology, directory);
            var name = NameScheme.ConsumerStack(topology.Name, topology.Consumers[0].Name);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, $"{name}.template.json")));
            var endpoint = new Template(name, doc.RootElement.Clone()).Single("AWS::EC2::VPCEndpoint");

            Assert.False(endpoint.Bool("PrivateDnsEnabled"));
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    // The first group also admits ICMP "fragmentation needed" from the seed's two target subnets.
    [InlineData(58, new[] { 60 })]
    [InlineData(60, new[] { 60, 2 })]
    [InlineData(70, new[] { 60, 12 })]
    [InlineData(298, new[] { 60, 60, 60, 60, 60 })]
    public void Consumer_CIDRs_are_spread_over_NLB_security_groups_of_at_most_sixty_inbound_rules(int consumers, int[] rulesPerGroup)
    {
        var seed = examples[Examples.Seed].Topology;
        var cidrs = Enumerable.Range(0, consumers).Select(k => $"10.{20 + (k / 16)}.{k % 16 * 16}.0/20").ToList();
        var template = LoadBalancerTemplate(seed, cidrs);

        var nlb = template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer");
        var groups = nlb.Prop("SecurityGroups").EnumerateArray().Select(template.Target).ToList();
        Assert.Equal(rulesPerGroup, groups.Select(g => SgRule.Ingress(g).Count));
        Sets.Equal(cidrs.Select(c => SgRule.Tcp(c, seed.Service.Port)), groups.SelectMany(SgRule.Ingress).Where(r => r.Protocol == "tcp"), "NLB consumer ingress over all groups");
        // The first group keeps the logical ID a single group always had (no replacement when a design grows), and
        // holds the egress to the targets; the others allow no egress at all.
        Assert.Equal("LoadBalancerSecurityGroup", groups[0].LogicalId[..^8]);
        Assert.Contains(SgRule.Egress(groups[0]), r => r.Protocol == "tcp");
        Assert.All(groups.Skip(1), g => Assert.DoesNotContain(SgRule.Egress(g), r => r.Protocol == "tcp"));
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Validation_counts_the_security_group_rules_the_templates_have(string example)
    {
        // The quota rules count from the config; this holds their counts to what the constructs really emit.
        var x = examples[example];
        var uses = DesignQuotaUse.Of(new ValidationContext(x.Config, new DiagnosticBag(new SourceMap(example)))).ToList();

        var hostRules = x.Provider.OfType("AWS::EC2::SecurityGroup").Where(g => g.Str("GroupDescription").Contains("service hosts", StringComparison.Ordinal)).Sum(g => SgRule.Ingress(g).Count)
            + x.Provider.OfType("AWS::EC2::SecurityGroupIngress").Count();
        Assert.Equal(hostRules, uses.Single(u => u.What.StartsWith("the provider hosts' security group", StringComparison.Ordinal)).Used);

        foreach (var template in LoadBalancerTests.LoadBalancerStacks(x))
        {
            var groups = template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer").Prop("SecurityGroups").EnumerateArray().Select(template.Target).ToList();
            var nlbUses = uses.Where(u => u.What.StartsWith(x.Native ? "the provider's NLB" : $"the NLB of the relay in {x.Config.Relays.Single(r => template.StackName.EndsWith(r.Region, StringComparison.Ordinal)).Region}", StringComparison.Ordinal)).ToList();
            Assert.Equal(groups.Count, nlbUses.Single(u => u.Quota == AwsQuotas.SecurityGroupsPerInterface).Used);
            Assert.Equal(groups.Sum(g => SgRule.Ingress(g).Count), nlbUses.Single(u => u.Quota == AwsQuotas.RulesPerInterface).Used);
            Assert.Equal(SgRule.Egress(groups[0]).Count, uses.First(u => u.Path == "provider.targets").Used);
        }
    }

    private static Template LoadBalancerTemplate(Topology seed, IReadOnlyList<string> cidrs)
    {
        var app = new App();
        var stack = new Stack(app, "Spread");
        var vpc = seed.Relays[0].Network.Vpc;
        var network = new Network(stack, "Network", new NetworkProps
        {
            Name = "spread",
            Cidr = vpc.Cidr.ToString(),
            PrivateSubnets = vpc.PrivateSubnets.Select(s => new SubnetSpec(s.Cidr.ToString(), s.Az)).ToList(),
        });
        _ = new ServiceLoadBalancer(stack, "LoadBalancer", new ServiceLoadBalancerProps
        {
            DisplayName = "spread-usw2",
            Network = network,
            Port = seed.Service.Port,
            TargetPort = seed.Service.TargetPort,
            Targets = seed.Targets.Ips.Select(t => new TargetAddress(t.Text, t.Subnet.Cidr.ToString())).ToList(),
            ClientCidrs = cidrs,
        });
        var json = JsonSerializer.Serialize(Amazon.CDK.Assertions.Template.FromStack(stack).ToJSON());
        using var doc = JsonDocument.Parse(json);
        return new Template("Spread", doc.RootElement.Clone());
    }
}
