using Interlink.Core.Diagnostics;
using Interlink.Core.Catalog;
using Interlink.Core.Model;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL040: native mode has no relays.</summary>
public sealed class NativeNoRelaysRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL040";

    /// <inheritdoc />
    public override string Title => "Native mode has no relays";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        if (context.Config.Mode == DeployMode.Native && context.Config.Relays.Count > 0)
            Report(context, "relays", $"{context.Config.Relays.Count} relay(s) in native mode; native cross-Region PrivateLink needs no relay VPC or peering",
                "remove 'relays', or use 'mode: relay'");
    }
}

/// <summary>IL041: native mode avoids the AZ IDs that native cross-Region PrivateLink does not serve.</summary>
public sealed class NativeAzRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL041";

    /// <inheritdoc />
    public override string Title => "Native mode avoids AZs without cross-Region PrivateLink";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        if (context.Config.Mode != DeployMode.Native)
            return;
        foreach (var (site, path, az) in AzSites.All(context))
        {
            if (RegionCatalog.NativeUnsupportedAzIds.Contains(az))
            {
                var others = ValidationContext.Region(site.Region)?.AzIds.Where(id => !RegionCatalog.NativeUnsupportedAzIds.Contains(id)) ?? [];
                Report(context, path, $"AZ {az} does not serve native cross-Region PrivateLink",
                    $"use another AZ ID of {site.Region}: {string.Join(", ", others)}");
            }
        }
    }
}

/// <summary>IL042: native mode: no consumer in the provider's own Region (not yet supported).</summary>
public sealed class NativeSameRegionRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL042";

    /// <inheritdoc />
    public override string Title => "Native mode: consumers in other Regions (same Region not yet supported)";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Mode != DeployMode.Native)
            return;
        foreach (var (path, message) in SameRegionConsumers.Of(config))
            Report(context, path, message, "move the consumer to another Region, or serve it with a plain same-Region endpoint outside Interlink for now");
    }
}

/// <summary>IL043: native mode only in Regions where AWS offers native cross-Region PrivateLink.</summary>
public sealed class NativeRegionRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL043";

    /// <inheritdoc />
    public override string Title => "Native mode only where AWS offers it";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Mode != DeployMode.Native)
            return;
        Check(context, "provider.region", config.Provider.Region);
        for (var i = 0; i < config.Consumers.Count; i++)
            Check(context, $"consumers[{i}].region", config.Consumers[i].Region);
    }

    private void Check(ValidationContext context, string path, string code)
    {
        if (ValidationContext.Region(code) is { NativeCrossRegion: false } region)
            Report(context, path, $"{region.Code} ({region.Name}) is not known to offer native cross-Region PrivateLink (catalog checked {RegionCatalog.CheckedOn})",
                "use 'mode: relay' for this Region, or check SupportedRegions with 'aws ec2 describe-vpc-endpoint-service-configurations' and report it");
    }
}

/// <summary>IL044: native mode needs an IAM permission and opted-in Regions that CloudFormation does not check up front.</summary>
public sealed class NativeDeployNotesRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL044";

    /// <inheritdoc />
    public override string Title => "Native mode: vpce:AllowMultiRegion and opt-in Regions";

    /// <inheritdoc />
    public override Severity Severity => Severity.Info;

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Mode != DeployMode.Native)
            return;
        Report(context, "mode",
            "native cross-Region PrivateLink: the role that deploys the provider stack needs the IAM action vpce:AllowMultiRegion (in addition to the usual ec2:* endpoint-service actions), or creating the endpoint service with SupportedRegions fails",
            null);
        var regions = new[] { ("provider.region", config.Provider.Region) }
            .Concat(config.Consumers.Select((c, i) => ($"consumers[{i}].region", c.Region)));
        foreach (var (path, code) in regions)
        {
            if (ValidationContext.Region(code) is { OptIn: true } region)
                Report(context, path, $"{region.Code} is an opt-in Region: native cross-Region PrivateLink needs both the provider's and the consumer's accounts opted in to it", null);
        }
    }
}
