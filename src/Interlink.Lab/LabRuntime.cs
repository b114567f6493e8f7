using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

/// <summary>
/// The lab's lifecycle: <see cref="UpAsync(string, LabOptions?, CancellationToken)"/>, <see cref="TestAsync"/>,
/// <see cref="Status"/>, <see cref="DownAsync"/> (faults: <see cref="LabFault"/>). Every call needs root; each finds the
/// running lab through its state directory, so each may run in its own process (one CLI command each).
/// </summary>
public static partial class LabRuntime
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
        foreach (var dll in new[] { AgentDll, "Interlink.Service.dll", "Interlink.Probe.dll" })
        {
            if (!File.Exists(Path.Combine(bin, dll)))
                throw new LabException($"{dll} is not in {bin}: build the solution first (a program that runs the lab references the Interlink.Lab.Agent project)");
        }

        var runtimeConfig = Path.Combine(run, "lab.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, RuntimeConfig());
        var layout = LabPlanner.Plan(model, health, run, options.FastInitialHealth);
        var state = new LabState(model.Name, options.StateDirectory, DateTimeOffset.UtcNow, layout, [], [], [], DotnetHost(), runtimeConfig, bin);
        state.Save();
        if (options.Monitoring is { } monitoring)
            SavePlan(options.StateDirectory, monitoring);

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
            File.WriteAllText(config, JsonSerializer.Serialize(lb.Config, LabJson.Options));
            processes.Add(Start(state, ("nlb", lb.Namespace, [.. Dotnet(state, AgentDll), "nlb", config], [])));
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
}
