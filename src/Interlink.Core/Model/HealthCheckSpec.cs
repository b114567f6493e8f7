namespace Interlink.Core.Model;

/// <summary>Protocol of the target group's health check.</summary>
public enum HealthCheckProtocol
{
    /// <summary>TCP connect.</summary>
    Tcp,

    /// <summary>HTTP GET of <see cref="HealthCheckSpec.Path"/>.</summary>
    Http,

    /// <summary>HTTPS GET of <see cref="HealthCheckSpec.Path"/>.</summary>
    Https,
}

/// <summary>The NLB target group's health check.</summary>
/// <param name="Protocol">Default <see cref="HealthCheckProtocol.Tcp"/>.</param>
/// <param name="Path">Request path for HTTP(S); default <c>/health</c> for HTTP(S), none for TCP.</param>
/// <param name="Port">Port probed; default null, meaning the target port.</param>
/// <param name="IntervalSeconds">Seconds between checks, 5–300; default 10 (AWS's own default is 30: slower failover).</param>
/// <param name="HealthyThreshold">Consecutive successes before a target is healthy, 2–10; default 3.</param>
/// <param name="UnhealthyThreshold">Consecutive failures before a target is unhealthy, 2–10; default 3.</param>
public sealed record HealthCheckSpec(
    HealthCheckProtocol Protocol = HealthCheckProtocol.Tcp,
    string? Path = null,
    int? Port = null,
    int IntervalSeconds = 10,
    int HealthyThreshold = 3,
    int UnhealthyThreshold = 3);
