namespace Interlink.Probe.Tests;

public sealed class PercentileTests
{
    private static double[] Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(25, 3)]
    public void Nearest_rank_of_one_to_ten(double p, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(Range(1, 10), p));

    [Theory]
    [InlineData(50, 50)]
    [InlineData(90, 90)]
    [InlineData(99, 99)]
    [InlineData(99.9, 100)]
    [InlineData(1, 1)]
    [InlineData(0.5, 1)]
    [InlineData(100, 100)]
    public void Nearest_rank_of_one_to_a_hundred(double p, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(Range(1, 100), p));

    [Fact]
    public void Nearest_rank_of_a_thousand_does_not_round_a_fractional_percentile_up()
    {
        var values = Range(1, 1000);
        Assert.Equal(999, Percentiles.NearestRank(values, 99.9));
        Assert.Equal(990, Percentiles.NearestRank(values, 99));
        Assert.Equal(500, Percentiles.NearestRank(values, 50));
    }

    [Fact]
    public void Nearest_rank_returns_measured_values_never_interpolated()
    {
        // The textbook example: 15, 20, 35, 40, 50 → p30 = 20, p40 = 20, p50 = 35, p100 = 50.
        double[] values = [15, 20, 35, 40, 50];
        Assert.Equal(20, Percentiles.NearestRank(values, 30));
        Assert.Equal(20, Percentiles.NearestRank(values, 40));
        Assert.Equal(35, Percentiles.NearestRank(values, 50));
        Assert.Equal(50, Percentiles.NearestRank(values, 100));
        Assert.Equal(7.5, Percentiles.NearestRank([7.5], 99));
    }

    [Fact]
    public void Empty_input_or_a_percentile_out_of_range_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([1.0], -1));
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([1.0], 100.5));
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([1.0], double.NaN));
    }
}
