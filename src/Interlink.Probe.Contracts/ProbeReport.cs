using System.Text.Json.Serialization;

namespace Interlink.Probe;

/// <summary>The kinds of failed request, as reported in <see cref="ProbeReport.Errors"/>.</summary>
public static class ProbeErrorKind
{
    /// <summary>No complete response within the per-request timeout (connecting included).</summary>
    public const string Timeout = "timeout";
    /// <summary>The peer refused the TCP connection (nothing listening, or an RST on SYN).</summary>
    public const string ConnectionRefused = "connection_refused";
    /// <summary>The connection was reset or closed before a complete response.</summary>
    public const string ConnectionReset = "connection_reset";
    /// <summary>The host name did not resolve.</summary>
    public const string Dns = "dns";
    /// <summary>No route to the network or host.</summary>
    public const string Unreachable = "unreachable";
    /// <summary>The run's deadline cut the request off while it was in flight.</summary>
    public const string Deadline = "deadline";
    /// <summary>Anything else (TLS, protocol errors, a body over the size limit…); see <see cref="ProbeReport.ErrorSamples"/>.</summary>
    public const string Other = "other";

    /// <summary>A response outside 2xx: "http_1xx", "http_3xx", "http_4xx" or "http_5xx".</summary>
    public static string HttpStatus(int status) => $"http_{status / 100}xx";
}

/// <summary>One request's outcome.</summary>
/// <param name="Index">0-based, in the order requests were started.</param>
/// <param name="OffsetMs">When it started, in milliseconds after the run started.</param>
/// <param name="LatencyMs">From sending to the last byte of the body, or to the failure.</param>
/// <param name="Ok">A 2xx response with its whole body.</param>
/// <param name="Status">The HTTP status code, when a response came.</param>
/// <param name="Error">The error kind (<see cref="ProbeErrorKind"/>) when not <paramref name="Ok"/>.</param>
/// <param name="Host">The <c>host</c> field of the service's JSON body, when there was one.</param>
public sealed record ProbeResult(int Index, double OffsetMs, double LatencyMs, bool Ok, int? Status, string? Error, string? Host);

/// <summary>Latency of the successful requests, in milliseconds. Percentiles use the nearest-rank method
/// (the probe's <c>Percentiles.NearestRank</c>): every figure is a latency that was actually measured.</summary>
public sealed record LatencySummary(int Count, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <summary>What a probe run found.</summary>
/// <param name="Url">The URL probed.</param>
/// <param name="Requested">N, the requests asked for.</param>
/// <param name="Concurrency">C.</param>
/// <param name="TimeoutMs">The per-request timeout.</param>
/// <param name="DeadlineMs">The run's deadline.</param>
/// <param name="NewConnections">Whether every request used a new connection.</param>
/// <param name="StartedAt">UTC start of the run.</param>
/// <param name="ElapsedMs">Wall time of the run.</param>
/// <param name="Sent">Requests started (fewer than <paramref name="Requested"/> only when the deadline came first).</param>
/// <param name="Succeeded">2xx responses.</param>
/// <param name="Failed">Requests sent that did not succeed (= the sum of <paramref name="Errors"/>).</param>
/// <param name="NotSent">Requests never started because the deadline came first.</param>
/// <param name="DeadlineReached">Whether the deadline ended the run.</param>
/// <param name="RequestsPerSecond">Requests sent per second of wall time.</param>
/// <param name="Errors">Failed requests per kind (<see cref="ProbeErrorKind"/>), sorted by kind.</param>
/// <param name="ErrorSamples">The first error message seen per kind.</param>
/// <param name="Latency">Over the successful requests; null when none succeeded.</param>
/// <param name="Hosts">Successful responses per answering host (the body's <c>host</c> field), sorted by host.</param>
/// <param name="Unidentified">Successful responses whose body had no <c>host</c> field.</param>
/// <param name="Results">Every request's outcome, in start order; left out of the JSON unless asked for.</param>
public sealed record ProbeReport(
    string Url,
    int Requested,
    int Concurrency,
    double TimeoutMs,
    double DeadlineMs,
    bool NewConnections,
    DateTimeOffset StartedAt,
    double ElapsedMs,
    int Sent,
    int Succeeded,
    int Failed,
    int NotSent,
    bool DeadlineReached,
    double RequestsPerSecond,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyDictionary<string, string> ErrorSamples,
    LatencySummary? Latency,
    IReadOnlyDictionary<string, int> Hosts,
    int Unidentified,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ProbeResult>? Results);
