using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Interlink.Probe;

/// <summary>Runs a probe: N GET requests, C at a time, each with a timeout, the whole run within a deadline.</summary>
public static class ProbeRunner
{
    /// <summary>The largest response body read; a larger one fails the request as "other".</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// Sends the requests and reports. Failed requests are counted, never thrown; only a bad option
    /// (<see cref="ArgumentException"/>) or <paramref name="cancellationToken"/> (<see cref="OperationCanceledException"/>) throws.
    /// </summary>
    public static async Task<ProbeReport> RunAsync(ProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var timeout = options.EffectiveTimeout;
        var concurrency = Math.Min(options.Concurrency, options.Requests);

        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        using var client = new HttpClient(handler, disposeHandler: false)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxBodyBytes,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.EffectiveDeadline);

        var results = new ProbeResult?[options.Requests];
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = -1;
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            while (!deadline.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= options.Requests)
                {
                    return;
                }
                results[index] = await SendAsync(client, options, index, clock, timeout, samples, deadline.Token, cancellationToken);
            }
        }

        var workers = new Task[concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(Worker, CancellationToken.None);
        }
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        cancellationToken.ThrowIfCancellationRequested();

        var done = results.Where(r => r is not null).Select(r => r!).ToList();
        return Summarize(options, startedAt, elapsed, done, samples, deadline.IsCancellationRequested && done.Count < options.Requests
            || done.Any(r => r.Error == ProbeErrorKind.Deadline));
    }

    private static async Task<ProbeResult> SendAsync(HttpClient client, ProbeOptions options, int index, Stopwatch clock,
        TimeSpan timeout, Dictionary<string, string> samples, CancellationToken deadline, CancellationToken caller)
    {
        var offset = clock.Elapsed.TotalMilliseconds;
        var started = Stopwatch.GetTimestamp();
        using var perRequest = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        perRequest.CancelAfter(timeout);
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, options.Url);
            if (options.NewConnections)
            {
                request.Headers.ConnectionClose = true;
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, perRequest.Token);
            status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(perRequest.Token);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                return new ProbeResult(index, offset, latency, true, status, null, HostOf(body));
            }
            var kind = ProbeErrorKind.HttpStatus(status.Value);
            Sample(samples, kind, $"{status} {response.ReasonPhrase}");
            return new ProbeResult(index, offset, latency, false, status, kind, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !caller.IsCancellationRequested)
        {
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var kind = Classify(e, deadline.IsCancellationRequested);
            // A timeout surfaces as "A task was canceled."; say what it means.
            Sample(samples, kind, kind == ProbeErrorKind.Timeout && e is OperationCanceledException
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no response within {timeout.TotalMilliseconds:0} ms")
                : Describe(e));
            return new ProbeResult(index, offset, latency, false, status, kind, null);
        }
    }

    /// <summary>Maps an exception from <see cref="HttpClient"/> to an error kind.</summary>
    internal static string Classify(Exception exception, bool deadlineReached)
    {
        if (exception is OperationCanceledException)
        {
            return deadlineReached ? ProbeErrorKind.Deadline : ProbeErrorKind.Timeout;
        }
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                    return ProbeErrorKind.Timeout;
                case SocketException socket:
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                            return ProbeErrorKind.ConnectionRefused;
                        case SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown:
                            return ProbeErrorKind.ConnectionReset;
                        case SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery:
                            return ProbeErrorKind.Dns;
                        case SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown:
                            return ProbeErrorKind.Unreachable;
                        case SocketError.TimedOut:
                            return ProbeErrorKind.Timeout;
                    }
                    break;
                case HttpRequestException http:
                    switch (http.HttpRequestError)
                    {
                        case HttpRequestError.NameResolutionError:
                            return ProbeErrorKind.Dns;
                        case HttpRequestError.ResponseEnded:
                            return ProbeErrorKind.ConnectionReset;
                    }
                    break;
            }
        }
        return ProbeErrorKind.Other;
    }

    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null && messages.Count < 3; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }
        return string.Join(" → ", messages);
    }

    private static void Sample(Dictionary<string, string> samples, string kind, string message)
    {
        lock (samples)
        {
            samples.TryAdd(kind, message);
        }
    }

    /// <summary>The string <c>host</c> property of a JSON object body, or null.</summary>
    internal static string? HostOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isHost = reader.ValueTextEquals("host"u8);
                if (!reader.Read())
                {
                    return null;
                }
                if (isHost && reader.TokenType == JsonTokenType.String)
                {
                    var host = reader.GetString();
                    return string.IsNullOrEmpty(host) ? null : host;
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static ProbeReport Summarize(ProbeOptions options, DateTimeOffset startedAt, TimeSpan elapsed,
        IReadOnlyList<ProbeResult> results, IReadOnlyDictionary<string, string> samples, bool deadlineReached)
    {
        var ok = results.Where(r => r.Ok).ToList();
        var errors = results.Where(r => !r.Ok)
            .GroupBy(r => r.Error ?? ProbeErrorKind.Other, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var hosts = ok.Where(r => r.Host is not null)
            .GroupBy(r => r.Host!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        LatencySummary? latency = null;
        if (ok.Count > 0)
        {
            var sorted = ok.Select(r => r.LatencyMs).Order().ToArray();
            latency = new LatencySummary(
                sorted.Length,
                Round(sorted[0]),
                Round(sorted.Average()),
                Round(Percentiles.NearestRank(sorted, 50)),
                Round(Percentiles.NearestRank(sorted, 90)),
                Round(Percentiles.NearestRank(sorted, 99)),
                Round(sorted[^1]));
        }
        var seconds = elapsed.TotalSeconds;
        return new ProbeReport(
            options.Url.ToString(),
            options.Requests,
            options.Concurrency,
            options.EffectiveTimeout.TotalMilliseconds,
            options.EffectiveDeadline.TotalMilliseconds,
            options.NewConnections,
            startedAt,
            Round(elapsed.TotalMilliseconds),
            results.Count,
            ok.Count,
            results.Count - ok.Count,
            options.Requests - results.Count,
            deadlineReached,
            seconds > 0 ? Math.Round(results.Count / seconds, 1) : 0,
            errors,
            samples.Where(s => errors.ContainsKey(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal)
                .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            latency,
            hosts,
            ok.Count(r => r.Host is null),
            results.OrderBy(r => r.Index).ToList());
    }

    private static double Round(double value) => Math.Round(value, 3);
}
