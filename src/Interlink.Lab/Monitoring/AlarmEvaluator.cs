using Interlink.Core.Monitoring;

namespace Interlink.Lab.Monitoring;

/// <summary>An alarm's state, as CloudWatch names them.</summary>
public enum AlarmState
{
    /// <summary>Fewer than DatapointsToAlarm of the evaluated datapoints breach.</summary>
    Ok,

    /// <summary>At least DatapointsToAlarm of the last EvaluationPeriods datapoints breach.</summary>
    Alarm,
}

/// <summary>How a series' samples are read.</summary>
public enum SeriesKind
{
    /// <summary>A level that holds from one sample to the next (a host count).</summary>
    Gauge,

    /// <summary>A running total since the series began (packets); a period's datapoint is its increase.</summary>
    Counter,
}

/// <summary>One observation: the series' value from <paramref name="Time"/> on.</summary>
/// <param name="Time">When it was observed.</param>
/// <param name="Value">The level (gauge) or running total (counter).</param>
public sealed record MetricSample(DateTimeOffset Time, double Value);

/// <summary>An alarm evaluated over observed samples.</summary>
/// <param name="Alarm">The planned alarm (threshold, period, evaluation periods, datapoints to alarm).</param>
/// <param name="State">OK or ALARM.</param>
/// <param name="Datapoints">The evaluated datapoints, oldest first; null for a period without data (treated as not breaching).</param>
/// <param name="Subject">What the lab watched for it (target group, NLB node, endpoint).</param>
public sealed record AlarmEvaluation(PlannedAlarm Alarm, AlarmState State, IReadOnlyList<double?> Datapoints, string Subject)
{
    /// <summary>The newest datapoint (the period ending now), or null.</summary>
    public double? Latest => Datapoints.Count == 0 ? null : Datapoints[^1];

    /// <summary>Whether the newest datapoint breaches: the alarm fires if that lasts for the evaluation window.</summary>
    public bool BreachingNow => Latest is { } v && Alarm.Breaches(v);

    /// <summary>How many datapoints breach.</summary>
    public int Breaching => Datapoints.Count(d => d is { } v && Alarm.Breaches(v));
}

/// <summary>
/// Evaluates a <see cref="PlannedAlarm"/> the way CloudWatch does a static-threshold metric alarm, over samples the lab
/// observed: the last EvaluationPeriods periods of PeriodSeconds ending at <c>now</c>, one datapoint each (the alarm's
/// statistic of the series over the period), ALARM when at least DatapointsToAlarm of them breach. Periods without data
/// are missing and, as the plan's TreatMissingData (<c>notBreaching</c>) says, count as not breaching.
/// (CloudWatch User Guide, "Alarm evaluation"; the plan's defaults follow AWS's recommended alarms.)
/// </summary>
public static class AlarmEvaluator
{
    /// <summary>Evaluates <paramref name="alarm"/> over <paramref name="samples"/> (any order) at <paramref name="now"/>.</summary>
    public static AlarmEvaluation Evaluate(PlannedAlarm alarm, IReadOnlyList<MetricSample> samples, SeriesKind kind, DateTimeOffset now, string subject = "")
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(samples);
        var ordered = samples.OrderBy(s => s.Time).ToList();
        var period = TimeSpan.FromSeconds(alarm.PeriodSeconds);
        var datapoints = new List<double?>(alarm.EvaluationPeriods);
        for (var k = alarm.EvaluationPeriods - 1; k >= 0; k--)
        {
            var end = now - (period * k);
            datapoints.Add(Datapoint(alarm.Metric.Statistic, ordered, kind, end - period, end));
        }

        var breaching = datapoints.Count(d => d is { } v && alarm.Breaches(v));
        return new AlarmEvaluation(alarm, breaching >= alarm.DatapointsToAlarm ? AlarmState.Alarm : AlarmState.Ok, datapoints, subject);
    }

    /// <summary>The statistic of the series over [<paramref name="start"/>, <paramref name="end"/>), or null when nothing was observed by then.</summary>
    internal static double? Datapoint(string statistic, IReadOnlyList<MetricSample> ordered, SeriesKind kind, DateTimeOffset start, DateTimeOffset end)
    {
        var before = ordered.LastOrDefault(s => s.Time <= start);
        var inside = ordered.Where(s => s.Time > start && s.Time < end).ToList();
        if (before is null && inside.Count == 0)
            return null;
        if (kind == SeriesKind.Counter)
        {
            // The increase over the period; a series that begins inside it begins at zero (counters start with the lab).
            var first = before?.Value ?? 0;
            var last = inside.Count > 0 ? inside[^1].Value : first;
            return Math.Max(0, last - first);
        }

        var values = (before is null ? [] : new[] { before.Value }).Concat(inside.Select(s => s.Value)).ToList();
        return statistic switch
        {
            "Maximum" => values.Max(),
            "Minimum" => values.Min(),
            "Sum" => values.Sum(),
            _ => values.Average(),
        };
    }
}
