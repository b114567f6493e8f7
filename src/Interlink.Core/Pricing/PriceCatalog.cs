namespace Interlink.Core.Pricing;

/// <summary>
/// The prices Interlink estimates with: AWS us-east-1 on-demand list prices (the same in us-west-2), used as an
/// ESTIMATE for every Region. Real bills differ by Region, by tier, by free allowances and by what else runs in the
/// accounts; treat every figure built from this catalog as an order of magnitude, not a quote.
/// </summary>
public static class PriceCatalog
{
    /// <summary>When these list prices were last checked against the AWS pricing pages in <see cref="Sources"/>.</summary>
    public static readonly DateOnly Date = new(2026, 11, 30);

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

    // Native cross-Region PrivateLink has no price of its own. AWS's PrivateLink pricing page bills cross-Region
    // access as the standard interface endpoint hours and data processing plus cross-Region data transfer, with no
    // premium (https://aws.amazon.com/privatelink/pricing/). An earlier catalog charged the provider ~$0.05 per remote
    // Region-hour with no source; it is gone, and the cost comparison no longer rests on it.

    /// <summary>CloudWatch standard-resolution metric alarm, per alarm-month (one metric per alarm).</summary>
    public const decimal AlarmMonth = 0.10m;

    /// <summary>CloudWatch custom dashboard, per dashboard-month.</summary>
    public const decimal DashboardMonth = 3.00m;

    /// <summary>Amazon SNS standard-topic publish (API request), per request: $0.50 per million.</summary>
    public const decimal SnsPublish = 0.0000005m;

    /// <summary>Amazon SNS e-mail notification delivered, per notification: $2.00 per 100,000.</summary>
    public const decimal SnsEmail = 0.00002m;

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

    /// <summary>
    /// Where each price comes from: the AWS page, the date it was checked, and what the page says about it. The
    /// figures are us-east-1 list prices; AWS renders its price tables in the browser, so where a stored copy of the
    /// page did not show the figure itself, the note says what was confirmed and how.
    /// </summary>
    public static readonly IReadOnlyList<PriceSource> Sources =
    [
        new(nameof(NlbHour), NlbHour, "NLB-hour", ElbPage, Date, "Network Load Balancer hour; each partial hour billed as a full hour (the page states the dimension; the figure, drawn in the browser, matches published copies of the page)"),
        new(nameof(NlcuHour), NlcuHour, "NLCU-hour", ElbPage, Date, "Network Load Balancer capacity unit per hour; the highest of new flows, active flows and processed bytes is billed (figure as for NlbHour)"),
        new(nameof(GbPerHourPerNlcu), GbPerHourPerNlcu, "GB/h per NLCU", ElbPage, Date, "processed-bytes dimension of one NLCU for TCP"),
        new(nameof(EndpointAzHour), EndpointAzHour, "AZ-hour", PrivateLinkPage, Date, "each hour an interface endpoint is provisioned in each AZ; also for cross-Region access (no premium)"),
        new(nameof(EndpointGb), EndpointGb, "GB", PrivateLinkPage, Date, "first 1 PB per month per Region (then $0.006, then $0.004: the tier table as the page prints it); also for cross-Region access"),
        new(nameof(NatHour), NatHour, "NAT-hour", VpcPage, Date, "NAT gateway hour (the page states the dimension; the figure matches published copies of the page)"),
        new(nameof(NatGb), NatGb, "GB", VpcPage, Date, "NAT gateway data processed, either direction (figure as for NatHour)"),
        new(nameof(InterRegionGb), InterRegionGb, "GB", Ec2Page, Date, "data transfer out from us-east-1 to another Region (us-west-2 and most pairs; some Regions cost more); VPC peering and cross-Region PrivateLink traffic pay the same rate (figure matches published copies of the page)"),
        new(nameof(AlarmMonth), AlarmMonth, "alarm-month", CloudWatchPage, Date, "standard-resolution alarm per alarm metric; the page's free tier (seen on 2026-11-30) covers 10 alarm metrics per account, not applied here since other alarms of the account share it; the figure, drawn in the browser, matches published copies of the page"),
        new(nameof(DashboardMonth), DashboardMonth, "dashboard-month", CloudWatchPage, Date, "custom dashboard per month; the free tier (seen on 2026-11-30) is 3 custom dashboards of up to 50 metrics per account, not applied here; figure as for AlarmMonth"),
        new(nameof(SnsPublish), SnsPublish, "request", SnsPage, Date, "$0.50 per million standard-topic requests after the first million per month (free tier not applied); figure matches published copies of the page"),
        new(nameof(SnsEmail), SnsEmail, "e-mail", SnsPage, Date, "$2.00 per 100,000 e-mail notifications after the first 1,000 per month (free tier not applied); figure matches published copies of the page"),
        new(nameof(Gp3GbMonth), Gp3GbMonth, "GB-month", EbsPage, Date, "gp3 storage; the baseline 3,000 IOPS and 125 MB/s are included (the page describes the dimension; the figure, drawn in the browser, was not seen on 2026-11-30 and is kept from the design notes)"),
        .. InstanceHours.Select(x => new PriceSource($"InstanceHour({x.Key})", x.Value, "instance-hour", Ec2Page, Date, "on-demand Linux (the page draws its price table in the browser: the figure was not seen on 2026-11-30 and is kept from the design notes)")),
    ];

    private const string PrivateLinkPage = "https://aws.amazon.com/privatelink/pricing/";
    private const string ElbPage = "https://aws.amazon.com/elasticloadbalancing/pricing/";
    private const string VpcPage = "https://aws.amazon.com/vpc/pricing/";
    private const string Ec2Page = "https://aws.amazon.com/ec2/pricing/on-demand/";
    private const string CloudWatchPage = "https://aws.amazon.com/cloudwatch/pricing/";
    private const string SnsPage = "https://aws.amazon.com/sns/pricing/";
    private const string EbsPage = "https://aws.amazon.com/ebs/pricing/";

    /// <summary>Instance types the catalog prices.</summary>
    public static IReadOnlyCollection<string> InstanceTypes => InstanceHours.Keys;

    /// <summary>On-demand Linux price per hour of <paramref name="instanceType"/>, or null when the catalog has none.</summary>
    public static decimal? InstanceHour(string instanceType) =>
        InstanceHours.TryGetValue(instanceType, out var price) ? price : null;

    /// <summary>One line saying what the figures are, for the foot of every report.</summary>
    public static string Disclaimer =>
        $"Estimate: {Source} as of {Date:yyyy-MM-dd}; {HoursPerMonth} h per month. Not a quote.";
}

/// <summary>One price of the catalog with its provenance.</summary>
/// <param name="Name">The catalog member.</param>
/// <param name="Usd">The price in USD per <paramref name="Unit"/>.</param>
/// <param name="Unit">What one unit is.</param>
/// <param name="Page">The AWS pricing page it comes from.</param>
/// <param name="Checked">When it was checked against that page.</param>
/// <param name="Note">What the page says about it.</param>
public sealed record PriceSource(string Name, decimal Usd, string Unit, string Page, DateOnly Checked, string Note);
