using Interlink.Core.Monitoring;
using Interlink.Lab.Agent;
using Interlink.Lab.Monitoring;

namespace Interlink.Lab.Tests;

/// <summary>CloudWatch-style evaluation of the plan's alarms over synthetic samples (no root needed).</summary>
public sealed class AlarmEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private static PlannedAlarm Alarm(MetricDefinition metric, AlarmComparison comparison, int threshold, int period = 60, int evaluations = 5) =>
        new("t-alarm", metric, comparison, threshold, period, evaluations, evaluations, MonitoringPlanner.TreatMissingData, null, "test");

    private static readonly PlannedAlarm Unhealthy = Alarm(CloudWatchMetrics.UnhealthyHosts, AlarmComparison.GreaterThanThreshold, 0);
    private static readonly PlannedAlarm Healthy = Alarm(CloudWatchMetrics.HealthyHosts, AlarmComparison.LessThanThreshold, 1);
    private static readonly PlannedAlarm Resets = Alarm(CloudWatchMetrics.ResetPackets, AlarmComparison.GreaterThanThreshold, 10);

    [Fact]
    public void An_unhealthy_target_for_the_whole_window_is_ALARM()
    {
        var e = AlarmEvaluator.Evaluate(Unhealthy, [new(T0, 0), new(T0.AddMinutes(1), 1)], SeriesKind.Gauge, T0.AddMinutes(7));
        Assert.Equal(AlarmState.Alarm, e.State);
        Assert.Equal([1, 1, 1, 1, 1], e.Datapoints);
        Assert.True(e.BreachingNow);
    }

    [Fact]
    public void Four_breaching_minutes_of_five_are_not_enough_when_all_five_must_breach()
    {
        // Unhealthy from minute 3: at minute 7 the window is minutes 2-7; the first period (2-3) still saw 0.
        var e = AlarmEvaluator.Evaluate(Unhealthy, [new(T0, 0), new(T0.AddMinutes(3), 1)], SeriesKind.Gauge, T0.AddMinutes(7));
        Assert.Equal(AlarmState.Ok, e.State);
        Assert.Equal(4, e.Breaching);
        Assert.True(e.BreachingNow);
    }

    [Fact]
    public void The_Maximum_statistic_catches_a_target_that_was_unhealthy_for_part_of_each_minute()
    {
        var samples = Enumerable.Range(0, 10).SelectMany(m => new MetricSample[] { new(T0.AddMinutes(m), 0), new(T0.AddMinutes(m).AddSeconds(30), 1) }).ToList();
        Assert.Equal(AlarmState.Alarm, AlarmEvaluator.Evaluate(Unhealthy, samples, SeriesKind.Gauge, T0.AddMinutes(9).AddSeconds(59)).State);
    }

    [Fact]
    public void No_healthy_target_is_ALARM_on_HealthyHostCount_below_one_and_recovery_clears_it_after_one_good_period()
    {
        var samples = new List<MetricSample> { new(T0, 2), new(T0.AddMinutes(1), 0) };
        Assert.Equal(AlarmState.Alarm, AlarmEvaluator.Evaluate(Healthy, samples, SeriesKind.Gauge, T0.AddMinutes(6).AddSeconds(30)).State);
        samples.Add(new(T0.AddMinutes(7), 2));
        var recovered = AlarmEvaluator.Evaluate(Healthy, samples, SeriesKind.Gauge, T0.AddMinutes(8).AddSeconds(30));
        Assert.Equal(AlarmState.Ok, recovered.State);
        Assert.False(recovered.BreachingNow);
    }

    [Fact]
    public void Periods_before_anything_was_observed_are_missing_and_count_as_not_breaching()
    {
        var e = AlarmEvaluator.Evaluate(Unhealthy, [new(T0.AddMinutes(4).AddSeconds(30), 1)], SeriesKind.Gauge, T0.AddMinutes(5));
        Assert.Equal([null, null, null, null, 1], e.Datapoints);
        Assert.Equal(AlarmState.Ok, e.State);
    }

    [Fact]
    public void A_counter_datapoint_is_its_increase_over_the_period()
    {
        // 12 resets a minute for five minutes: above the threshold of 10 in every period.
        var samples = Enumerable.Range(0, 6).Select(m => new MetricSample(T0.AddMinutes(m), 12 * m)).ToList();
        var e = AlarmEvaluator.Evaluate(Resets, samples, SeriesKind.Counter, T0.AddMinutes(5).AddSeconds(1));
        Assert.All(e.Datapoints, d => Assert.Equal(12, d));
        Assert.Equal(AlarmState.Alarm, e.State);

        // Then no more resets: the increase is 0, so the alarm clears once the window has passed.
        var quiet = AlarmEvaluator.Evaluate(Resets, [.. samples, new(T0.AddMinutes(30), 60)], SeriesKind.Counter, T0.AddMinutes(40));
        Assert.Equal(AlarmState.Ok, quiet.State);
        Assert.All(quiet.Datapoints, d => Assert.Equal(0, d));
    }

    [Fact]
    public void Ten_resets_a_minute_are_not_above_the_default_threshold_of_ten()
    {
        var samples = Enumerable.Range(0, 6).Select(m => new MetricSample(T0.AddMinutes(m), 10 * m)).ToList();
        Assert.Equal(AlarmState.Ok, AlarmEvaluator.Evaluate(Resets, samples, SeriesKind.Counter, T0.AddMinutes(5).AddSeconds(1)).State);
    }

    [Fact]
    public void A_target_counts_as_healthy_only_when_every_node_says_so_and_as_unhealthy_when_any_node_does()
    {
        TargetHealth H(string node, int target, string state) => new(80, node, target, $"10.0.0.{target}", state, null);
        var counts = LabMonitoring.Count([H("a", 1, "healthy"), H("b", 1, "healthy"), H("a", 2, "healthy"), H("b", 2, "unhealthy"), H("a", 3, "initial"), H("b", 3, "healthy")]);
        Assert.Equal((1, 1, 1), counts);
    }
}
