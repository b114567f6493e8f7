using System.Diagnostics;
using System.Text.Json;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

// The running lab: its status, its health, and tearing it down.
public static partial class LabRuntime
{
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
    public static Task<LabDownReport> DownAsync(LabOptions? options = null) => DownCheckedAsync(options ?? new LabOptions(), Preflight, LabObjects);

    /// <summary><see cref="DownAsync(LabOptions?)"/> with the checks as parameters (tests: a machine without nft).</summary>
    internal static async Task<LabDownReport> DownCheckedAsync(LabOptions options, Action preflight, Func<string, IReadOnlyList<string>> labObjects)
    {
        // Nothing to remove needs none of the tools: 'lab down' on a machine without nft (or twice) succeeds.
        if (labObjects(options.StateDirectory).Count == 0)
            return new LabDownReport([], 0, TimeSpan.Zero, [], NothingUp: true);
        preflight();
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
            File.Delete(Path.Combine(stateDirectory, MonitoringFile));
            var run = Path.Combine(stateDirectory, "run");
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
            if (!Directory.EnumerateFileSystemEntries(stateDirectory).Any())
                Directory.Delete(stateDirectory);
        }

        return (namespaces, pids.Distinct().Count());
    }

    /// <summary>What a lab leaves while up or after a crash: its state file, <c>il-</c> namespaces and /etc/netns entries.</summary>
    internal static IReadOnlyList<string> LabObjects(string stateDirectory)
    {
        var objects = ExistingNamespaces().Select(n => $"namespace {n}").ToList();
        if (File.Exists(Path.Combine(stateDirectory, LabState.FileName)))
            objects.Add($"state {Path.Combine(stateDirectory, LabState.FileName)}");
        if (Directory.Exists("/etc/netns"))
            objects.AddRange(Directory.GetDirectories("/etc/netns", Prefix + "*").Select(d => $"directory {d}"));
        return objects;
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
            return File.Exists(lb.Config.StatusFile) ? JsonSerializer.Deserialize<NlbStatus>(File.ReadAllText(lb.Config.StatusFile), LabJson.Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
