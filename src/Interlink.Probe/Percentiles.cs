namespace Interlink.Probe;

/// <summary>Percentiles by the nearest-rank method.</summary>
public static class Percentiles
{
    /// <summary>
    /// The <paramref name="percentile"/>-th percentile of <paramref name="sortedAscending"/> by nearest rank: the value at
    /// 1-based rank ⌈P/100 × n⌉ of the n values sorted ascending, and the smallest value for P = 0. The result is always
    /// one of the values (no interpolation). Example: of 1…10, p50 = 5, p90 = 9, p99 = 10; of 1…100, p99 = 99.
    /// </summary>
    /// <exception cref="ArgumentException">No values, or P outside 0…100.</exception>
    public static double NearestRank(IReadOnlyList<double> sortedAscending, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        if (sortedAscending.Count == 0)
        {
            throw new ArgumentException("no values", nameof(sortedAscending));
        }
        if (double.IsNaN(percentile) || percentile < 0 || percentile > 100)
        {
            throw new ArgumentException($"the percentile must be from 0 to 100, not {percentile}", nameof(percentile));
        }
        var n = sortedAscending.Count;
        // P × n / 100 is exact for whole P and n; the tolerance keeps a fractional P (99.9) from rounding one rank up.
        var rank = (int)Math.Ceiling(percentile * n / 100.0 - 1e-9);
        return sortedAscending[Math.Clamp(rank, 1, n) - 1];
    }
}
