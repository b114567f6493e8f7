using Interlink.Core.Wiring;
using Interlink.Deploy.Tests.Support;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// Deploy runs the wiring manifest's phases through the CDK CLI (a recording stand-in here): in order, a phase's
/// stacks side by side, each with its account's profile, earlier outputs fed in as parameters; it resumes after
/// a failure, re-runs as a no-op when done, and destroys in reverse.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeployOrchestratorTests(AssemblyFixture assemblies) : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> BundleInputs = DeployInputs.Bundle;

    private readonly FakeCdk cdk = new();
    private readonly FakeConnections connections = new();
    private readonly FakePeeringDns peeringDns = new();
    private readonly RecordingObserver observer = new();

    public void Dispose() => cdk.Dispose();

    [Fact]
    public async Task Phases_run_in_order_and_every_stack_is_deployed_once()
    {
        var (dir, wiring) = assemblies.Seed;
        var outcome = await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        var calls = cdk.Calls();
        Assert.Equal(wiring.Stacks.Count, calls.Count);
        foreach (var call in calls)
        {
            var phase = wiring.Stacks[call.Stack].Phase;
            var earlier = calls.Where(c => wiring.Stacks[c.Stack].Phase < phase);
            Assert.All(earlier, e => Assert.True(e.EndNs <= call.StartNs, $"{e.Stack} (phase {wiring.Stacks[e.Stack].Phase}) must finish before {call.Stack} (phase {phase}) starts"));
        }
    }

    [Fact]
    public async Task Stacks_of_one_phase_run_side_by_side()
    {
        var (dir, wiring) = assemblies.FanOut;
        await Orchestrator(delaySeconds: 0.6).DeployAsync(Request(dir, wiring), CancellationToken.None);

        var relays = cdk.Calls().Where(c => wiring.Stacks[c.Stack].Role == StackRoles.Relay).ToList();
        Assert.Equal(3, relays.Count);
        // All three relays overlap in time: each starts before any of the others ends.
        Assert.All(relays, r => Assert.True(r.StartNs < relays.Min(o => o.EndNs), $"{r.Stack} waited for another relay"));
    }

    [Fact]
    public async Task Each_stack_gets_the_earlier_phases_outputs_as_its_parameters()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);
        var calls = cdk.Calls().ToDictionary(c => c.Stack);

        Assert.Equal(BundleInputs, calls["awsmorocco-provider"].Parameters);
        Assert.Equal(new Dictionary<string, string>
            {
                ["ProviderVpcId"] = FakeOutput("awsmorocco-provider", "vpc-{0}00000000f"),
                [Outputs.AccepterRoleArn("us-west-2")] = $"arn:aws:iam::123456789012:role/awsmorocco-provider-{Outputs.AccepterRoleArn("us-west-2")}", // the stand-in CDK CLI's default account
            },
            calls["awsmorocco-relay-us-west-2"].Parameters);
        Assert.Equal(FakeOutput("awsmorocco-relay-us-west-2", "com.amazonaws.vpce.region.vpce-svc-{0}"),
            calls["awsmorocco-consumer-west"].Parameters["EndpointServiceName"]);
        var routes = calls["awsmorocco-provider-routes"].Parameters;
        Assert.Equal(FakeOutput("awsmorocco-provider", "rtb-{0}1,rtb-{0}2"), routes["PrivateRouteTableIds"]);
        Assert.Equal(FakeOutput("awsmorocco-relay-us-west-2", "pcx-{0}"), routes[Outputs.PeeringParameter("us-west-2")]);
    }

    [Fact]
    public async Task Each_stack_runs_with_the_profile_of_its_account_or_role()
    {
        var (dir, wiring) = assemblies.Seed;
        var profiles = ProfileMap.Parse(["provider=net-prod", "222222222222=relay-admin", "awsmorocco-consumer-west=west-team"]);
        await Orchestrator().DeployAsync(Request(dir, wiring) with { Profiles = profiles }, CancellationToken.None);
        var byStack = cdk.Calls().ToDictionary(c => c.Stack, c => c.Profile);

        Assert.Equal("net-prod", byStack["awsmorocco-provider"]);
        Assert.Equal("relay-admin", byStack["awsmorocco-relay-us-west-2"]);
        Assert.Equal("west-team", byStack["awsmorocco-consumer-west"]);
        Assert.Equal("", byStack["awsmorocco-provider-routes"]); // role 'provider-routes' has no profile: ambient credentials
    }

    [Theory]
    [InlineData("awsmorocco-provider")]
    [InlineData("awsmorocco-relay-us-west-2")]
    [InlineData("awsmorocco-consumer-west")]
    public async Task A_failure_stops_after_its_phase_and_a_re_run_resumes_at_the_failed_stack(string failing)
    {
        var (dir, wiring) = assemblies.Seed;
        var failed = await Orchestrator(failStack: failing).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.Equal([failing], failed.Failed);
        var failedPhase = wiring.Stacks[failing].Phase;
        Assert.DoesNotContain(cdk.Calls(), c => wiring.Stacks[c.Stack].Phase > failedPhase);
        Assert.Contains(observer.Events, e => e.StartsWith($"fail {failing}: ", StringComparison.Ordinal) && e.Contains("simulated failure", StringComparison.Ordinal));

        var before = cdk.Calls().Count;
        var resumed = await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(resumed.Succeeded);
        var rerun = cdk.Calls().Skip(before).Select(c => c.Stack).ToHashSet();
        var expected = wiring.Stacks.Where(s => s.Value.Phase > failedPhase).Select(s => s.Key).Append(failing).ToHashSet();
        Assert.Equal(expected, rerun);
    }

    [Fact]
    public async Task A_finished_deploy_re_runs_as_a_no_op()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);
        var before = cdk.Calls().Count;

        var again = await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Equal(before, cdk.Calls().Count);
        Assert.Equal(wiring.Stacks.Keys.Order(), again.Skipped.Order());
    }

    [Fact]
    public async Task A_changed_input_redeploys_that_stack_only_and_what_depends_on_its_outputs_stays()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);
        var before = cdk.Calls().Count;
        var changed = new Dictionary<string, string>(BundleInputs) { ["ServiceBundleKey"] = "interlink/service-v2.tar.gz" };

        await Orchestrator().DeployAsync(Request(dir, wiring) with { Inputs = changed }, CancellationToken.None);

        // The fake's outputs do not change, so nothing downstream is redeployed.
        Assert.Equal(["awsmorocco-provider"], cdk.Calls().Skip(before).Select(c => c.Stack));
    }

    [Fact]
    public async Task Pending_connections_are_accepted_for_exactly_the_consumer_accounts_of_each_service()
    {
        var (dir, wiring) = assemblies.FanOut;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);

        var byStack = connections.Accepted.ToDictionary(s => s.Stack);
        Assert.Equal(3, byStack.Count);
        Assert.Equal(["444444444444", "555555555555"], byStack["orders-relay-us-west-2"].AllowedAccounts.Order());
        Assert.Equal(["444444444444"], byStack["orders-relay-eu-west-1"].AllowedAccounts);
        Assert.Equal(["555555555555"], byStack["orders-relay-ap-southeast-2"].AllowedAccounts);
        Assert.Equal(FakeOutput("orders-relay-eu-west-1", "vpce-svc-{0}"), byStack["orders-relay-eu-west-1"].ServiceId);
        Assert.Equal("eu-west-1", byStack["orders-relay-eu-west-1"].Region);
    }

    [Fact]
    public async Task Connections_are_accepted_while_the_consumers_deploy_in_case_CloudFormation_waits_for_them()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator(delaySeconds: 1.0).DeployAsync(Request(dir, wiring) with { AcceptInterval = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);

        var firstAccept = observer.Events.FindIndex(e => e.StartsWith("accepted awsmorocco-relay-us-west-2", StringComparison.Ordinal));
        var consumerDone = observer.Events.IndexOf("done awsmorocco-consumer-west");
        Assert.InRange(firstAccept, 0, consumerDone - 1);
    }

    [Fact]
    public async Task Nothing_is_accepted_when_the_service_does_not_require_acceptance()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring) with { AcceptanceRequired = false }, CancellationToken.None);
        Assert.Empty(connections.Accepted);
    }

    [Fact]
    public async Task Destroy_runs_in_reverse_phase_order_and_rejects_remaining_connections_before_a_service_goes()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);
        var before = cdk.Calls().Count;

        var outcome = await Orchestrator().DestroyAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        var destroys = cdk.Calls().Skip(before).ToList();
        Assert.All(destroys, d => Assert.Equal("destroy", d.Verb));
        var phases = destroys.Select(d => wiring.Stacks[d.Stack].Phase).ToList();
        Assert.Equal(phases.OrderDescending(), phases);
        Assert.Equal(["awsmorocco-relay-us-west-2"], connections.Rejected.Select(r => r.Stack));
        var rejectedAt = observer.Events.IndexOf(observer.Events.First(e => e.StartsWith("rejected awsmorocco-relay", StringComparison.Ordinal)));
        var relayDone = observer.Events.IndexOf("done awsmorocco-relay-us-west-2", rejectedAt + 1);
        Assert.True(relayDone > rejectedAt, "connections are rejected before the relay stack is destroyed");
    }

    [Fact]
    public async Task Destroy_resumes_after_a_failure_and_skips_what_is_gone()
    {
        var (dir, wiring) = assemblies.Seed;
        await Orchestrator().DeployAsync(Request(dir, wiring), CancellationToken.None);
        var failed = await Orchestrator(failStack: "awsmorocco-relay-us-west-2").DestroyAsync(Request(dir, wiring), CancellationToken.None);
        Assert.False(failed.Succeeded);
        Assert.DoesNotContain(cdk.Calls(), c => c is { Verb: "destroy", Stack: "awsmorocco-provider" });

        var resumed = await Orchestrator().DestroyAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(resumed.Succeeded);
        Assert.Equal(["awsmorocco-consumer-west", "awsmorocco-provider-routes"], resumed.Skipped.Order());
        Assert.Equal(["awsmorocco-provider", "awsmorocco-relay-us-west-2"], resumed.Ran.Order());
    }

    [Fact]
    public async Task A_dry_run_shows_every_command_with_its_parameters_and_runs_nothing()
    {
        var (dir, wiring) = assemblies.Seed;
        var outcome = await Orchestrator().DeployAsync(Request(dir, wiring) with { DryRun = true }, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Empty(cdk.Calls());
        Assert.False(File.Exists(cdk.StatePath));
        Assert.Equal(wiring.Stacks.Keys.Order(), observer.Commands.Keys.Order());
        var relay = observer.Commands["awsmorocco-relay-us-west-2"].ToShellLine("cdk");
        Assert.Contains("deploy awsmorocco-relay-us-west-2 --app", relay, StringComparison.Ordinal);
        Assert.Contains("--parameters 'awsmorocco-relay-us-west-2:ProviderVpcId=<awsmorocco-provider.VpcId>'", relay, StringComparison.Ordinal);
        Assert.Contains("CDK_DISABLE_CLI_TELEMETRY=true", relay, StringComparison.Ordinal);
        Assert.Empty(connections.Accepted);
    }

    [Fact]
    public async Task A_missing_deploy_input_is_a_one_line_error_naming_the_parameter_and_how_to_pass_it()
    {
        var (dir, wiring) = assemblies.Seed;
        var error = await Assert.ThrowsAsync<DeployException>(() =>
            Orchestrator().DeployAsync(Request(dir, wiring) with { Inputs = new Dictionary<string, string>() }, CancellationToken.None));

        Assert.Contains("ServiceBundleBucket", error.Message, StringComparison.Ordinal);
        Assert.Contains("--input ServiceBundleBucket=VALUE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(cdk.Calls());
    }

    private DeployOrchestrator Orchestrator(string? failStack = null, double delaySeconds = 0.2) =>
        new(cdk.Runner(failStack, delaySeconds), connections, peeringDns, observer);

    private DeployRequest Request(string dir, WiringManifest wiring) =>
        new(dir, wiring, cdk.StatePath, ProfileMap.Empty, BundleInputs);

    private static string FakeOutput(string stack, string pattern) => FakeCdk.Output(stack, pattern);
}
