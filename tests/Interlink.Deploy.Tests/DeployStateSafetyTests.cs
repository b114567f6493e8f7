using Interlink.Core.Wiring;
using Interlink.Deploy.Tests.Support;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// Two deploys of one design at once would both run every stack, and the last state write would drop the other's
/// result: one deploy or destroy at a time holds an OS lock beside the state; the other is refused, told who holds
/// it. The state is written whole under a name no other writer uses, and a state this Interlink does not understand
/// is a coded one-line error, never a crash.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeployStateSafetyTests(AssemblyFixture assemblies) : IDisposable
{
    private readonly FakeCdk cdk = new();
    private readonly FakeConnections connections = new();
    private readonly RecordingObserver observer = new();

    public void Dispose() => cdk.Dispose();

    [Fact]
    public async Task A_second_deploy_while_one_runs_is_refused_naming_the_holder_and_runs_no_stack()
    {
        var (dir, wiring) = assemblies.Seed;
        var first = Orchestrator(delaySeconds: 1.5).DeployAsync(Request(dir, wiring), CancellationToken.None);
        await WaitUntil(() => cdk.ProcessesOf("awsmorocco-provider") is not null);

        var refused = await Assert.ThrowsAsync<DeployLockedException>(() => Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None));
        var destroyRefused = await Assert.ThrowsAsync<DeployLockedException>(() => Orchestrator().DestroyAsync(Request(dir, wiring), CancellationToken.None));

        Assert.True((await first).Succeeded);
        Assert.StartsWith($"{DeployLock.HeldCode} {DeployLock.PathFor(cdk.StatePath)}: another 'deploy' of this design is running (pid {Environment.ProcessId} on {Environment.MachineName}", refused.Message, StringComparison.Ordinal);
        Assert.Equal("deploy", destroyRefused.Holder?.Command);
        Assert.DoesNotContain('\n', refused.Message);
        // Every stack ran exactly once, and the state holds every result.
        Assert.Equal(wiring.Stacks.Keys.Order(), cdk.Calls().Select(c => c.Stack).Order());
        var state = DeployState.Load(cdk.StatePath);
        Assert.All(wiring.Stacks.Keys, s => Assert.Equal(StackStatus.Deployed, state.Get(s)?.Status));
    }

    [Fact]
    public async Task The_lock_goes_with_the_deploy_that_held_it()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(File.Exists(DeployLock.PathFor(cdk.StatePath) + ".json"), "the holder file of a finished deploy is left behind");
        using var again = DeployLock.Acquire(cdk.StatePath, "deploy");
    }

    [Fact]
    public async Task A_dry_run_needs_no_lock()
    {
        var (dir, wiring) = assemblies.Seed;
        using var held = DeployLock.Acquire(cdk.StatePath, "deploy");

        Assert.True((await Orchestrator().DeployAsync(Request(dir, wiring) with { DryRun = true }, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public void The_state_is_written_whole_under_a_temporary_name_nobody_else_uses()
    {
        // A writer that used the fixed name 'STATE.tmp' (an older Interlink, another deploy) must not break this one.
        Directory.CreateDirectory(cdk.StatePath + ".tmp");
        var state = DeployState.Load(cdk.StatePath);

        state.Set("a", new StackState(StackStatus.Deployed, "f", new Dictionary<string, string> { ["VpcId"] = "vpc-1" }, DateTimeOffset.UnixEpoch));

        Assert.Equal("vpc-1", DeployState.Load(cdk.StatePath).Get("a")?.Outputs["VpcId"]);
        Assert.Equal([cdk.StatePath + ".tmp"], Directory.GetFileSystemEntries(Path.GetDirectoryName(cdk.StatePath)!).Where(e => e != cdk.StatePath));
    }

    [Theory]
    [InlineData("""{ "a": { "status": "Exploded", "fingerprint": "f", "outputs": {}, "updated": "2026-01-01T00:00:00Z" } }""", "$.a.status")]
    [InlineData("""{ "a": { "status": 7, "fingerprint": "f", "outputs": {}, "updated": "2026-01-01T00:00:00Z" } }""", "$.a.status")]
    [InlineData("""{ "a": { "status": "Deployed", "fingerprint": "f", "outputs": null, "updated": "2026-01-01T00:00:00Z" } }""", "$.a")]
    [InlineData("""{ "a": null }""", "$.a")]
    [InlineData("""[1, 2]""", "$")]
    public void A_state_with_an_unknown_status_or_a_missing_part_is_a_coded_one_line_error(string json, string where)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cdk.StatePath)!);
        File.WriteAllText(cdk.StatePath, json);

        var error = Assert.Throws<DeployException>(() => DeployState.Load(cdk.StatePath));

        Assert.StartsWith($"{DeployState.DamagedCode} {cdk.StatePath}: {where}", error.Message, StringComparison.Ordinal);
        Assert.Contains("move the file aside", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private DeployOrchestrator Orchestrator(double delaySeconds = 0.05) =>
        new(cdk.Runner(delaySeconds: delaySeconds), connections, new FakePeeringDns(), observer);

    private DeployRequest Request(string dir, WiringManifest wiring) =>
        new(dir, wiring, cdk.StatePath, ProfileMap.Empty, DeployInputs.Bundle);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < 20_000, "timed out");
            await Task.Delay(50);
        }
    }
}
