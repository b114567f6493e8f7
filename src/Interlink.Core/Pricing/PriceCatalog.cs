namespace Interlink.Core.Pricing;

/// <summary>
/// The prices Interlink estimates with: AWS us-east-1 on-demand list prices (the same in us-west-2), used as an
/// ESTIMATE for every Region. Real bills differ by Region, by tier, by free allowances and by what else runs in the
/// accounts; treat every figure built from this catalog as an order of magnitude, not a quote.
/// </summary>
public static class PriceCatalog
{
    /// <summary>When these list prices were taken (from the project's design notes; not re-checked against AWS).</summary>
    public static readonly DateOnly Date = new(2026, 11, 26);

    /// <summary>Where the prices come from, as printed under every estimate.</summary>
    public const string Source = "AWS us-east-1 on-demand list prices, used as an estimate for every Region";

    /// <summary>Hours billed per month (AWS's convention: 8,760 h / 12).</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>Network Load Balancer, per hour.</summary>
    public const decimal NlbHour = 0.0225m;

    /// <summary>Network Load Balancer capacity unit, per NLCU-hour.</summary>
    public const decimal NlcuHour = 0.006m;

    /// <summary>GB per hour processed that make one NLCU (TCP). An NLCU is also 800 new connections/s or 100,000 active ones.</summary>
    public const decimal GbPerHourPerNlcu = 1m;

    /// <summary>Interface endpoint, per AZ per hour.</summary>
    public const decimal EndpointAzHour = 0.01m;

    /// <summary>Interface endpoint data processed, per GB.</summary>
    public const decimal EndpointGb = 0.01m;

    /// <summary>NAT gateway, per hour.</summary>
    public const decimal NatHour = 0.045m;

    /// <summary>NAT gateway data processed, per GB.</summary>
    public const decimal NatGb = 0.045m;

    /// <summary>Inter-Region data transfer (including over VPC peering), per GB.</summary>
    public const decimal InterRegionGb = 0.02m;

    /// <summary>Native cross-Region PrivateLink: the provider's charge per active remote Region per hour (an estimate).</summary>
    public const decimal NativeRemoteRegionHour = 0.05m;

    /// <summary>EBS gp3 storage, per GB-month.</summary>
    public const decimal Gp3GbMonth = 0.08m;

    private static readonly Dictionary<string, decimal> InstanceHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["t4g.nano"] = 0.0042m,
        ["t4g.micro"] = 0.0084m,
        ["t4g.small"] = 0.0168m,
        ["t4g.medium"] = 0.0336m,
        ["t4g.large"] = 0.0672m,
    };

    /// <summary>Instance types the catalog prices.</summary>
    public static IReadOnlyCollection<string> InstanceTypes => InstanceHours.Keys;

    /// <summary>On-demand Linux price per hour of <paramref name="instanceType"/>, or null when the catalog has none.</summary>
    public static decimal? InstanceHour(string instanceType) =>
        InstanceHours.TryGetValue(instanceType, out var price) ? price : null;

    /// <summary>One line saying what the figures are, for the foot of every report.</summary>
    public static string Disclaimer =>
        $"Estimate: {Source} as of {Date:yyyy-MM-dd}; {HoursPerMonth} h per month. Not a quote.";
}
