using Amazon.CDK;
using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Loading;
using Interlink.Core.Model;
using Interlink.Core.Normalization;

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
    [InlineData(60, new[] { 60 })]
    [InlineData(70, new[] { 60, 10 })]
    [InlineData(300, new[] { 60, 60, 60, 60, 60 })]
    public void Consumer_CIDRs_are_spread_over_NLB_security_groups_of_at_most_sixty_inbound_rules(int consumers, int[] rulesPerGroup)
    {
        var seed = examples[Examples.Seed].Topology;
        var cidrs = Enumerable.Range(0, consumers).Select(k => $"10.{20 + (k / 16)}.{k % 16 * 16}.0/20").ToList();
        var template = LoadBalancerTemplate(seed, cidrs);

        var nlb = template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer");
        var groups = nlb.Prop("SecurityGroups").EnumerateArray().Select(template.Target).ToList();
        Assert.Equal(rulesPerGroup, groups.Select(g => SgRule.Ingress(g).Count));
        Sets.Equal(cidrs.Select(c => SgRule.Tcp(c, seed.Service.Port)), groups.SelectMany(SgRule.Ingress), "NLB ingress over all groups");
        // The first group keeps the logical ID a single group always had (no replacement when a design grows), and
        // holds the egress to the targets; the others allow no egress at all.
        Assert.Equal("LoadBalancerSecurityGroup", groups[0].LogicalId[..^8]);
        Assert.Contains(SgRule.Egress(groups[0]), r => r.Protocol == "tcp");
        Assert.All(groups.Skip(1), g => Assert.DoesNotContain(SgRule.Egress(g), r => r.Protocol == "tcp"));
    }

    private static Template LoadBalancerTemplate(Topology seed, IReadOnlyList<string> cidrs)
    {
        var app = new App();
        var stack = new Stack(app, "Spread");
        var network = new Network(stack, "Network", new NetworkProps { Name = "spread", Layout = seed.Relays[0].Network.Vpc });
        _ = new ServiceLoadBalancer(stack, "LoadBalancer", new ServiceLoadBalancerProps
        {
            LoadBalancerName = "spread-usw2",
            TargetGroupName = "spread-usw2-tg",
            Network = network,
            Service = seed.Service,
            Targets = seed.Targets.Ips,
            ClientCidrs = cidrs,
        });
        var json = JsonSerializer.Serialize(Amazon.CDK.Assertions.Template.FromStack(stack).ToJSON());
        using var doc = JsonDocument.Parse(json);
        return new Template("Spread", doc.RootElement.Clone());
    }
}
