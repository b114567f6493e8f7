using Interlink.Core.Model;
using Interlink.Core.Monitoring;

namespace Interlink.Core.Pricing;

/// <summary>One priced line.</summary>
/// <param name="What">What is billed.</param>
/// <param name="Quantity">How much per month.</param>
/// <param name="Unit">Unit of <paramref name="Quantity"/> (NLB-hour, GB, …).</param>
/// <param name="UnitPrice">USD per unit, or null when the catalog has no price (then the line counts 0).</param>
/// <param name="PerGb">True when the line scales with traffic.</param>
public sealed record CostLine(string What, decimal Quantity, string Unit, decimal? UnitPrice, bool PerGb)
{
    /// <summary>USD per month (unrounded).</summary>
    public decimal Monthly => Quantity * (UnitPrice ?? 0m);
}

/// <summary>A design's monthly estimate at one traffic level.</summary>
/// <param name="Mode">The design.</param>
/// <param name="TrafficGbPerMonth">Service traffic assumed, GB per month (both directions).</param>
/// <param name="Lines">Line items.</param>
/// <param name="Assumptions">What the figures assume.</param>
public sealed record CostEstimate(DeployMode Mode, decimal TrafficGbPerMonth, IReadOnlyList<CostLine> Lines, IReadOnlyList<string> Assumptions)
{
    /// <summary>USD per month (unrounded).</summary>
    public decimal Total => Lines.Sum(l => l.Monthly);

    /// <summary>The part that does not depend on traffic.</summary>
    public decimal Fixed => Lines.Where(l => !l.PerGb).Sum(l => l.Monthly);

    /// <summary>The part that scales with traffic.</summary>
    public decimal Variable => Lines.Where(l => l.PerGb).Sum(l => l.Monthly);
}

/// <summary>Prices a bill of materials with <see cref="PriceCatalog"/>.</summary>
public static class CostEstimator
{
    /// <summary>Traffic assumed when none is given: 100 GB per month.</summary>
    public const decimal DefaultTrafficGbPerMonth = 100m;

    /// <summary>
    /// How traffic becomes NLB capacity units: only the processed-bytes dimension is priced (1 NLCU = 1 GB/h for
    /// TCP). Steady traffic of T GB/month keeps T/730 NLCU busy for 730 h, i.e. T NLCU-hours per month, whatever
    /// the number of NLBs it is split over. New (800/s per NLCU) and active (100,000 per NLCU) connections are
    /// assumed to stay below that.
    /// </summary>
    public const string NlcuModel = "NLCU-hours = GB processed (1 NLCU = 1 GB/h; steady traffic; connection dimensions assumed lower)";

    /// <summary>The monthly estimate of <paramref name="bom"/> at <paramref name="trafficGbPerMonth"/> GB of service traffic per month.</summary>
    public static CostEstimate Estimate(BillOfMaterials bom, decimal trafficGbPerMonth = DefaultTrafficGbPerMonth)
    {
        ArgumentNullException.ThrowIfNull(bom);
        ArgumentOutOfRangeException.ThrowIfNegative(trafficGbPerMonth);
        var h = PriceCatalog.HoursPerMonth;
        var t = trafficGbPerMonth;
        var lines = new List<CostLine>();
        var assumptions = new List<string>(bom.Assumptions) { NlcuModel };

        if (bom.LoadBalancers > 0)
        {
            lines.Add(new CostLine($"Network Load Balancer hours ({bom.LoadBalancers} NLB)", bom.LoadBalancers * h, "NLB-hour", PriceCatalog.NlbHour, false));
            lines.Add(new CostLine("NLB capacity units (1 NLCU per GB/h processed)", t / PriceCatalog.GbPerHourPerNlcu, "NLCU-hour", PriceCatalog.NlcuHour, true));
        }

        if (bom.EndpointAzs > 0)
        {
            lines.Add(new CostLine($"Interface endpoint AZ-hours ({bom.Endpoints} endpoint(s), {bom.EndpointAzs} AZ(s))", bom.EndpointAzs * h, "AZ-hour", PriceCatalog.EndpointAzHour, false));
            lines.Add(new CostLine("Interface endpoint data processed", t, "GB", PriceCatalog.EndpointGb, true));
        }

        foreach (var path in bom.InterRegionPaths)
            lines.Add(new CostLine($"Inter-Region transfer {path.From} <-> {path.To} ({path.Share:P0} of traffic)", t * path.Share, "GB", PriceCatalog.InterRegionGb, true));

        // Native cross-Region PrivateLink adds no line of its own: AWS bills it as the endpoint lines above plus the
        // inter-Region transfer lines (PriceCatalog's note on the PrivateLink pricing page).

        if (bom.NatGateways > 0)
        {
            lines.Add(new CostLine($"NAT gateway hours ({bom.NatGateways} NAT)", bom.NatGateways * h, "NAT-hour", PriceCatalog.NatHour, false));
            lines.Add(new CostLine("NAT gateway data processed (no service traffic)", 0m, "GB", PriceCatalog.NatGb, false));
        }

        foreach (var host in bom.Hosts)
        {
            var price = PriceCatalog.InstanceHour(host.InstanceType);
            if (price is null)
                assumptions.Add($"no catalog price for {host.InstanceType}: its hours count $0");
            lines.Add(new CostLine($"EC2 {host.InstanceType} ({host.Count} host(s))", host.Count * h, "instance-hour", price, false));
        }

        var volume = bom.Hosts.Sum(x => x.VolumeGb);
        if (volume > 0)
            lines.Add(new CostLine("EBS gp3 root volumes", volume, "GB-month", PriceCatalog.Gp3GbMonth, false));

        AddMonitoring(bom.Monitoring, lines, assumptions);
        return new CostEstimate(bom.Mode, t, lines, assumptions);
    }

    /// <summary>Alerts assumed per month when pricing SNS deliveries: alarm state changes and connection events together.</summary>
    public const int AssumedAlertsPerMonth = 100;

    private static void AddMonitoring(MonitoringUsage m, List<CostLine> lines, List<string> assumptions)
    {
        if (m.Alarms > 0)
            lines.Add(new CostLine($"CloudWatch alarms ({m.Alarms} standard-resolution)", m.Alarms, "alarm-month", PriceCatalog.AlarmMonth, false));
        if (m.Dashboards > 0)
            lines.Add(new CostLine($"CloudWatch dashboards ({m.Dashboards}, one per account and Region)", m.Dashboards, "dashboard-month", PriceCatalog.DashboardMonth, false));
        if (m.Alarms + m.ConnectionNotifications == 0)
            return;
        if (m.EmailSubscriptions > 0)
            lines.Add(new CostLine($"SNS e-mail notifications ({AssumedAlertsPerMonth} alerts × {m.EmailSubscriptions} subscription(s))", AssumedAlertsPerMonth * m.EmailSubscriptions, "e-mail", PriceCatalog.SnsEmail, false));
        assumptions.Add($"monitoring: {AssumedAlertsPerMonth} alarm and connection events a month, whose SNS publishes cost under a cent ($0.50 per million) and are not listed; "
            + "AWS free tiers (10 alarms, 3 dashboards, 1 million SNS requests, 1,000 e-mails per account) not applied");
    }

    /// <summary>USD per month that does not depend on traffic, and USD per GB, of <paramref name="bom"/>: total = fixed + perGb × traffic.</summary>
    public static (decimal Fixed, decimal PerGb) Linear(BillOfMaterials bom)
    {
        var zero = Estimate(bom, 0m).Total;
        var one = Estimate(bom, 1m).Total;
        return (zero, one - zero);
    }
}
