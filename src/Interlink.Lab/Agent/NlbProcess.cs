using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Interlink.Core.Networking;

namespace Interlink.Lab.Agent;

/// <summary>
/// The Network Load Balancer: one address per subnet (its nodes), listeners on each, TCP balanced over the targets a
/// node sees as healthy, connections to targets from the node's own address (no client IP preservation), and an
/// active health check per node and target with the target group's protocol, path, interval, timeout and thresholds.
/// Connections arriving over PrivateLink keep the client's source address (the endpoint is a DNAT), and the address they
/// arrive on names the endpoint interface, hence the node; the NLB security group is applied to the client's address
/// when enforcement on PrivateLink traffic is on.
/// </summary>
internal sealed class NlbProcess(NlbConfig config)
{
    private readonly object gate = new();
    private readonly Dictionary<(int Port, int Node, int Target), Health> health = [];
    private readonly Dictionary<(int Port, int Node), int> next = [];
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
                var node = n;
                var socket = TcpRelay.Listen(IPAddress.Parse(config.Nodes[n].Address), listener.Port);
                loops.Add(TcpRelay.AcceptLoopAsync(socket, c => ServeAsync(c, listener, node, ct), ct));
            }

            foreach (var address in config.PrivateLinks.SelectMany(l => l.Addresses))
            {
                var socket = TcpRelay.Listen(IPAddress.Parse(address.Address), listener.Port);
                loops.Add(TcpRelay.AcceptLoopAsync(socket, c => ServePrivateLinkAsync(c, listener, address.Node, ct), ct));
            }
        }

        ready = true;
        WriteStatus();
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

    private async Task ServePrivateLinkAsync(Socket client, AgentListener listener, int node, CancellationToken ct)
    {
        if (config.EnforceOnPrivateLink && !Admits(((IPEndPoint)client.RemoteEndPoint!).Address, listener.Port))
        {
            // AWS drops such traffic silently: the client times out.
            await Task.Delay(TimeSpan.FromSeconds(30), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            client.Dispose();
            return;
        }

        await ServeAsync(client, listener, node, ct);
    }

    private bool Admits(IPAddress source, int port)
    {
        if (source.IsIPv4MappedToIPv6)
            source = source.MapToIPv4();
        if (!Ipv4.TryParse(source.ToString(), out var ip))
            return false;
        return config.Ingress.Any(r => (r.Protocol is "-1" or "all" || ((r.Protocol is "tcp" or "6") && (r.FromPort is null or -1 || (r.FromPort <= port && (r.ToPort ?? r.FromPort) >= port))))
            && Ipv4Cidr.TryParse(r.Cidr, out var c, out _) && c.Contains(ip));
    }

    private async Task ServeAsync(Socket client, AgentListener listener, int node, CancellationToken ct)
    {
        var target = Pick(listener, node);
        if (target is null)
        {
            TcpRelay.Abort(client);
            return;
        }

        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            server.Bind(new IPEndPoint(IPAddress.Parse(config.Nodes[node].Address), 0));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await server.ConnectAsync(new IPEndPoint(IPAddress.Parse(target.Ip), target.Port), timeout.Token);
        }
        catch (Exception)
        {
            TcpRelay.Abort(server);
            TcpRelay.Abort(client);
            return;
        }

        await TcpRelay.PipeAsync(client, server);
    }

    private AgentTarget? Pick(AgentListener listener, int node)
    {
        lock (gate)
        {
            var healthy = listener.Targets.Where(t => health[(listener.Port, node, t.Number)].State == "healthy").ToList();
            if (healthy.Count == 0)
                return null;
            var i = next.GetValueOrDefault((listener.Port, node));
            next[(listener.Port, node)] = i + 1;
            return healthy[i % healthy.Count];
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
        }

        if (changed)
        {
            Console.WriteLine($"{DateTime.UtcNow:O} node {config.Nodes[node].Address} target {target.Ip}:{target.Port} is {health[(port, node, target.Number)].State}{(failure is null ? "" : $" ({failure})")}");
            WriteStatus();
        }
    }

    private async Task<string?> CheckAsync(HealthCheckSettings check, int node, AgentTarget target, CancellationToken ct)
    {
        var port = check.Port ?? target.Port;
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

    private void WriteStatus()
    {
        NlbStatus status;
        lock (gate)
        {
            status = new NlbStatus(ready, health.OrderBy(h => h.Key.Port).ThenBy(h => h.Key.Node).ThenBy(h => h.Key.Target)
                .Select(h => new TargetHealth(h.Key.Port, config.Nodes[h.Key.Node].Address, h.Key.Target,
                    config.Listeners.First(l => l.Port == h.Key.Port).Targets.First(t => t.Number == h.Key.Target).Ip, h.Value.State, h.Value.Reason)).ToList());
            Sys.WriteAtomic(config.StatusFile, JsonSerializer.Serialize(status, LabAgent.Json));
        }
    }
}
