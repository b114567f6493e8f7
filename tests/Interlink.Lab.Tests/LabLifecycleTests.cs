using System.Diagnostics;
using Interlink.Analysis.Reachability;
using Interlink.Lab.Tests.Support;
using Interlink.Testing;

namespace Interlink.Lab.Tests;

/// <summary>Up, test, kill a target, cut the peering, restore, down: real packets through namespaces (root only).</summary>
[Collection(LabCollection.Name)]
public sealed class LabLifecycleTests(LabFixture fixture)
{
    private static readonly LabTestOptions Quick = new(40, 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    [LabFact]
    public async Task Up_test_kill_a_target_cut_the_peering_restore_and_down_leaves_nothing()
    {
        var options = fixture.Options;

        // Up: every target healthy; the probe through the endpoint's DNS name succeeds and every target answers.
        var up = await LabRuntime.UpAsync(fixture.SeedDirectory, options);
        Assert.All(up.Health, h => Assert.Equal("healthy", h.State));
        var probe = Assert.Single(await LabRuntime.TestAsync(Quick, options));
        Assert.Equal(Quick.Requests, probe.Report.Succeeded);
        Assert.Equal(["10.10.1.10:8080", "10.10.3.10:8080"], probe.Answered);
        Assert.StartsWith("http://consumer-west.awsmorocco.vpce.lab:80/", probe.Url, StringComparison.Ordinal);

        // Kill target 1: after the health-check window (2 × 5 s, plus the check's timeout) no request fails.
        await LabFault.KillTargetAsync(1, options);
        var killed = Stopwatch.StartNew();
        while (LabRuntime.Status(options).Targets.Single(t => t.Number == 1).State != "unhealthy")
        {
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(5 * 2 + 2 + 3), "target 1 is still not unhealthy after the health-check window");
            await Task.Delay(200);
        }

        probe = Assert.Single(await LabRuntime.TestAsync(Quick, options));
        Assert.Equal(0, probe.Report.Failed);
        Assert.Equal(["10.10.3.10:8080"], probe.Answered);

        // Cut the peering: the probe fails, and plan names the same hop once the routes the lab withdrew are removed.
        var cut = await LabFault.CutPeeringAsync(options: options);
        probe = Assert.Single(await LabRuntime.TestAsync(new LabTestOptions(4, 4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), options));
        Assert.Equal(0, probe.Report.Succeeded);
        var relayTables = cut.Routes.Where(r => r.Stack == "awsmorocco-relay-us-west-2").Select(r => r.RouteTable.Split('/')[1]).ToHashSet();
        var providerTables = cut.Routes.Where(r => r.Stack == "awsmorocco-provider-routes").Select(r => r.RouteTable.Split('/')[1]).ToHashSet();
        Assert.NotEmpty(relayTables);
        Assert.NotEmpty(providerTables);

        var withoutRelayRoutes = new MutableAssembly(fixture.Seed);
        foreach (var r in cut.Routes.Where(r => r.Stack == "awsmorocco-relay-us-west-2"))
            Assert.True(withoutRelayRoutes.Resources(r.Stack).Remove(r.LogicalId));
        var report = withoutRelayRoutes.Analyze();
        Assert.All(report.Verdicts, v => Assert.False(v.Reachable));
        Assert.All(report.Verdicts, v => Assert.Contains(v.Explanations, e => e.Code == ExplanationCodes.NoRoute && relayTables.Contains(e.LogicalId)));

        var withoutReturnRoutes = new MutableAssembly(fixture.Seed);
        foreach (var r in cut.Routes.Where(r => r.Stack == "awsmorocco-provider-routes"))
            withoutReturnRoutes.Resources(r.Stack).Remove(r.LogicalId);
        report = withoutReturnRoutes.Analyze();
        Assert.All(report.Verdicts, v => Assert.False(v.Reachable));
        Assert.All(report.Verdicts, v => Assert.Contains(v.Explanations, e => e.Code == ExplanationCodes.NoReturnRoute && providerTables.Contains(e.LogicalId)));

        // Restore: the killed service runs again, the peering carries traffic again; once healthy, every target answers.
        await LabFault.RestoreAsync(options);
        Assert.True(await LabRuntime.WaitForHealthAsync(TimeSpan.FromSeconds(5 * 2 + 2 + 5), options), "targets did not become healthy after restore");
        probe = Assert.Single(await LabRuntime.TestAsync(Quick, options));
        Assert.Equal(Quick.Requests, probe.Report.Succeeded);
        Assert.Equal(["10.10.1.10:8080", "10.10.3.10:8080"], probe.Answered);

        // Down: no namespace, link, nftables table, /etc/netns entry or process of the lab remains.
        var pids = LabRuntime.Status(options).Processes.Select(p => p.Pid).ToList();
        var down = await LabRuntime.DownAsync(options);
        Assert.Empty(down.Leftovers);
        Assert.Equal(up.Namespaces.Order(), down.Namespaces.Order());
        await AssertNothingLeftAsync(pids, options.StateDirectory);
    }

    internal static async Task AssertNothingLeftAsync(IEnumerable<int> pids, string stateDirectory)
    {
        var namespaces = await Run("ip", "netns", "list");
        Assert.DoesNotContain("il-", namespaces, StringComparison.Ordinal);
        var links = await Run("ip", "-o", "link");
        Assert.DoesNotContain(" il-", links, StringComparison.Ordinal);
        var tables = await Run("nft", "list", "tables");
        Assert.DoesNotContain("il-", tables, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/etc/netns") && Directory.GetDirectories("/etc/netns", "il-*").Length > 0);
        Assert.All(pids, p => Assert.Null(Sys.CommandLine(p)));
        foreach (var dir in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsDigit)))
        {
            var cmdline = Sys.CommandLine(int.Parse(dir!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(cmdline?.Contains(stateDirectory, StringComparison.Ordinal) == true, $"process {dir} of the lab still runs: {cmdline}");
        }
    }

    private static async Task<string> Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
