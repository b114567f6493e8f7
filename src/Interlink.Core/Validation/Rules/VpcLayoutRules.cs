using Interlink.Core.Normalization;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL016: VPC CIDRs are between /16 and /28, as AWS requires.</summary>
public sealed class VpcPrefixRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL016";

    /// <inheritdoc />
    public override string Title => "VPC CIDRs are /16 to /28";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            if (ValidationContext.Cidr(site.Vpc.Cidr) is { } cidr && cidr.Prefix is < 16 or > 28)
                Report(context, $"{site.Path}.cidr", $"'{cidr}' is a /{cidr.Prefix}; AWS VPCs are /16 to /28",
                    cidr.Prefix < 16 ? $"use a /16 or smaller block inside it, e.g. {cidr.Subnet(16, 0)}" : "use a /28 or larger block");
        }
    }
}

/// <summary>IL017: each subnet lies inside its VPC's CIDR.</summary>
public sealed class SubnetInsideVpcRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL017";

    /// <inheritdoc />
    public override string Title => "Subnets lie inside the VPC CIDR";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            if (ValidationContext.Cidr(site.Vpc.Cidr) is not { } vpc)
                continue;
            foreach (var subnet in WrittenSubnets.Of(site))
            {
                if (!vpc.Contains(subnet.Cidr))
                    Report(context, subnet.Path, $"subnet {subnet.Cidr} is outside {site.Label(context.Config)} {vpc}",
                        $"use a subnet inside {vpc}, or correct the VPC CIDR");
            }
        }
    }
}

/// <summary>IL018: subnets of one VPC do not overlap.</summary>
public sealed class SubnetOverlapRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL018";

    /// <inheritdoc />
    public override string Title => "Subnets of a VPC do not overlap";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var subnets = WrittenSubnets.Of(site);
            for (var i = 0; i < subnets.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (subnets[i].Cidr.Overlaps(subnets[j].Cidr))
                    {
                        Report(context, subnets[i].Path, $"subnet {subnets[i].Cidr} overlaps {subnets[j].Cidr} ({subnets[j].Path})",
                            "give each subnet its own block of the VPC CIDR");
                        break;
                    }
                }
            }
        }
    }
}

/// <summary>IL019: one private (and public) subnet per AZ, in the order of <c>azs</c>.</summary>
public sealed class SubnetPerAzRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL019";

    /// <inheritdoc />
    public override string Title => "One subnet per AZ per tier";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var vpc = site.Vpc;
            if (vpc.IsExisting)
                continue;
            Check(context, site, "privateSubnets", vpc.PrivateSubnets.Count, vpc.Azs.Count);
            Check(context, site, "publicSubnets", vpc.PublicSubnets.Count, vpc.Azs.Count);
        }
    }

    private void Check(ValidationContext context, VpcSite site, string key, int subnets, int azs)
    {
        if (subnets == 0 || subnets == azs)
            return;
        Report(context, $"{site.Path}.{key}", $"{subnets} {key} for {azs} AZ{(azs == 1 ? "" : "s")}; Interlink puts one subnet of each tier in each AZ, in the order of 'azs'",
            $"list exactly {azs} {key} (one per AZ), or leave '{key}' out to have them carved from the VPC CIDR");
    }
}

/// <summary>IL024: subnets that are left out can be carved from the VPC CIDR.</summary>
public sealed class SubnetCarvingRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL024";

    /// <inheritdoc />
    public override string Title => "Omitted subnets fit in the VPC CIDR";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var vpc = site.Vpc;
            if (vpc.IsExisting || vpc.Azs.Count == 0 || ValidationContext.Cidr(vpc.Cidr) is not { } cidr)
                continue;
            // Written subnets with the wrong count are IL019's business; only carving is judged here.
            var carvePrivate = vpc.PrivateSubnets.Count == 0;
            var carvePublic = vpc.PublicSubnets.Count == 0 && site.NatGateways > 0;
            var privateKnown = SubnetLayout.Private(site).Count > 0;
            if (carvePrivate && !privateKnown)
                Report(context, $"{site.Path}.cidr", $"{cidr} is too small to carve a private and a public subnet (at least /{SubnetLayout.SmallestSubnetPrefix}) in each of {vpc.Azs.Count} AZs",
                    "use a larger VPC CIDR, fewer AZs, or list 'privateSubnets' (and 'publicSubnets') yourself");
            else if (carvePublic && privateKnown && SubnetLayout.Public(site, needed: true).Count == 0)
                Report(context, $"{site.Path}.cidr", $"no room left in {cidr} for the public subnets that {site.NatGateways} NAT gateway(s) need",
                    "list 'publicSubnets' yourself, set 'natGateways: 0', or use a larger VPC CIDR");
        }
    }
}

/// <summary>The subnets a user wrote (not carved ones): the ones layout rules judge.</summary>
internal static class WrittenSubnets
{
    public static List<SubnetSite> Of(VpcSite site)
    {
        var vpc = site.Vpc;
        var subnets = new List<SubnetSite>();
        Add(subnets, site, "privateSubnets", vpc.PrivateSubnets);
        Add(subnets, site, "publicSubnets", vpc.PublicSubnets);
        for (var i = 0; i < vpc.Subnets.Count; i++)
        {
            if (ValidationContext.Cidr(vpc.Subnets[i].Cidr) is { } cidr)
                subnets.Add(new SubnetSite($"{site.Path}.subnets[{i}].cidr", cidr, vpc.Subnets[i].AzId, Carved: false));
        }

        return subnets;
    }

    private static void Add(List<SubnetSite> subnets, VpcSite site, string key, IReadOnlyList<string> cidrs)
    {
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (ValidationContext.Cidr(cidrs[i]) is { } cidr)
                subnets.Add(new SubnetSite($"{site.Path}.{key}[{i}]", cidr, i < site.Vpc.Azs.Count ? site.Vpc.Azs[i] : "", Carved: false));
        }
    }
}
