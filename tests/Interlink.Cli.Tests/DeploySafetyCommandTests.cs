using System.Diagnostics;
using Interlink.Cli.Tests.Support;
using Interlink.Deploy;
using Interlink.Testing;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>deploy</c> and <c>destroy</c> on a shared machine and when interrupted: a second run while one holds the design's
/// lock exits 4 naming the holder; Ctrl-C (SIGINT) stops the CDK CLI, records the stack as interrupted, says how to
/// resume and exits 130; the CLI that runs is named; dry runs say plainly what they cannot know.
/// </summary>
// Deploy runs in-process here and synthesis starts the CDK runtime, which is not safe for parallel use: one collection.
[Collection("in-process deploy")]
public sealed class DeploySafetyCommandTests : IDisposable
{
    private const string Provider = "awsmorocco-provider";
    private static readonly string[] BundleInputs =
        ["-i", "ServiceBundleBucket=bucket", "-i", "ServiceBundleKey=key", "-i", $"ServiceBundleSha256={new string('a', 64)}", "-i", "ServiceHostImageId=ami-0123456789abcdef0"];

    private readonly TempDirectory temp = new();
    private readonly FakeCdk cdk = new();

    public void Dispose()
    {
        cdk.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void A_deploy_while_another_holds_the_design_s_lock_exits_4_naming_the_holder_and_touches_nothing()
    {
        var config = Seed();
        var statePath = temp.File(".interlink/awsmorocco.state.json");
        using var other = DeployLock.Acquire(statePath, "destroy");

        var result = App.Run(["deploy", config, "-o", temp.File("cdk.out"), .. BundleInputs]);

        Assert.Equal(ExitCodes.DeployFailed, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith($"error: {DeployLock.HeldCode} ", StringComparison.Ordinal)
            && l.Contains($"another 'destroy' of this design is running (pid {Environment.ProcessId} on {Environment.MachineName}", StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.File("cdk.out")), "the refused deploy synthesized anyway");
        Assert.False(File.Exists(statePath));
        Assert.Empty(cdk.Calls());
    }

    [Fact]
    public async Task Ctrl_C_during_deploy_stops_the_CDK_CLI_records_the_stack_as_interrupted_says_how_to_resume_and_exits_130()
    {
        var config = Seed();
        var start = new ProcessStartInfo(CliProcess.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])[CliProcess.InterlinkDll, "deploy", config, "-o", temp.File("cdk.out"), .. BundleInputs])
            start.ArgumentList.Add(argument);
        start.Environment["INTERLINK_CDK"] = FakeCdk.Executable;
        start.Environment["FAKE_CDK_LOG"] = cdk.Log;
        start.Environment["FAKE_CDK_PIDS"] = cdk.Pids;
        start.Environment["FAKE_CDK_DELAY"] = "120";
        start.Environment.Remove("NO_COLOR");
        start.Environment.Remove("TERM");

        using var interlink = Process.Start(start)!;
        var stdout = interlink.StandardOutput.ReadToEndAsync();
        var stderr = interlink.StandardError.ReadToEndAsync();
        int[]? cli = null;
        for (var waited = 0; cli is null; waited += 100)
        {
            Assert.True(waited < 90_000 && !interlink.HasExited, $"the stand-in CDK CLI never started: {(interlink.HasExited ? await stdout + await stderr : "")}");
            await Task.Delay(100);
            cli = cdk.ProcessesOf(Provider);
        }

        using (var kill = Process.Start("kill", ["-INT", interlink.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await interlink.WaitForExitAsync(deadline.Token);
        var output = await stdout;

        Assert.True(interlink.ExitCode == ExitCodes.Interrupted, $"exit {interlink.ExitCode}\n{output}\n{await stderr}");
        Assert.Contains($"CDK CLI: {FakeCdk.Executable} (INTERLINK_CDK)", output, StringComparison.Ordinal);
        Assert.Contains("SIGINT received", output, StringComparison.Ordinal);
        Assert.Contains($"deploy interrupted: the CDK CLI was stopped for {Provider}", output, StringComparison.Ordinal);
        Assert.Contains($"run 'interlink deploy {config}' again to resume", output, StringComparison.Ordinal);
        Assert.All(cli, pid => Assert.False(FakeCdk.IsAlive(pid), $"process {pid} of the CDK CLI outlived the deploy"));
        Assert.Equal(StackStatus.Interrupted, DeployState.Load(temp.File(".interlink/awsmorocco.state.json")).Get(Provider)?.Status);
        Assert.True(Assert.Single(cdk.Calls()).Interrupted, "the CDK CLI did not get the signal");
        Assert.Contains(App.Run("status", config).Lines, l => l.Contains(Provider, StringComparison.Ordinal) && l.Contains("interrupted", StringComparison.Ordinal));
    }

    [Fact]
    public void Destroy_dry_run_with_nothing_deployed_says_so_plainly()
    {
        var result = App.Run("destroy", Seed(), "--dry-run", "-o", temp.File("cdk.out"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(result.Lines, l => l.StartsWith("destroy dry run complete: nothing is deployed", StringComparison.Ordinal)
            && l.Contains("the 4 command(s) above would each find no stack to remove", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Lines, l => l.Contains("0 stack(s) would run", StringComparison.Ordinal));
    }

    [Fact]
    public void Destroy_dry_run_counts_the_commands_it_lists()
    {
        var config = Seed();
        var state = DeployState.Load(temp.File(".interlink/awsmorocco.state.json"));
        state.Set(Provider, new StackState(StackStatus.Deployed, "x", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch));

        var result = App.Run("destroy", config, "--dry-run", "-o", temp.File("cdk.out"));

        Assert.Contains("destroy dry run complete: 4 stack(s) would run; nothing was run", result.Lines);
    }

    [Fact]
    public void Deploy_dry_run_without_bundle_inputs_shows_every_phase_with_placeholders_and_ends_listing_the_missing_inputs_with_exit_2()
    {
        Assert.False(Directory.Exists(Path.Combine(Repo.Root, "artifacts", "service")), "a published service bundle makes the inputs optional; this test needs none");
        var result = App.Run("deploy", Seed(), "--dry-run", "-o", temp.File("cdk.out"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("phase 3: awsmorocco-provider-routes, awsmorocco-consumer-west", result.Lines);
        Assert.Contains(result.Lines, l => l.Contains("'awsmorocco-provider:ServiceBundleBucket=<missing: --input ServiceBundleBucket=VALUE>'", StringComparison.Ordinal));
        var last = result.Lines[^1];
        Assert.StartsWith("error: a real deploy needs 3 input(s) no stack feeds", last, StringComparison.Ordinal);
        Assert.Contains("ServiceBundleBucket (awsmorocco-provider), ServiceBundleKey (awsmorocco-provider), ServiceBundleSha256 (awsmorocco-provider)", last, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File(".interlink")), "a dry run records no state");
    }

    private string Seed() => temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
}
