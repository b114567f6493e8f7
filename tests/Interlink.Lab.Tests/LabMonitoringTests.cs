using System.Diagnostics;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;
using Interlink.Lab.Monitoring;
using Interlink.Lab.Tests.Support;

namespace Interlink.Lab.Tests;

/// <summary>
/// The seed's monitoring plan evaluated over what the lab observes (root only): kill-target fires the unhealthy-hosts
/// alarm, cut-peering also the healthy-hosts alarm and, once clients connect, the endpoint service's reset alarm;
/// restore clears them. The plan's thresholds are kept; its window (5 × 60 s) is shortened to one 10-second period so
/// the test does not take minutes: evaluation is the same code either way (AlarmEvaluatorTests).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LabMonitoringTests(LabFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static MonitoringPlan SeedPlan()
    {
        var plan = MonitoringPlanner.Plan(TopologyBuilder.Build(ConfigValidator.ValidateFile(Interlink.Testing.RepoRoot.Example("seed.yaml"))));
        return plan with
        {
            Resources = plan.Resources.Select(r => r with
            {
                Alarms = r.Alarms.Select(a => a with { PeriodSeconds = (int)Window.TotalSeconds, EvaluationPeriods = 1, DatapointsToAlarm = 1 }).ToList(),
            }).ToList(),
        };
    }

    private static IReadOnlyList<string> Firing(LabMonitoringStatus status) =>
        status.Alarms.Where(a => a.State == AlarmState.Alarm).Select(a => a.Alarm.Name).Order(StringComparer.Ordinal).ToList();

    [LabFact]
    public async Task Kill_target_and_cut_peering_fire_the_right_alarms_and_restore_clears_them()
    {
        var plan = SeedPlan();
        var options = fixture.Options with { Monitoring = plan };
        await LabRuntime.UpAsync(fixture.SeedDirectory, options);
        try
        {
            Assert.True(await LabRuntime.WaitForHealthAsync(TimeSpan.FromSeconds(30), options));
            await Task.Delay(Window + TimeSpan.FromSeconds(1));
            var calm = LabRuntime.Monitoring(options: options);
            Assert.Equal(plan.Alarms.Count, calm.Alarms.Count);
            Assert.Empty(Firing(calm));
            var group = Assert.Single(calm.TargetGroups);
            Assert.Equal((2, 0), (group.Healthy, group.Unhealthy));

            // Kill target 1: once the health checker marks it unhealthy, UnHealthyHostCount > 0; one target stays healthy.
            await LabFault.KillTargetAsync(1, options);
            await WaitAsync(() => LabRuntime.Monitoring(options: options).TargetGroups.Single().Unhealthy == 1, TimeSpan.FromSeconds(20), "target 1 never became unhealthy");
            var killed = LabRuntime.Monitoring(options: options);
            Assert.Equal(["awsmorocco-usw2-unhealthy-hosts"], Firing(killed));

            // Cut the peering: no target is healthy (HealthyHostCount < 1), and connections through the endpoint are reset
            // by the NLB node (RstPacketsSent above 10 in the period on the node the client reached).
            await LabFault.CutPeeringAsync(options: options);
            await WaitAsync(() => LabRuntime.Monitoring(options: options).TargetGroups.Single().Healthy == 0, TimeSpan.FromSeconds(20), "targets stayed healthy with the peering cut");
            var probe = Assert.Single(await LabRuntime.TestAsync(new LabTestOptions(40, 4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15)), options));
            Assert.Equal(0, probe.Report.Succeeded);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the NLB samples its counters once a second
            var cut = LabRuntime.Monitoring(options: options);
            var firing = Firing(cut);
            Assert.Contains("awsmorocco-usw2-unhealthy-hosts", firing);
            Assert.Contains("awsmorocco-usw2-healthy-hosts", firing);
            Assert.Contains(firing, n => n.EndsWith("-reset-packets", StringComparison.Ordinal));
            Assert.DoesNotContain("awsmorocco-west-packets-dropped", firing);
            Assert.True(Assert.Single(cut.Endpoints).ResetsReceived > 10, "the endpoint saw no resets from the service");

            // Restore: healthy again; after one clean window nothing fires.
            await LabFault.RestoreAsync(options);
            Assert.True(await LabRuntime.WaitForHealthAsync(TimeSpan.FromSeconds(20), options), "targets did not become healthy after restore");
            await Task.Delay(Window + TimeSpan.FromSeconds(2));
            var restored = LabRuntime.Monitoring(options: options);
            Assert.Empty(Firing(restored));
        }
        finally
        {
            await LabRuntime.DownAsync(options);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, message);
            await Task.Delay(250);
        }
    }
}
