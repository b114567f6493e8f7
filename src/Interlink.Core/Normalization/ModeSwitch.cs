using Interlink.Core.Catalog;
using Interlink.Core.Model;
using Interlink.Core.Networking;
using Interlink.Core.Validation;

namespace Interlink.Core.Normalization;

/// <summary>
/// The same design in the other mode, for <c>interlink compare</c>. Native → relay adds one relay per consumer
/// Region (a /16 disjoint from the provider and the other relays, in the AZs its consumers use, at least two);
/// relay → native drops the relays. The result is validated like any config: it may well be invalid (a Region
/// without native cross-Region PrivateLink, say), and that is part of the comparison.
/// </summary>
public static class ModeSwitch
{
    /// <summary>The config in <paramref name="mode"/>.</summary>
    public static InterlinkConfig To(InterlinkConfig config, DeployMode mode) =>
        config.Mode == mode ? config
        : mode == DeployMode.Native ? config with { Mode = DeployMode.Native, Relays = [] }
        : config with { Mode = DeployMode.Relay, Relays = RelaysFor(config) };

    private static List<RelaySpec> RelaysFor(InterlinkConfig config)
    {
        var taken = new List<Ipv4Cidr>();
        if (ValidationContext.Cidr(config.Provider.Vpc.Cidr) is { } provider)
            taken.Add(provider);
        var relays = new List<RelaySpec>();
        foreach (var region in config.Consumers.Select(c => c.Region).Where(r => r != config.Provider.Region).Distinct())
        {
            var cidr = FreeBlock(taken);
            taken.Add(cidr);
            var azs = config.Consumers.Where(c => c.Region == region)
                .SelectMany(c => c.Vpc.IsExisting ? c.Vpc.Subnets.Select(s => s.AzId) : c.Vpc.Azs)
                .Distinct()
                .ToList();
            // The relay NLB needs two AZs; borrow the Region's next AZ IDs when its consumers use fewer.
            var spare = RegionCatalog.Find(region)?.AzIds.Where(a => !azs.Contains(a)) ?? [];
            azs.AddRange(spare.Take(Math.Max(0, 2 - azs.Count)));
            relays.Add(new RelaySpec(region, config.Provider.Account, new VpcSpec(null, cidr.ToString(), azs, [], [], null, [], null)));
        }

        return relays;
    }

    /// <summary>The first 10.x.0.0/16 (from 10.100.0.0/16 on) that overlaps nothing in <paramref name="taken"/>.</summary>
    private static Ipv4Cidr FreeBlock(List<Ipv4Cidr> taken)
    {
        for (var octet = 100; octet < 356; octet++)
        {
            var candidate = new Ipv4Cidr((uint)(0x0A000000 | ((octet % 256) << 16)), 16);
            if (!taken.Any(t => t.Overlaps(candidate)))
                return candidate;
        }

        throw new InvalidOperationException("no free /16 in 10.0.0.0/8 for a relay");
    }
}
