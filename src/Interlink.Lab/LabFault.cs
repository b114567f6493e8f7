namespace Interlink.Lab;

/// <summary>Faults to inject into the running lab, and their undoing.</summary>
public static class LabFault
{
    /// <summary>Kills the sample service of target <paramref name="number"/> (1-based, as <see cref="LabRuntime.Status"/> lists them), as a crash would.</summary>
    public static async Task<LabFaultReport> KillTargetAsync(int number, LabOptions? options = null)
    {
        var state = LabRuntime.Running(options);
        var target = state.Layout.Targets.FirstOrDefault(t => t.Number == number)
            ?? throw new LabException($"there is no target {number}; the lab has {string.Join(", ", state.Layout.Targets.Select(t => $"{t.Number} ({t.Ip}:{t.Port})"))}");
        var pids = state.Processes.Where(p => p.Role == "service" && p.Namespace == target.HostNamespace && Sys.IsAlive(p.Pid, state.StateDirectory)).Select(p => p.Pid).ToList();
        await Sys.KillAndWaitAsync(pids, TimeSpan.FromSeconds(5));
        (state with { KilledTargets = [.. state.KilledTargets.Where(n => n != number), number] }).Save();
        return new LabFaultReport("kill-target", $"killed the service of target {number} ({target.Ip}:{target.Port}) in {target.HostNamespace}", []);
    }

    /// <summary>
    /// Cuts a peering (<paramref name="peering"/> model ID, or every one): withdraws every route the route tables send over
    /// it, on both sides, and takes its link down. The report names each AWS::EC2::Route withdrawn.
    /// </summary>
    public static async Task<LabFaultReport> CutPeeringAsync(string? peering = null, LabOptions? options = null)
    {
        var state = LabRuntime.Running(options);
        var cut = state.Layout.Peerings.Where(p => peering is null || p.Id == peering).ToList();
        if (cut.Count == 0)
            throw new LabException(peering is null ? "the lab has no peering" : $"the lab has no peering {peering}");
        foreach (var p in cut)
        {
            foreach (var group in p.Routes.GroupBy(r => r.Namespace))
                await Sys.RunAsync("ip", ["-n", group.Key, "-force", "-batch", "-"], string.Concat(group.Select(r => $"route del {r.Destination} table {r.Table}\n")));
            await Sys.CheckAsync("ip", ["-n", p.NamespaceA, "link", "set", p.InterfaceA, "down"]);
            await Sys.CheckAsync("ip", ["-n", p.NamespaceB, "link", "set", p.InterfaceB, "down"]);
        }

        (state with { CutPeerings = [.. state.CutPeerings.Union(cut.Select(p => p.Id))] }).Save();
        return new LabFaultReport("cut-peering", $"cut {string.Join(", ", cut.Select(p => p.Id))}: routes withdrawn and link down", cut.SelectMany(p => p.Routes).ToList());
    }

    /// <summary>Undoes every fault: restarts killed services (waiting until they listen) and puts cut peerings and their routes back.</summary>
    public static async Task<LabFaultReport> RestoreAsync(LabOptions? options = null)
    {
        options ??= new LabOptions();
        var state = LabRuntime.Running(options);
        var processes = state.Processes.ToList();
        foreach (var number in state.KilledTargets)
        {
            var target = state.Layout.Targets.First(t => t.Number == number);
            var host = state.Layout.Hosts.First(h => h.Namespace == target.HostNamespace);
            if (processes.Any(p => p.Role == "service" && p.Namespace == host.Namespace && Sys.IsAlive(p.Pid, state.StateDirectory)))
                continue;
            processes.RemoveAll(p => p.Role == "service" && p.Namespace == host.Namespace);
            processes.Add(LabRuntime.Start(state, LabRuntime.ServiceCommand(state, host)));
        }

        var routes = new List<LabPeeringRoute>();
        foreach (var p in state.Layout.Peerings.Where(p => state.CutPeerings.Contains(p.Id)))
        {
            if (p.Accepted)
            {
                await Sys.CheckAsync("ip", ["-n", p.NamespaceA, "link", "set", p.InterfaceA, "up"]);
                await Sys.CheckAsync("ip", ["-n", p.NamespaceB, "link", "set", p.InterfaceB, "up"]);
            }

            foreach (var group in p.Routes.GroupBy(r => r.Namespace))
                await Sys.CheckAsync("ip", ["-n", group.Key, "-batch", "-"], string.Concat(group.Select(r => $"route replace {r.Destination} via {r.Via} dev {r.Device} onlink table {r.Table}\n")));
            routes.AddRange(p.Routes);
        }

        var restored = state with { Processes = processes, KilledTargets = [], CutPeerings = [] };
        restored.Save();
        var hosts = state.KilledTargets.Select(n => state.Layout.Targets.First(t => t.Number == n)).Select(t => state.Layout.Hosts.First(h => h.Namespace == t.HostNamespace)).ToList();
        await LabRuntime.WaitAsync(() => hosts.All(h => h.ServicePorts.All(port => Sys.CanConnect(h.Namespace, h.Ip, port, TimeSpan.FromMilliseconds(200)))),
            options.ReadyTimeout, "a restarted service did not start listening", CancellationToken.None);
        return new LabFaultReport("restore", $"restarted {state.KilledTargets.Count} service(s); restored {state.CutPeerings.Count} peering(s)", routes);
    }
}
