using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Lab.Agent;
using Interlink.Probe;

namespace Interlink.Lab;

/// <summary>
/// The lab's lifecycle: <see cref="UpAsync(string, LabOptions?, CancellationToken)"/>, <see cref="TestAsync"/>,
/// <see cref="Status"/>, <see cref="DownAsync"/> (faults: <see cref="LabFault"/>). Every call needs root; each finds the
/// running lab through its state directory, so each may run in its own process (one CLI command each).
/// </summary>
public static class LabRuntime
{
    private const string EtcNetnsMarker = "created-etc-netns";

    /// <summary>Prefix of every namespace, link and nftables table the lab makes.</summary>
    public const string Prefix = "il-";

    /// <summary>Throws a one-line <see cref="LabException"/> when the lab cannot run here (not root, ip or nft missing).</summary>
    public static void Preflight()
    {
        if (!OperatingSystem.IsLinux())
            throw new LabException("the lab needs Linux (network namespaces, veth, nftables)");
        if (!Environment.IsPrivilegedProcess)
            throw new LabException("the lab needs root (network namespaces and nftables): run it with sudo, or use 'interlink plan' alone");
        var missing = new[] { ("ip", "iproute2"), ("nft", "nftables"), ("setsid", "util-linux") }.Where(t => Sys.Which(t.Item1) is null).ToList();
        if (missing.Count > 0)
            throw new LabException($"the lab needs {string.Join(" and ", missing.Select(m => $"'{m.Item1}'"))}: apt-get install -y {string.Join(' ', missing.Select(m => m.Item2))}");
    }

    /// <summary>Why the lab cannot run here (one line), or null when it can.</summary>
    public static string? Unavailable()
    {
        try
        {
            Preflight();
            return null;
        }
        catch (LabException e)
        {
            return e.Message;
        }
    }

    /// <summary>Builds the lab from the cloud assembly in <paramref name="assemblyDirectory"/> (as <c>plan --assembly</c> reads it).</summary>
    public static Task<LabUpReport> UpAsync(string assemblyDirectory, LabOptions? options = null, CancellationToken ct = default)
    {
        CloudAssembly assembly;
        try
        {
            assembly = CloudAssembly.Read(assemblyDirectory);
        }
        catch (AssemblyException e)
        {
            throw new LabException(e.Message);
        }

        return UpAsync(assembly, options, ct);
    }

    /// <summary>Builds the lab from <paramref name="assembly"/> (health checks as its templates write them).</summary>
    public static Task<LabUpReport> UpAsync(CloudAssembly assembly, LabOptions? options = null, CancellationToken ct = default)
    {
        options ??= new LabOptions();
        var o = options;
        return UpAsync(NetworkModelBuilder.Build(assembly), g => o.Apply(HealthChecks.FromAssembly(assembly, g)), o, ct);
    }

    /// <summary>Builds the lab from <paramref name="model"/> (health checks: AWS's NLB defaults for what the model does not carry).</summary>
    public static Task<LabUpReport> UpAsync(NetworkModel model, LabOptions? options = null, CancellationToken ct = default)
    {
        options ??= new LabOptions();
        var o = options;
        return UpAsync(model, g => o.Apply(HealthChecks.Default(g)), o, ct);
    }

    private static async Task<LabUpReport> UpAsync(NetworkModel model, Func<TargetGroup, HealthCheckSettings> health, LabOptions options, CancellationToken ct)
    {
        Preflight();
        var clock = Stopwatch.StartNew();
        await CleanAsync(options.StateDirectory);
        var run = Path.Combine(options.StateDirectory, "run");
        Directory.CreateDirectory(run);
        var bin = Path.GetDirectoryName(typeof(LabRuntime).Assembly.Location)!;
        foreach (var dll in new[] { "Interlink.Lab.dll", "Interlink.Service.dll", "Interlink.Probe.dll" })
        {
            if (!File.Exists(Path.Combine(bin, dll)))
                throw new LabException($"{dll} is not in {bin}: build the solution first");
        }

        var runtimeConfig = Path.Combine(run, "lab.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, RuntimeConfig());
        var layout = LabPlanner.Plan(model, health, run, options.FastInitialHealth);
        var state = new LabState(model.Name, options.StateDirectory, DateTimeOffset.UtcNow, layout, [], [], [], DotnetHost(), runtimeConfig, bin);
        state.Save();

        // 1. Namespaces and links (created directly inside the namespaces: nothing appears in the host's own).
        var root = new StringBuilder();
        foreach (var ns in layout.Namespaces)
            root.Append($"netns add {ns.Name}\n");
        foreach (var l in layout.Links)
            root.Append($"link add name {l.InterfaceA} netns {l.NamespaceA} type veth peer name {l.InterfaceB} netns {l.NamespaceB}\n");
        await Sys.CheckAsync("ip", ["-batch", "-"], root.ToString(), ct);

        // 2. Addresses, routes, rules, sysctls and nftables, inside each namespace.
        using var limit = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount * 2));
        await Task.WhenAll(layout.Namespaces.Select(async ns =>
        {
            await limit.WaitAsync(ct);
            try
            {
                await SetUpNamespaceAsync(ns, run, ct);
            }
            finally
            {
                limit.Release();
            }
        }));

        // 3. The endpoints' DNS names inside their clients' namespaces (/etc/netns/NS/hosts; ip netns exec mounts it over /etc/hosts).
        if (!Directory.Exists("/etc/netns"))
            File.WriteAllText(Path.Combine(options.StateDirectory, EtcNetnsMarker), "the lab created /etc/netns");
        foreach (var client in layout.Endpoints.SelectMany(e => e.Clients).Distinct())
        {
            var dir = Path.Combine("/etc/netns", client);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "hosts"), HostsFile(layout, client));
        }

        // 4. The services, then the NLBs' health checkers once the services listen. The data paths are nftables loaded in
        //    step 2 (endpoints: DNAT to the NLB; NLBs: DNAT to a healthy target, SNAT to the node); until a checker has
        //    checked a target, its NLB balances over nothing.
        var processes = new List<LabProcess>();
        foreach (var host in layout.Hosts.Where(h => h.ServicePorts.Count > 0))
            processes.Add(Start(state, ServiceCommand(state, host)));
        state = state with { Processes = processes.ToList() };
        state.Save();
        await WaitAsync(() => layout.Hosts.Where(h => h.ServicePorts.Count > 0).All(h => h.ServicePorts.All(p => Sys.CanConnect(h.Namespace, h.Ip, p, TimeSpan.FromMilliseconds(200)))),
            options.ReadyTimeout, "the sample services did not start listening", ct);

        foreach (var lb in layout.LoadBalancers)
        {
            var config = Path.Combine(run, $"{lb.Namespace}.json");
            File.WriteAllText(config, JsonSerializer.Serialize(lb.Config, LabAgent.Json));
            processes.Add(Start(state, ("nlb", lb.Namespace, [.. Dotnet(state, "Interlink.Lab.dll"), "nlb", config], [])));
        }

        state = state with { Processes = processes };
        state.Save();
        await WaitAsync(() => layout.LoadBalancers.All(lb => ReadStatus(lb) is { Ready: true } s && s.Health.All(h => h.State != "initial")),
            options.ReadyTimeout, "the NLB health checkers did not become ready (see their logs under " + run + ")", ct);

        return new LabUpReport(model.Name, clock.Elapsed, layout.Namespaces.Select(n => n.Name).ToList(), processes.Count, layout.Endpoints, layout.Targets,
            layout.LoadBalancers.SelectMany(lb => ReadStatus(lb)?.Health ?? []).ToList(), layout.Notes);
    }

    private static async Task SetUpNamespaceAsync(LabNamespace ns, string run, CancellationToken ct)
    {
        var script = new StringBuilder("set -e\n");
        var ipFile = Path.Combine(run, $"{ns.Name}.ip");
        File.WriteAllText(ipFile, string.Join('\n', ns.IpCommands) + "\n");
        script.Append($"ip -batch '{ipFile}'\n");
        foreach (var (key, value) in ns.Sysctls)
            script.Append($"echo {value} > /proc/sys/net/{key}\n");
        if (ns.Nft.Length > 0)
        {
            var nftFile = Path.Combine(run, $"{ns.Name}.nft");
            File.WriteAllText(nftFile, ns.Nft);
            script.Append($"nft -f '{nftFile}'\n");
        }

        var scriptFile = Path.Combine(run, $"{ns.Name}.sh");
        File.WriteAllText(scriptFile, script.ToString());
        await Sys.CheckAsync("ip", ["netns", "exec", ns.Name, "/bin/sh", scriptFile], ct: ct);
    }

    private static string HostsFile(LabLayout layout, string client)
    {
        var host = layout.Hosts.First(h => h.Namespace == client);
        var text = new StringBuilder("127.0.0.1 localhost\n");
        foreach (var e in layout.Endpoints.Where(e => e.Clients.Contains(client)))
        {
            // The address in the client's own AZ first, as AWS's zonal name would resolve.
            var order = Enumerable.Range(0, e.Enis.Count).OrderBy(i => e.EniAzs[i] == host.Az ? 0 : 1).ThenBy(i => i);
            foreach (var i in order)
                text.Append($"{e.Enis[i]} {string.Join(' ', e.DnsNames)}\n");
        }

        return text.ToString();
    }

    /// <summary>Runs the probe from every consumer client through its endpoint's DNS name.</summary>
    public static async Task<IReadOnlyList<LabProbe>> TestAsync(LabTestOptions? test = null, LabOptions? options = null, CancellationToken ct = default)
    {
        var state = Running(options);
        test ??= new LabTestOptions();
        var probes = new List<LabProbe>();
        foreach (var e in state.Layout.Endpoints)
        {
            foreach (var client in e.Clients)
                probes.Add(await ProbeAsync(state, e, client, $"http://{e.DnsNames[0]}:{e.Port}/", test, ct));
        }

        return probes;
    }

    /// <summary>
    /// What traffic does, per endpoint and target: a probe from each client through each endpoint address (new connections,
    /// enough to reach every target); a target counts as reachable from an endpoint when it answered through every address.
    /// </summary>
    public static async Task<IReadOnlyList<(string Endpoint, string Target, bool Reachable, IReadOnlyList<LabProbe> Probes)>> ObserveAsync(
        LabTestOptions? test = null, LabOptions? options = null, CancellationToken ct = default)
    {
        var state = Running(options);
        var result = new List<(string, string, bool, IReadOnlyList<LabProbe>)>();
        foreach (var e in state.Layout.Endpoints)
        {
            var lbTargets = state.Layout.Targets.Where(t => e.LoadBalancerNamespace is null || state.Layout.LoadBalancers.Any(l => l.Id == t.LoadBalancer)).ToList();
            var settings = test ?? new LabTestOptions(Math.Max(12, 6 * Math.Max(1, lbTargets.Count)), 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
            var probes = new List<LabProbe>();
            foreach (var client in e.Clients)
            {
                foreach (var eni in e.Enis)
                    probes.Add(await ProbeAsync(state, e, client, $"http://{eni}:{e.Port}/", settings with { NewConnections = true }, ct));
            }

            foreach (var t in lbTargets)
            {
                var label = $"{t.Ip}:{t.Port}";
                result.Add((e.Id, label, probes.Count > 0 && probes.All(p => p.Answered.Contains(label)), probes));
            }
        }

        return result;
    }

    private static async Task<LabProbe> ProbeAsync(LabState state, LabEndpoint e, string client, string url, LabTestOptions test, CancellationToken ct)
    {
        var timeout = test.Timeout ?? TimeSpan.FromSeconds(2);
        var deadline = test.Deadline ?? TimeSpan.FromSeconds(60);
        List<string> args = ["netns", "exec", client, .. Dotnet(state, "Interlink.Probe.dll"), url, "-n", $"{test.Requests}", "-c", $"{test.Concurrency}",
            "-t", $"{(int)Math.Ceiling(timeout.TotalMilliseconds)}ms", "-d", $"{(int)Math.Ceiling(deadline.TotalMilliseconds)}ms", "--format", "json"];
        if (test.NewConnections)
            args.Add("--new-connections");
        var r = await Sys.RunAsync("ip", args, timeout: deadline + TimeSpan.FromSeconds(30), ct: ct);
        var start = r.Output.IndexOf('{', StringComparison.Ordinal);
        ProbeReport? report = null;
        try
        {
            report = start < 0 ? null : ProbeJson.Deserialize(r.Output[start..]);
        }
        catch (JsonException)
        {
        }

        if (report is null)
        {
            var why = (r.Error.Trim() + " " + r.Output.Trim()).Trim();
            throw new LabException($"the probe in {client} failed (exit code {r.ExitCode}): {(why.Length > 300 ? why[..300] : why)}");
        }
        var answered = report.Hosts.Keys.SelectMany(ip => state.Layout.Targets.Where(t => t.Ip == ip).Select(t => $"{t.Ip}:{t.Port}")).Distinct().Order().ToList();
        return new LabProbe(e.Consumer, e.Id, client, url, report, answered);
    }

    /// <summary>The running lab (or <see cref="LabStatus.Up"/> false).</summary>
    public static LabStatus Status(LabOptions? options = null)
    {
        options ??= new LabOptions();
        var state = LabState.Load(options.StateDirectory);
        if (state is null)
            return new LabStatus(false, null, null, ExistingNamespaces(), [], [], [], [], [], [], []);
        var existing = ExistingNamespaces();
        var layout = state.Layout;
        var processes = state.Processes.Select(p => new LabProcessStatus(p.Role, p.Namespace, p.Pid, Sys.IsAlive(p.Pid, state.StateDirectory), p.Log)).ToList();
        var health = layout.LoadBalancers.SelectMany(lb => ReadStatus(lb)?.Health ?? []).ToList();
        var targets = layout.Targets.Select(t =>
        {
            var nodes = health.Where(h => h.Target == t.Number).ToList();
            var state = nodes.Count == 0 ? "initial" : nodes.All(n => n.State == "healthy") ? "healthy" : nodes.All(n => n.State == "unhealthy") ? "unhealthy"
                : nodes.Any(n => n.State == "initial") ? "initial" : "partial";
            var running = processes.Any(p => p.Role == "service" && p.Namespace == t.HostNamespace && p.Running);
            return new LabTargetStatus(t.Number, $"{t.Ip}:{t.Port}", t.HostNamespace, running, state, nodes);
        }).ToList();
        var faults = state.KilledTargets.Select(n => $"kill-target {n}").Concat(state.CutPeerings.Select(p => $"cut-peering {p}")).ToList();
        return new LabStatus(true, state.Name, state.StartedAt, layout.Namespaces.Select(n => n.Name).Where(existing.Contains).ToList(),
            layout.Namespaces.Select(n => n.Name).Where(n => !existing.Contains(n)).ToList(), processes, targets,
            layout.Peerings.Select(p => new LabPeeringStatus(p.Id, p.Accepted, state.CutPeerings.Contains(p.Id))).ToList(), layout.Endpoints, faults, layout.Notes);
    }

    /// <summary>Waits until every target whose service runs is healthy at every node (or the timeout passes); true when they are.</summary>
    public static async Task<bool> WaitForHealthAsync(TimeSpan timeout, LabOptions? options = null, CancellationToken ct = default)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = Status(options);
            if (status.Targets.Where(t => t.ServiceRunning).All(t => t.State == "healthy"))
                return true;
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(200, ct);
        }
    }

    /// <summary>
    /// Removes every namespace (with its links and nftables tables), /etc/netns entry and process the lab made, and its
    /// state; leaves everything else alone. Also cleans what a crashed run left (the <c>il-</c> namespaces).
    /// </summary>
    public static async Task<LabDownReport> DownAsync(LabOptions? options = null)
    {
        Preflight();
        options ??= new LabOptions();
        var clock = Stopwatch.StartNew();
        var (namespaces, processes) = await CleanAsync(options.StateDirectory);
        var leftovers = ExistingNamespaces().Select(n => $"namespace {n}").ToList();
        if (Directory.Exists("/etc/netns"))
            leftovers.AddRange(Directory.GetDirectories("/etc/netns", Prefix + "*").Select(d => $"directory {d}"));
        return new LabDownReport(namespaces, processes, clock.Elapsed, leftovers);
    }

    internal static async Task<(IReadOnlyList<string> Namespaces, int Processes)> CleanAsync(string stateDirectory)
    {
        var pids = new List<int>();
        var state = LabState.Load(stateDirectory);
        if (state is not null)
            pids.AddRange(state.Processes.Where(p => Sys.IsAlive(p.Pid, state.StateDirectory)).Select(p => p.Pid));

        // Whatever runs inside a lab namespace is the lab's (services, NLBs, endpoints, probes).
        var namespaces = ExistingNamespaces();
        foreach (var ns in namespaces)
        {
            var r = await Sys.RunAsync("ip", ["netns", "pids", ns]);
            pids.AddRange(r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.TryParse(p, out var i) ? i : 0).Where(i => i > 0));
        }

        await Sys.KillAndWaitAsync(pids, TimeSpan.FromSeconds(5));
        if (namespaces.Count > 0)
            await Sys.CheckAsync("ip", ["-force", "-batch", "-"], string.Concat(namespaces.Select(n => $"netns del {n}\n")));
        if (Directory.Exists("/etc/netns"))
        {
            foreach (var dir in Directory.GetDirectories("/etc/netns", Prefix + "*"))
                Directory.Delete(dir, recursive: true);
        }

        if (File.Exists(Path.Combine(stateDirectory, EtcNetnsMarker)) && Directory.Exists("/etc/netns") && !Directory.EnumerateFileSystemEntries("/etc/netns").Any())
            Directory.Delete("/etc/netns");
        if (Directory.Exists(stateDirectory))
        {
            File.Delete(Path.Combine(stateDirectory, EtcNetnsMarker));
            File.Delete(Path.Combine(stateDirectory, LabState.FileName));
            var run = Path.Combine(stateDirectory, "run");
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
            if (!Directory.EnumerateFileSystemEntries(stateDirectory).Any())
                Directory.Delete(stateDirectory);
        }

        return (namespaces, pids.Distinct().Count());
    }

    internal static List<string> ExistingNamespaces() =>
        Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order().ToList() : [];

    internal static LabState Running(LabOptions? options)
    {
        Preflight();
        options ??= new LabOptions();
        return LabState.Load(options.StateDirectory) ?? throw new LabException("no lab is up: run 'interlink lab up' first");
    }

    internal static NlbStatus? ReadStatus(LabLoadBalancer lb)
    {
        try
        {
            return File.Exists(lb.Config.StatusFile) ? JsonSerializer.Deserialize<NlbStatus>(File.ReadAllText(lb.Config.StatusFile), LabAgent.Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    internal static (string Role, string Namespace, List<string> Command, Dictionary<string, string> Environment) ServiceCommand(LabState state, LabHost host)
    {
        var urls = string.Join(';', host.ServicePorts.Select(p => $"http://{host.Ip}:{p}"));
        return ("service", host.Namespace, [.. Dotnet(state, "Interlink.Service.dll"), "--urls", urls], new Dictionary<string, string>
        {
            ["INTERLINK_HOST"] = host.Ip,
            ["INTERLINK_SERVICE_NAME"] = state.Name,
            ["INTERLINK_REGION"] = host.Region,
            ["INTERLINK_AZ"] = host.Az ?? "",
            ["INTERLINK_SHUTDOWN_TIMEOUT_SECONDS"] = "1",
        });
    }

    internal static LabProcess Start(LabState state, (string Role, string Namespace, List<string> Command, Dictionary<string, string> Environment) spec)
    {
        var log = Path.Combine(state.StateDirectory, "run", $"{spec.Namespace}.{spec.Role}.log");
        List<string> command = [Sys.Which("ip")!, "netns", "exec", spec.Namespace, .. spec.Command];
        var pid = Sys.StartDetached(command, log, spec.Environment);
        return new LabProcess(spec.Role, spec.Namespace, pid, command, spec.Environment, log);
    }

    private static List<string> Dotnet(LabState state, string dll) => [state.Dotnet, "exec", "--runtimeconfig", state.RuntimeConfig, Path.Combine(state.BinDirectory, dll)];

    internal static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string failure, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
                throw new LabException(failure);
            await Task.Delay(50, ct);
        }
    }

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet")
            return p;
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, "dotnet");
        if (File.Exists(candidate))
            return candidate;
        return Sys.Which("dotnet") ?? throw new LabException("cannot find the dotnet host to run the lab's processes; set DOTNET_ROOT");
    }

    private static string RuntimeConfig()
    {
        var version = $"{Environment.Version.Major}.{Environment.Version.Minor}.0";
        return $$"""
            {
              "runtimeOptions": {
                "tfm": "net{{Environment.Version.Major}}.{{Environment.Version.Minor}}",
                "frameworks": [
                  { "name": "Microsoft.NETCore.App", "version": "{{version}}" },
                  { "name": "Microsoft.AspNetCore.App", "version": "{{version}}" }
                ],
                "configProperties": { "System.Globalization.Invariant": true, "System.GC.Concurrent": false }
              }
            }
            """;
    }
}
