using Interlink.Core.Catalog;
using Interlink.Core.Diagnostics;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL014: each AZ belongs to its VPC's Region.</summary>
public sealed class AzInRegionRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL014";

    /// <inheritdoc />
    public override string Title => "AZs belong to the VPC's Region";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var (site, path, az) in AzSites.All(context))
        {
            if (ValidationContext.Region(site.Region) is not { } region)
                continue;
            var resolution = RegionCatalog.ResolveAz(region, az);
            if (resolution.Kind == AzKind.OtherRegion)
                Report(context, path, $"AZ '{az}' is in {resolution.Region}, but {site.Label(context.Config)} is in {region.Code}",
                    $"use an AZ ID of {region.Code}: {string.Join(", ", region.AzIds)}");
            else if (resolution.Kind == AzKind.Unknown)
                Report(context, path, $"'{az}' is not an AZ of {region.Code}",
                    $"use an AZ ID of {region.Code}: {string.Join(", ", region.AzIds)}");
        }
    }
}

/// <summary>IL015: AZ names are accepted but warned about; AZ IDs are the same in every account.</summary>
public sealed class AzNameRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL015";

    /// <inheritdoc />
    public override string Title => "AZ IDs, not AZ names";

    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var (site, path, az) in AzSites.All(context))
        {
            if (ValidationContext.Region(site.Region) is { } region && RegionCatalog.ResolveAz(region, az).Kind == AzKind.Name)
                Report(context, path,
                    $"'{az}' is an AZ name; each account maps AZ names to different physical zones, so a consumer's endpoint may land in a zone the NLB does not serve",
                    $"use the AZ ID (one of {string.Join(", ", region.AzIds)}; 'aws ec2 describe-availability-zones' shows the mapping for your account)");
        }
    }
}

/// <summary>IL025: no AZ is listed twice in one VPC.</summary>
public sealed class DuplicateAzRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL025";

    /// <inheritdoc />
    public override string Title => "Each AZ listed once";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var (key, azs) = site.Vpc.IsExisting
                ? ("subnets", site.Vpc.Subnets.Select(s => s.AzId).ToList())
                : ("azs", site.Vpc.Azs.ToList());
            for (var i = 0; i < azs.Count; i++)
            {
                if (!seen.Add(azs[i]))
                    Report(context, site.Vpc.IsExisting ? $"{site.Path}.{key}[{i}].azId" : $"{site.Path}.{key}[{i}]",
                        $"AZ '{azs[i]}' is listed twice; Interlink uses one private subnet per AZ",
                        site.Vpc.IsExisting ? "list one private subnet per AZ" : "list each AZ once");
            }
        }
    }
}

/// <summary>IL020: the relay NLB and native-mode providers span at least two AZs.</summary>
public sealed class MinimumAzRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL020";

    /// <inheritdoc />
    public override string Title => "At least two AZs where an NLB serves PrivateLink";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var needsTwo = site.Role == VpcRole.Relay
                || (site.Role == VpcRole.Provider && context.Config.Mode == Model.DeployMode.Native);
            if (!needsTwo)
                continue;
            var count = site.Vpc.IsExisting
                ? site.Vpc.Subnets.Select(s => s.AzId).Distinct().Count()
                : site.Vpc.Azs.Distinct().Count();
            if (count >= 2)
                continue;
            var why = site.Role == VpcRole.Relay
                ? "the relay NLB needs subnets in at least two AZs to stay up when one AZ fails, and consumers can only use AZs it serves"
                : "native cross-Region PrivateLink requires the provider's NLB in at least two AZs";
            Report(context, site.Vpc.IsExisting ? $"{site.Path}.subnets" : $"{site.Path}.azs",
                $"{site.Label(context.Config)} has {count} AZ{(count == 1 ? "" : "s")}; {why}",
                site.Vpc.IsExisting ? "list private subnets in at least two AZs" : "list at least two AZ IDs");
        }
    }
}

/// <summary>Every AZ written in the config, with its VPC site and path.</summary>
internal static class AzSites
{
    public static IEnumerable<(VpcSite Site, string Path, string Az)> All(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            for (var i = 0; i < site.Vpc.Azs.Count; i++)
                yield return (site, $"{site.Path}.azs[{i}]", site.Vpc.Azs[i]);
            for (var i = 0; i < site.Vpc.Subnets.Count; i++)
                yield return (site, $"{site.Path}.subnets[{i}].azId", site.Vpc.Subnets[i].AzId);
        }
    }
}
