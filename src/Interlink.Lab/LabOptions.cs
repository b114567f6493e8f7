using Interlink.Lab.Agent;

namespace Interlink.Lab;

/// <summary>How the lab runs.</summary>
public sealed record LabOptions
{
    /// <summary>Where the default state lives (root only).</summary>
    public const string DefaultStateDirectory = "/run/interlink-lab";

    /// <summary>State file, configs, logs and status files of the running lab. One lab per machine.</summary>
    public string StateDirectory { get; init; } = Environment.GetEnvironmentVariable("INTERLINK_LAB_STATE") is { Length: > 0 } s ? s : DefaultStateDirectory;

    /// <summary>How long <c>up</c> waits for the services, the NLB, the endpoints and the first health checks.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Overrides every health check's timeout (seconds); null keeps the target group's (AWS default 6 s HTTP, 10 s TCP).</summary>
    public int? HealthCheckTimeoutSeconds { get; init; }

    /// <summary>
    /// A new target's first health check decides its state, so the lab carries traffic as soon as it is up; afterwards the
    /// thresholds apply as in AWS. False: a new target needs the healthy threshold of passing checks first, as in AWS.
    /// </summary>
    public bool FastInitialHealth { get; init; } = true;

    /// <summary>The design's monitoring plan, recorded at <c>up</c> so that <c>lab status</c> evaluates its alarms; null: none known.</summary>
    public Interlink.Core.Monitoring.MonitoringPlan? Monitoring { get; init; }

    internal HealthCheckSettings Apply(HealthCheckSettings settings)
    {
        var timeout = HealthCheckTimeoutSeconds ?? settings.TimeoutSeconds;
        return settings with { TimeoutSeconds = Math.Max(1, Math.Min(timeout, settings.IntervalSeconds)) };
    }
}

/// <summary>How <c>lab test</c> probes.</summary>
/// <param name="Requests">Requests per client.</param>
/// <param name="Concurrency">In flight at once.</param>
/// <param name="Timeout">Per request.</param>
/// <param name="Deadline">Per probe run.</param>
/// <param name="NewConnections">A new TCP connection per request (spreads over the targets, as an NLB balances connections).</param>
public sealed record LabTestOptions(int Requests = 100, int Concurrency = 4, TimeSpan? Timeout = null, TimeSpan? Deadline = null, bool NewConnections = true);
