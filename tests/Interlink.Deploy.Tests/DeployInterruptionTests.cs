using System.Diagnostics;
using Interlink.Core.Wiring;
using Interlink.Deploy.Tests.Support;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// Interrupting a deploy (Ctrl-C, SIGTERM: a cancelled token here) stops the CDK CLI and everything it started — its
/// whole process group, by the signal, then by force after a bounded wait — records the stack as interrupted, starts
/// nothing more, and a re-run resumes. Before, the process exited at once, the CLI kept running and the state never
/// recorded the stack.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeployInterruptionTests(AssemblyFixture assemblies) : IDisposable
{
    private const string Provider = "awsmorocco-provider";

    private readonly FakeCdk cdk = new();
    private readonly RecordingObserver observer = new();

    public void Dispose() => cdk.Dispose();

    [Fact]
    public async Task An_interrupted_deploy_stops_the_CLI_s_whole_group_records_the_stack_as_interrupted_and_starts_nothing_more()
    {
        var (dir, wiring) = assemblies.Seed;
        using var interrupt = new CancellationTokenSource();
        var deploy = Orchestrator(cdk.Runner(delaySeconds: 60)).DeployAsync(Request(dir, wiring), interrupt.Token);
        var processes = await Started(Provider);

        var clock = Stopwatch.StartNew();
        await interrupt.CancelAsync();
        var outcome = await deploy;

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.True(outcome.Interrupted);
        Assert.Equal([Provider], outcome.Failed);
        Assert.All(processes, pid => Assert.False(FakeCdk.IsAlive(pid), $"process {pid} of the stand-in CLI is still running"));
        Assert.True(Assert.Single(cdk.Calls()).Interrupted, "the stand-in did not get the forwarded signal");
        Assert.Equal(StackStatus.Interrupted, DeployState.Load(cdk.StatePath).Get(Provider)?.Status);
        Assert.Contains($"fail {Provider}: interrupted", observer.Events);
        Assert.DoesNotContain(observer.Events, e => e == "phase 2");
    }

    [Fact]
    public async Task A_CLI_that_ignores_the_signal_is_killed_when_the_grace_period_ends()
    {
        var (dir, wiring) = assemblies.Seed;
        using var interrupt = new CancellationTokenSource();
        var deploy = Orchestrator(cdk.Runner(delaySeconds: 60, ignoreSignals: true, grace: TimeSpan.FromSeconds(1))).DeployAsync(Request(dir, wiring), interrupt.Token);
        var processes = await Started(Provider);

        var clock = Stopwatch.StartNew();
        await interrupt.CancelAsync();
        var outcome = await deploy;

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.True(outcome.Interrupted);
        Assert.All(processes, pid => Assert.False(FakeCdk.IsAlive(pid), $"process {pid} of the stand-in CLI is still running"));
        Assert.Equal(StackStatus.Interrupted, DeployState.Load(cdk.StatePath).Get(Provider)?.Status);
    }

    [Fact]
    public async Task A_re_run_after_an_interruption_deploys_the_interrupted_stack_and_the_rest()
    {
        var (dir, wiring) = assemblies.Seed;
        using var interrupt = new CancellationTokenSource();
        var deploy = Orchestrator(cdk.Runner(delaySeconds: 60)).DeployAsync(Request(dir, wiring), interrupt.Token);
        await Started(Provider);
        await interrupt.CancelAsync();
        await deploy;

        var resumed = await Orchestrator(cdk.Runner(delaySeconds: 0.05)).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(resumed.Succeeded);
        Assert.Equal(wiring.Stacks.Keys.Order(), resumed.Ran.Order());
    }

    [Fact]
    public async Task An_interrupted_destroy_records_the_stack_as_interrupted_and_keeps_its_outputs_for_the_next_run()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator(cdk.Runner(delaySeconds: 0.05)).DeployAsync(Request(dir, wiring), CancellationToken.None);
        var consumer = "awsmorocco-consumer-west";
        var outputs = DeployState.Load(cdk.StatePath).Get(consumer)!.Outputs;
        using var interrupt = new CancellationTokenSource();
        var destroy = Orchestrator(cdk.Runner(delaySeconds: 60)).DestroyAsync(Request(dir, wiring), interrupt.Token);
        await Started(consumer);

        await interrupt.CancelAsync();
        var outcome = await destroy;

        Assert.True(outcome.Interrupted);
        var state = DeployState.Load(cdk.StatePath).Get(consumer)!;
        Assert.Equal(StackStatus.Interrupted, state.Status);
        Assert.Equal(outputs, state.Outputs);
        Assert.Equal(StackStatus.Deployed, DeployState.Load(cdk.StatePath).Get(Provider)?.Status);
    }

    private DeployOrchestrator Orchestrator(ICdkRunner runner) => new(runner, new FakeConnections(), new FakePeeringDns(), observer);

    private DeployRequest Request(string dir, WiringManifest wiring) =>
        new(dir, wiring, cdk.StatePath, ProfileMap.Empty, DeployInputs.Bundle);

    /// <summary>Waits until the stand-in runs for <paramref name="stack"/>; its PID and its child's.</summary>
    private async Task<int[]> Started(string stack)
    {
        for (var waited = 0; ; waited += 50)
        {
            if (cdk.ProcessesOf(stack) is { } pids)
                return pids;
            Assert.True(waited < 20_000, $"the stand-in never started for {stack}");
            await Task.Delay(50);
        }
    }
}
