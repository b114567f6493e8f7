using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Interlink.Service;
using Interlink.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Interlink.Probe.Tests;

/// <summary>The probe against the real sample service on loopback, a closed port and a slow handler.</summary>
public sealed class ProbeRunnerTests
{
    private static Task<LoopbackService> ServiceAsync(string host, Action<WebApplication>? map = null) =>
        LoopbackService.StartAsync(new Dictionary<string, string?>
        {
            [ServiceApp.Keys.Host] = host,
            [ServiceApp.Keys.ServiceName] = "probe-test",
        }, map);

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task All_requests_to_the_service_succeed_and_its_host_is_counted(bool newConnections)
    {
        await using var service = await ServiceAsync("host-a");

        var report = await ProbeRunner.RunAsync(new ProbeOptions(service.BaseAddress, Requests: 40, Concurrency: 4,
            NewConnections: newConnections));

        Assert.Equal(40, report.Sent);
        Assert.Equal(40, report.Succeeded);
        Assert.Equal(0, report.Failed);
        Assert.Equal(0, report.NotSent);
        Assert.False(report.DeadlineReached);
        Assert.Empty(report.Errors);
        Assert.Equal(new Dictionary<string, int> { ["host-a"] = 40 }, report.Hosts);
        Assert.Equal(0, report.Unidentified);
        var latency = Assert.IsType<LatencySummary>(report.Latency);
        Assert.Equal(40, latency.Count);
        Assert.True(latency.MinMs <= latency.P50Ms && latency.P50Ms <= latency.P90Ms && latency.P90Ms <= latency.P99Ms
            && latency.P99Ms <= latency.MaxMs, latency.ToString());
        Assert.True(report.RequestsPerSecond > 0);
        Assert.Equal(40, report.Results!.Count);
        Assert.Equal(Enumerable.Range(0, 40), report.Results.Select(r => r.Index));
        Assert.All(report.Results, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Two_instances_answering_are_both_counted_in_hosts()
    {
        await using var a = await ServiceAsync("host-a");
        await using var b = await ServiceAsync("host-b");
        // A stand-in for the NLB: a tiny loopback front that alternates between the two instances per connection.
        await using var front = await AlternatingFrontAsync(a.BaseAddress, b.BaseAddress);

        var report = await ProbeRunner.RunAsync(new ProbeOptions(front, Requests: 20, Concurrency: 2, NewConnections: true));

        Assert.Equal(20, report.Succeeded);
        Assert.Equal(["host-a", "host-b"], report.Hosts.Keys);
        Assert.Equal(20, report.Hosts.Values.Sum());
        // Round robin per connection gives 10 each, give or take a connection the client opened and did not use.
        Assert.InRange(report.Hosts["host-a"], 5, 15);
    }

    /// <summary>A TCP relay on loopback: each accepted connection goes to the next backend in turn.</summary>
    private static async Task<TcpFront> AlternatingFrontAsync(params Uri[] backends)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var front = new TcpFront(listener);
        front.Run(backends.Select(b => new IPEndPoint(IPAddress.Loopback, b.Port)).ToArray());
        await Task.Yield();
        return front;
    }

    private sealed class TcpFront(TcpListener listener) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public static implicit operator Uri(TcpFront front) => new($"http://127.0.0.1:{((IPEndPoint)front.Listener.LocalEndpoint).Port}/");

        private TcpListener Listener => listener;

        public void Run(IPEndPoint[] backends)
        {
            _loop = Task.Run(async () =>
            {
                var next = 0;
                var relays = new List<Task>();
                try
                {
                    while (true)
                    {
                        var inbound = await listener.AcceptTcpClientAsync(_stop.Token);
                        var backend = backends[next++ % backends.Length];
                        relays.Add(RelayAsync(inbound, backend, _stop.Token));
                    }
                }
                catch (OperationCanceledException)
                {
                }
                await Task.WhenAll(relays);
            });
        }

        private static async Task RelayAsync(TcpClient inbound, IPEndPoint backend, CancellationToken stop)
        {
            using (inbound)
            using (var outbound = new TcpClient())
            {
                try
                {
                    await outbound.ConnectAsync(backend, stop);
                    var a = inbound.GetStream();
                    var b = outbound.GetStream();
                    var up = Pump(a, b, outbound.Client, stop);
                    var down = Pump(b, a, inbound.Client, stop);
                    await Task.WhenAll(up, down);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                }
            }
        }

        private static async Task Pump(NetworkStream from, NetworkStream to, Socket toSocket, CancellationToken stop)
        {
            try
            {
                await from.CopyToAsync(to, stop);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
            try
            {
                toSocket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            listener.Stop();
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task A_closed_port_counts_connection_refused_without_throwing()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}/");

        var report = await ProbeRunner.RunAsync(new ProbeOptions(url, Requests: 6, Concurrency: 2, Timeout: TimeSpan.FromSeconds(5)));

        Assert.Equal(6, report.Sent);
        Assert.Equal(0, report.Succeeded);
        Assert.Equal(6, report.Failed);
        Assert.Equal(new Dictionary<string, int> { [ProbeErrorKind.ConnectionRefused] = 6 }, report.Errors);
        Assert.Contains(ProbeErrorKind.ConnectionRefused, report.ErrorSamples.Keys);
        Assert.Null(report.Latency);
        Assert.Empty(report.Hosts);
    }

    [Fact]
    public async Task A_slow_handler_counts_timeouts()
    {
        await using var service = await ServiceAsync("slow-host", app =>
        {
            app.MapGet("/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
                return "late";
            });
            app.MapGet("/teapot", () => Results.StatusCode(418));
        });

        var report = await ProbeRunner.RunAsync(new ProbeOptions(new Uri(service.BaseAddress, "/slow"), Requests: 4, Concurrency: 4,
            Timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Equal(new Dictionary<string, int> { [ProbeErrorKind.Timeout] = 4 }, report.Errors);
        Assert.Equal("no response within 200 ms", report.ErrorSamples[ProbeErrorKind.Timeout]);
        Assert.Equal(0, report.Succeeded);
        Assert.All(report.Results!, r => Assert.InRange(r.LatencyMs, 150, 2500));
        Assert.True(report.ElapsedMs < 2500, report.ElapsedMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var statuses = await ProbeRunner.RunAsync(new ProbeOptions(new Uri(service.BaseAddress, "/teapot"), Requests: 3, Concurrency: 1));
        Assert.Equal(new Dictionary<string, int> { ["http_4xx"] = 3 }, statuses.Errors);
        Assert.All(statuses.Results!, r => Assert.Equal(418, r.Status));
        var missing = await ProbeRunner.RunAsync(new ProbeOptions(new Uri(service.BaseAddress, "/missing"), Requests: 2, Concurrency: 1));
        Assert.Equal(new Dictionary<string, int> { ["http_4xx"] = 2 }, missing.Errors);
    }

    [Fact]
    public async Task The_deadline_bounds_the_run_and_counts_what_was_not_sent()
    {
        await using var service = await ServiceAsync("slow-host", app =>
            app.MapGet("/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
                return "late";
            }));

        var report = await ProbeRunner.RunAsync(new ProbeOptions(new Uri(service.BaseAddress, "/slow"), Requests: 1000, Concurrency: 2,
            Timeout: TimeSpan.FromSeconds(5), Deadline: TimeSpan.FromMilliseconds(800)));

        Assert.True(report.DeadlineReached);
        Assert.True(report.NotSent > 900, report.NotSent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(report.Requested, report.Sent + report.NotSent);
        Assert.Equal(report.Sent, report.Succeeded + report.Failed);
        Assert.True(report.ElapsedMs < 3000);
        Assert.True(report.Succeeded >= 1);
    }

    [Fact]
    public async Task Caller_cancellation_throws()
    {
        await using var service = await ServiceAsync("slow-host", app =>
            app.MapGet("/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                return "late";
            }));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProbeRunner.RunAsync(
            new ProbeOptions(new Uri(service.BaseAddress, "/slow"), Requests: 4, Concurrency: 2), cancel.Token));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(ProbeOptions.MaxRequests + 1, 1)]
    [InlineData(10, 0)]
    [InlineData(10, ProbeOptions.MaxConcurrency + 1)]
    public async Task Out_of_range_options_are_rejected(int requests, int concurrency)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ProbeRunner.RunAsync(new ProbeOptions(new Uri("http://127.0.0.1:1/"), requests, concurrency)));
    }

    [Fact]
    public async Task A_zero_or_overlong_timeout_or_deadline_and_a_non_http_url_are_rejected()
    {
        var url = new Uri("http://127.0.0.1:1/");
        await Assert.ThrowsAsync<ArgumentException>(() => ProbeRunner.RunAsync(new ProbeOptions(url, Timeout: TimeSpan.Zero)));
        await Assert.ThrowsAsync<ArgumentException>(() => ProbeRunner.RunAsync(new ProbeOptions(url, Deadline: TimeSpan.FromHours(2))));
        await Assert.ThrowsAsync<ArgumentException>(() => ProbeRunner.RunAsync(new ProbeOptions(new Uri("ftp://127.0.0.1/"))));
    }

    [Theory]
    [InlineData("""{"service":"s","host":"ip-10-10-1-10"}""", "ip-10-10-1-10")]
    [InlineData("""{"nested":{"host":"no"},"host":"yes"}""", "yes")]
    [InlineData("""{"host":42}""", null)]
    [InlineData("""[{"host":"x"}]""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void Host_is_read_from_the_json_body(string body, string? expected) =>
        Assert.Equal(expected, ProbeRunner.HostOf(System.Text.Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Errors_are_classified_by_kind()
    {
        Assert.Equal("connection_refused", ProbeRunner.Classify(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), false));
        Assert.Equal("connection_reset", ProbeRunner.Classify(new HttpRequestException("x", new IOException("y", new SocketException((int)SocketError.ConnectionReset))), false));
        Assert.Equal("connection_reset", ProbeRunner.Classify(new HttpRequestException(HttpRequestError.ResponseEnded), false));
        Assert.Equal("dns", ProbeRunner.Classify(new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), false));
        Assert.Equal("dns", ProbeRunner.Classify(new HttpRequestException(HttpRequestError.NameResolutionError), false));
        Assert.Equal("unreachable", ProbeRunner.Classify(new HttpRequestException("x", new SocketException((int)SocketError.NetworkUnreachable)), false));
        Assert.Equal("timeout", ProbeRunner.Classify(new TaskCanceledException("x", new TimeoutException()), false));
        Assert.Equal("deadline", ProbeRunner.Classify(new TaskCanceledException(), true));
        Assert.Equal("other", ProbeRunner.Classify(new HttpRequestException("tls"), false));
        Assert.Equal("http_5xx", ProbeErrorKind.HttpStatus(503));
    }

    [Fact]
    public async Task The_json_report_round_trips_and_leaves_out_requests_unless_asked()
    {
        await using var service = await ServiceAsync("host-a");
        var report = await ProbeRunner.RunAsync(new ProbeOptions(service.BaseAddress, Requests: 5, Concurrency: 1));

        var json = ProbeJson.Serialize(report);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(5, root.GetProperty("succeeded").GetInt32());
        Assert.Equal(5, root.GetProperty("hosts").GetProperty("host-a").GetInt32());
        Assert.True(root.GetProperty("latency").GetProperty("p99Ms").GetDouble() > 0);
        Assert.False(root.TryGetProperty("results", out _));

        var detailed = ProbeJson.Serialize(report, includeRequests: true, indented: false);
        Assert.DoesNotContain('\n', detailed);
        var back = ProbeJson.Deserialize(detailed)!;
        Assert.Equal(5, back.Results!.Count);
        Assert.Equal(report.Hosts, back.Hosts);
        Assert.Equal(report.Latency, back.Latency);
    }

    [Fact]
    public void The_text_report_names_every_figure()
    {
        var report = new ProbeReport("http://127.0.0.1:8080/", 10, 2, 5000, 60000, true, DateTimeOffset.UnixEpoch, 1234.5, 10, 8, 2, 0,
            false, 8.1,
            new Dictionary<string, int> { ["connection_refused"] = 1, ["timeout"] = 1 },
            new Dictionary<string, string> { ["timeout"] = "The operation was canceled." },
            new LatencySummary(8, 0.5, 1.25, 1, 2, 3, 3.5),
            new Dictionary<string, int> { ["host-a"] = 5, ["host-b"] = 3 }, 0, null);
        var text = new StringWriter();

        ProbeText.Write(text, report);

        Assert.Equal("""
            probe http://127.0.0.1:8080/: 10 requests, concurrency 2, timeout 5000 ms, a new connection per request
            sent 10, ok 8, failed 2 in 1.235 s (8.1 requests/s)
            errors: connection_refused 1, timeout 1
              timeout: The operation was canceled.
            latency ms (ok requests, nearest rank): min 0.500  p50 1.000  p90 2.000  p99 3.000  max 3.500  mean 1.250
            hosts (2): host-a 5, host-b 3

            """, text.ToString().ReplaceLineEndings("\n"));
    }
}
