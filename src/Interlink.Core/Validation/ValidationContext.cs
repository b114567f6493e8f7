using Interlink.Core.Catalog;
using Interlink.Core.Diagnostics;
using Interlink.Core.Model;
using Interlink.Core.Networking;
using Interlink.Core.Normalization;

namespace Interlink.Core.Validation;

/// <summary>
/// What every rule sees: the config, the diagnostics, and views that are computed once (VPC sites,
/// parsed CIDRs, carved subnets). Views skip values that other rules report as malformed, so each
/// problem is reported once, by the rule that owns it.
/// </summary>
public sealed class ValidationContext
{
    private readonly Dictionary<string, IReadOnlyList<SubnetSite>> _privateSubnets = new(StringComparer.Ordinal);

    /// <summary>Creates a context for <paramref name="config"/>.</summary>
    public ValidationContext(InterlinkConfig config, DiagnosticBag diagnostics)
    {
        Config = config;
        Diagnostics = diagnostics;
        Vpcs = VpcSite.All(config).ToList();
    }

    /// <summary>The config being checked.</summary>
    public InterlinkConfig Config { get; }

    /// <summary>Where findings go.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>Every VPC of the config, provider first.</summary>
    public IReadOnlyList<VpcSite> Vpcs { get; }

    /// <summary>The provider's VPC site.</summary>
    public VpcSite ProviderVpc => Vpcs[0];

    /// <summary>The parsed CIDR, or null when it is missing or malformed (IL010 reports that).</summary>
    public static Ipv4Cidr? Cidr(string? text) =>
        text is not null && Ipv4Cidr.TryParse(text, out var cidr, out _) ? cidr : null;

    /// <summary>The Region, or null when unknown (IL013 reports that).</summary>
    public static RegionInfo? Region(string code) => RegionCatalog.Find(code);

    /// <summary>
    /// Private subnets of <paramref name="site"/>: as written, carved from the VPC CIDR when omitted, or the
    /// existing VPC's subnets. Empty when they cannot be known (a bad CIDR, a count mismatch).
    /// </summary>
    public IReadOnlyList<SubnetSite> PrivateSubnets(VpcSite site)
    {
        if (!_privateSubnets.TryGetValue(site.Path, out var subnets))
            _privateSubnets[site.Path] = subnets = SubnetLayout.Private(site);
        return subnets;
    }
}
