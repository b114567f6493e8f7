using Interlink.Core.Model;
using Interlink.Core.Normalization;

namespace Interlink.Core.Pricing;

/// <summary>Both designs' totals at one traffic level.</summary>
/// <param name="TrafficGbPerMonth">GB of service traffic per month.</param>
/// <param name="Relay">Relay design, USD per month.</param>
/// <param name="Native">Native design, USD per month.</param>
public sealed record CostComparisonRow(decimal TrafficGbPerMonth, decimal Relay, decimal Native)
{
    /// <summary>The cheaper design at this level (relay when equal).</summary>
    public DeployMode Cheaper => Native < Relay ? DeployMode.Native : DeployMode.Relay;

    /// <summary>Both designs cost the same at this level (reports say "same" rather than name one).</summary>
    public bool SameCost => Native == Relay;
}

/// <summary>The same topology priced in both designs at several traffic levels, with the break-even traffic.</summary>
/// <param name="Relay">Relay bill of materials.</param>
/// <param name="Native">Native bill of materials.</param>
/// <param name="RelayLinear">Relay: fixed USD/month and USD/GB.</param>
/// <param name="NativeLinear">Native: fixed USD/month and USD/GB.</param>
/// <param name="Rows">Totals per traffic level.</param>
/// <param name="BreakEvenGbPerMonth">Traffic at which both cost the same, or null when the lines never cross at positive traffic.</param>
/// <param name="Estimates">Both designs' line items at the first traffic level.</param>
public sealed record CostComparison(
    BillOfMaterials Relay,
    BillOfMaterials Native,
    (decimal Fixed, decimal PerGb) RelayLinear,
    (decimal Fixed, decimal PerGb) NativeLinear,
    IReadOnlyList<CostComparisonRow> Rows,
    decimal? BreakEvenGbPerMonth,
    IReadOnlyList<CostEstimate> Estimates)
{
    /// <summary>Traffic levels compared when none are given (GB/month).</summary>
    public static readonly IReadOnlyList<decimal> DefaultTrafficLevels = [10m, 100m, 1_000m, 10_000m, 100_000m];

    /// <summary>Prices <paramref name="topology"/> as relay and as native at each of <paramref name="trafficLevels"/> (default <see cref="DefaultTrafficLevels"/>).</summary>
    public static CostComparison Compare(Topology topology, IReadOnlyList<decimal>? trafficLevels = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var levels = trafficLevels is { Count: > 0 } ? trafficLevels : DefaultTrafficLevels;
        var relay = BillOfMaterials.For(topology, DeployMode.Relay);
        var native = BillOfMaterials.For(topology, DeployMode.Native);
        return Compare(relay, native, levels);
    }

    /// <summary>Compares two bills of materials (e.g. read from assemblies).</summary>
    public static CostComparison Compare(BillOfMaterials relay, BillOfMaterials native, IReadOnlyList<decimal> trafficLevels)
    {
        var r = CostEstimator.Linear(relay);
        var n = CostEstimator.Linear(native);
        var rows = trafficLevels
            .Select(t => new CostComparisonRow(t, CostEstimator.Estimate(relay, t).Total, CostEstimator.Estimate(native, t).Total))
            .ToList();
        var first = trafficLevels.Count > 0 ? trafficLevels[0] : CostEstimator.DefaultTrafficGbPerMonth;
        return new CostComparison(relay, native, r, n, rows, BreakEven(r, n),
            [CostEstimator.Estimate(relay, first), CostEstimator.Estimate(native, first)]);
    }

    /// <summary>
    /// Solves fixedA + perGbA × t = fixedB + perGbB × t: t = (fixedB − fixedA) / (perGbA − perGbB), when the slopes
    /// differ and t is positive; otherwise null (one design is cheaper, or they are equal, at every traffic level).
    /// </summary>
    public static decimal? BreakEven((decimal Fixed, decimal PerGb) a, (decimal Fixed, decimal PerGb) b)
    {
        var slope = a.PerGb - b.PerGb;
        if (slope == 0m)
            return null;
        var t = (b.Fixed - a.Fixed) / slope;
        return t > 0m ? t : null;
    }

    /// <summary>The cheaper design at low traffic (at zero traffic; relay when equal).</summary>
    public DeployMode CheaperAtLowTraffic => NativeLinear.Fixed < RelayLinear.Fixed ? DeployMode.Native : DeployMode.Relay;

    /// <summary>Both designs cost the same at every traffic level (same fixed part, same price per GB).</summary>
    public bool SameCostEverywhere => NativeLinear == RelayLinear;
}
