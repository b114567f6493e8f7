using System.Text.Json;
using Interlink.Probe;

namespace Interlink.Lab;

// Probing: requests from each consumer client through its endpoint, as the probe makes them against AWS.
public static partial class LabRuntime
{
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
}
