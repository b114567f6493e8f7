using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Interlink.Lab.Agent;

/// <summary>
/// The Network Load Balancer's control plane: an active health check per node and target with the target group's
/// protocol, path, interval, timeout and thresholds, from the node's own address. The data path is in the kernel
/// (<see cref="NlbRules"/>: DNAT per connection to a healthy target, SNAT to the node's address); whenever a target's
/// state at a node changes, this process rewrites that node's balancing chain in one nft transaction, so unhealthy
/// targets get no new connections (established ones stay where conntrack put them), and with no healthy target the
/// node balances to none.
/// </summary>
internal sealed class NlbProcess(NlbConfig config) : IDisposable
{
    private readonly object gate = new();
    private readonly SemaphoreSlim apply = new(1, 1);
    private readonly Dictionary<(int Port, int Node, int Target), Health> health = [];
    private readonly HashSet<(int Port, int Node)> stale = [];
    private Dictionary<string, long> resetsSent = new(StringComparer.Ordinal);
    private bool ready;

    private sealed class Health
    {
        public string State { get; set; } = "initial";

        public int Passes { get; set; }

        public int Failures { get; set; }

        public string? Reason { get; set; }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var loops = new List<Task>();
        foreach (var listener in config.Listeners)
        {
            for (var n = 0; n < config.Nodes.Count; n++)
            {
                foreach (var target in listener.Targets)
                    health[(listener.Port, n, target.Number)] = new Health();
            }
        }

        ready = true;
        WriteStatus();
        loops.Add(SampleCountersAsync(ct));
        foreach (var listener in config.Listeners)
        {
            for (var n = 0; n < config.Nodes.Count; n++)
            {
                foreach (var target in listener.Targets)
                    loops.Add(CheckLoopAsync(listener, n, target, ct));
            }
        }

        await Task.WhenAll(loops);
    }

    /// <summary>Releases the apply lock; call after <see cref="RunAsync"/> has returned, when no loop uses it.</summary>
    public void Dispose() => apply.Dispose();

    /// <summary>Rewrites the balancing chains whose health changed (or whose last rewrite failed), then the status file.</summary>
    private async Task SyncAsync(CancellationToken ct)
    {
        await apply.WaitAsync(ct);
        try
        {
            List<(int Port, int Node, List<AgentTarget> Healthy)> work;
            lock (gate)
            {
                work = stale.Select(k => (k.Port, k.Node, config.Listeners.Where(l => l.Port == k.Port).SelectMany(l => l.Targets)
                    .Where(t => health.TryGetValue((k.Port, k.Node, t.Number), out var h) && h.State == "healthy").DistinctBy(t => (t.Ip, t.Port)).ToList())).ToList();
                stale.Clear();
            }

            if (work.Count == 0)
                return;
            var script = string.Concat(work.Select(w => NlbRules.Balance(w.Port, w.Node, w.Healthy)));
            var r = await Sys.RunAsync("nft", ["-f", "-"], script, TimeSpan.FromSeconds(10), ct);
            if (!r.Ok)
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:O} nft failed ({r.Error.Trim()}); retrying at the next check");
                lock (gate)
                {
                    foreach (var w in work)
                        stale.Add((w.Port, w.Node));
                }

                return;
            }

            foreach (var w in work)
                Console.WriteLine($"{DateTime.UtcNow:O} node {config.Nodes[w.Node].Address} port {w.Port} balances over {(w.Healthy.Count == 0 ? "no target" : string.Join(", ", w.Healthy.Select(t => $"{t.Ip}:{t.Port}")))}");
            WriteStatus();
        }
        finally
        {
            apply.Release();
        }
    }

    private async Task CheckLoopAsync(AgentListener listener, int node, AgentTarget target, CancellationToken ct)
    {
        var check = listener.HealthCheck;
        var interval = TimeSpan.FromSeconds(Math.Max(1, check.IntervalSeconds));
        while (!ct.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            var failure = await CheckAsync(check, node, target, ct);
            Record(listener.Port, node, target, failure, check);
            await SyncAsync(ct);
            var wait = interval - (DateTime.UtcNow - started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, ct);
        }
    }

    private void Record(int port, int node, AgentTarget target, string? failure, HealthCheckSettings check)
    {
        bool changed;
        lock (gate)
        {
            var h = health[(port, node, target.Number)];
            var before = h.State;
            if (failure is null)
            {
                h.Passes++;
                h.Failures = 0;
                if (h.State != "healthy" && (h.Passes >= check.HealthyThreshold || (h.State == "initial" && config.FastInitialHealth)))
                    h.State = "healthy";
            }
            else
            {
                h.Failures++;
                h.Passes = 0;
                h.Reason = failure;
                if (h.State != "unhealthy" && (h.Failures >= check.UnhealthyThreshold || (h.State == "initial" && config.FastInitialHealth)))
                    h.State = "unhealthy";
            }

            changed = before != h.State;
            if (changed)
                stale.Add((port, node));
        }

        if (changed)
            Console.WriteLine($"{DateTime.UtcNow:O} node {config.Nodes[node].Address} target {target.Ip}:{target.Port} is {health[(port, node, target.Number)].State}{(failure is null ? "" : $" ({failure})")}");
    }

    private async Task<string?> CheckAsync(HealthCheckSettings check, int node, AgentTarget target, CancellationToken ct)
    {
        var port = target.HealthCheckPort;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, check.TimeoutSeconds)));
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(config.Nodes[node].Address), 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(target.Ip), port), timeout.Token);
            if (!string.Equals(check.Protocol, "HTTP", StringComparison.OrdinalIgnoreCase))
                return null;
            var request = $"GET {check.Path} HTTP/1.1\r\nHost: {target.Ip}:{port}\r\nUser-Agent: ELB-HealthChecker/2.0\r\nConnection: close\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, timeout.Token);
            var buffer = new byte[1024];
            var length = 0;
            while (length < buffer.Length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token);
                if (n == 0)
                    break;
                length += n;
                if (buffer.AsSpan(0, length).IndexOf("\r\n"u8) >= 0)
                    break;
            }

            var status = Encoding.ASCII.GetString(buffer, 0, length).Split(' ', 3);
            return status.Length >= 2 && int.TryParse(status[1], out var code) && Matches(check.Matcher, code) ? null : $"HTTP status {(status.Length >= 2 ? status[1] : "none")}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timed out";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode.ToString();
        }
    }

    /// <summary>Reads the reset counters once a second (CloudWatch's own resolution is a minute) and records changes in the history.</summary>
    private async Task SampleCountersAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var r = await Sys.RunAsync("nft", ["-j", "list", "counters", "table", "inet", NlbRules.Table], null, TimeSpan.FromSeconds(5), ct);
            if (r.Ok && ReadResets(r.Output) is { } now)
            {
                bool changed;
                lock (gate)
                {
                    changed = now.Count != resetsSent.Count || now.Any(x => !resetsSent.TryGetValue(x.Key, out var v) || v != x.Value);
                    resetsSent = now;
                }

                if (changed)
                    WriteStatus();
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private static Dictionary<string, long>? ReadResets(string json)
    {
        try
        {
            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            using var doc = JsonDocument.Parse(json);
            foreach (var item in doc.RootElement.GetProperty("nftables").EnumerateArray())
            {
                if (item.TryGetProperty("counter", out var counter) && counter.GetProperty("name").GetString() is { } name && name.StartsWith("rst-", StringComparison.Ordinal))
                    values[name] = counter.GetProperty("packets").GetInt64();
            }

            return values;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Matches(string matcher, int code)
    {
        foreach (var part in matcher.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length == 2 && int.TryParse(range[0], out var lo) && int.TryParse(range[1], out var hi) && code >= lo && code <= hi)
                return true;
            if (range.Length == 1 && int.TryParse(range[0], out var one) && code == one)
                return true;
        }

        return false;
    }

    private static readonly JsonSerializerOptions HistoryJson = new(LabJson.Options) { WriteIndented = false };

    private void WriteStatus()
    {
        NlbStatus status;
        lock (gate)
        {
            status = new NlbStatus(ready, health.OrderBy(h => h.Key.Port).ThenBy(h => h.Key.Node).ThenBy(h => h.Key.Target)
                .Select(h => new TargetHealth(h.Key.Port, config.Nodes[h.Key.Node].Address, h.Key.Target,
                    config.Listeners.First(l => l.Port == h.Key.Port).Targets.First(t => t.Number == h.Key.Target).Ip, h.Value.State, h.Value.Reason)).ToList());
            Sys.WriteAtomic(config.StatusFile, JsonSerializer.Serialize(status, LabJson.Options));
            var entry = new NlbHistoryEntry(DateTimeOffset.UtcNow, status.Health, new Dictionary<string, long>(resetsSent, StringComparer.Ordinal));
            File.AppendAllText(NlbHistoryEntry.HistoryFile(config.StatusFile), JsonSerializer.Serialize(entry, HistoryJson) + "\n");
        }
    }
}
