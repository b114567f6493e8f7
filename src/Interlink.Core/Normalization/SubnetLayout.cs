using System.Numerics;
using Interlink.Core.Networking;
using Interlink.Core.Validation;

namespace Interlink.Core.Normalization;

/// <summary>
/// Where subnets go when the config leaves them out. The VPC CIDR is cut into equal blocks; block 0 is left
/// free for later use, private subnets take the odd blocks and public subnets the even ones, one per AZ in
/// order (10.10.0.0/16 over two AZs: private 10.10.1.0/24 and 10.10.3.0/24, public 10.10.2.0/24 and 10.10.4.0/24).
/// Blocks are /24 when the VPC is large enough, else as large as fit. A block that would overlap a subnet the
/// user wrote is skipped for the next free one, so written and carved subnets never collide.
/// </summary>
public static class SubnetLayout
{
    /// <summary>Smallest subnet AWS allows.</summary>
    public const int SmallestSubnetPrefix = 28;

    /// <summary>The prefix of carved subnets for <paramref name="azCount"/> AZs, or null when they do not fit.</summary>
    public static int? CarvedPrefix(Ipv4Cidr vpc, int azCount)
    {
        var blocksNeeded = (uint)(2 * azCount + 1);
        var bits = 32 - BitOperations.LeadingZeroCount(blocksNeeded - 1);
        var prefix = Math.Max(24, vpc.Prefix + bits);
        return prefix > SmallestSubnetPrefix ? null : prefix;
    }

    /// <summary>
    /// Carves <paramref name="count"/> blocks of <paramref name="prefix"/> for one tier: block 2i+1 (private) or
    /// 2i+2 (public) for AZ i, or the next free block when that one overlaps <paramref name="occupied"/>.
    /// Null when the VPC runs out of blocks.
    /// </summary>
    public static IReadOnlyList<Ipv4Cidr>? Carve(Ipv4Cidr vpc, int prefix, int count, bool publicTier, IReadOnlyList<Ipv4Cidr> occupied)
    {
        var blocks = (int)Math.Min(int.MaxValue, 1L << (prefix - vpc.Prefix));
        var taken = new List<Ipv4Cidr>(occupied);
        var carved = new List<Ipv4Cidr>(count);
        for (var i = 0; i < count; i++)
        {
            var preferred = 2 * i + (publicTier ? 2 : 1);
            var index = Enumerable.Range(preferred, Math.Max(0, blocks - preferred)).Concat(Enumerable.Range(1, Math.Min(preferred, blocks) - 1))
                .Cast<int?>()
                .FirstOrDefault(b => !taken.Any(t => t.Overlaps(vpc.Subnet(prefix, b!.Value))));
            if (index is null)
                return null;
            var block = vpc.Subnet(prefix, index.Value);
            carved.Add(block);
            taken.Add(block);
        }

        return carved;
    }

    /// <summary>
    /// The private subnets of <paramref name="site"/>; empty when they cannot be known yet (a malformed CIDR,
    /// a count that does not match the AZs, or no room to carve; other rules report each of those).
    /// </summary>
    public static IReadOnlyList<SubnetSite> Private(VpcSite site)
    {
        var vpc = site.Vpc;
        if (vpc.IsExisting)
            return Existing(site);
        var cidr = ValidationContext.Cidr(vpc.Cidr);
        if (cidr is null || vpc.Azs.Count == 0)
            return [];
        if (vpc.PrivateSubnets.Count > 0)
            return Written(site, "privateSubnets", vpc.PrivateSubnets);
        return Carved(site, cidr.Value, publicTier: false, Written(site, "publicSubnets", vpc.PublicSubnets));
    }

    /// <summary>The public subnets of a new VPC: as written, or carved when <paramref name="needed"/>.</summary>
    public static IReadOnlyList<SubnetSite> Public(VpcSite site, bool needed)
    {
        var vpc = site.Vpc;
        var cidr = ValidationContext.Cidr(vpc.Cidr);
        if (vpc.IsExisting || cidr is null || vpc.Azs.Count == 0)
            return [];
        if (vpc.PublicSubnets.Count > 0)
            return Written(site, "publicSubnets", vpc.PublicSubnets);
        return needed ? Carved(site, cidr.Value, publicTier: true, Private(site)) : [];
    }

    private static List<SubnetSite> Carved(VpcSite site, Ipv4Cidr vpc, bool publicTier, IReadOnlyList<SubnetSite> occupied)
    {
        var azs = site.Vpc.Azs;
        if (CarvedPrefix(vpc, azs.Count) is not { } prefix || Carve(vpc, prefix, azs.Count, publicTier, occupied.Select(s => s.Cidr).ToList()) is not { } blocks)
            return [];
        return azs.Select((az, i) => new SubnetSite($"{site.Path}.cidr", blocks[i], az, Carved: true)).ToList();
    }

    private static List<SubnetSite> Written(VpcSite site, string key, IReadOnlyList<string> cidrs)
    {
        if (cidrs.Count != site.Vpc.Azs.Count)
            return [];
        var subnets = new List<SubnetSite>(cidrs.Count);
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (ValidationContext.Cidr(cidrs[i]) is not { } cidr)
                return [];
            subnets.Add(new SubnetSite($"{site.Path}.{key}[{i}]", cidr, site.Vpc.Azs[i], Carved: false));
        }

        return subnets;
    }

    private static List<SubnetSite> Existing(VpcSite site)
    {
        var subnets = new List<SubnetSite>();
        for (var i = 0; i < site.Vpc.Subnets.Count; i++)
        {
            var subnet = site.Vpc.Subnets[i];
            if (ValidationContext.Cidr(subnet.Cidr) is { } cidr)
                subnets.Add(new SubnetSite($"{site.Path}.subnets[{i}].cidr", cidr, subnet.AzId, Carved: false));
        }

        return subnets;
    }
}
