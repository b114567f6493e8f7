using Amazon.EC2.Model;
using Amazon.SecurityToken.Model;
using Interlink.Core.Wiring;
using Interlink.Deploy.Aws;
using Interlink.Deploy.Tests.Support;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// What deploy does outside CloudFormation, end to end against the stand-in CDK CLI and a fake EC2/STS that behaves
/// like AWS where it matters (a service's connections are visible to its owner only): endpoint acceptance as each
/// service's owner through its stack's operator role, failure when a connection stays pending, peering DNS options
/// per side; every AWS error a deploy failure naming the stack.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeployOutsideCloudFormationTests(AssemblyFixture assemblies) : IDisposable
{
    private const string SeedRelay = "awsmorocco-relay-us-west-2";
    private const string SeedConsumer = "awsmorocco-consumer-west";
    private static readonly string SeedRole = $"arn:aws:iam::222222222222:role/{SeedRelay}-OperatorRole";

    private static readonly IReadOnlyDictionary<string, string> BundleInputs = DeployInputs.Bundle;

    private readonly FakeCdk cdk = new();
    private readonly FakeAws aws = new() { AmbientAccount = "111111111111" };
    private readonly RecordingObserver observer = new();

    public void Dispose() => cdk.Dispose();

    [Fact]
    public async Task Acceptance_assumes_the_relay_stack_s_operator_role_and_runs_as_the_service_owner()
    {
        var (dir, wiring) = assemblies.Seed;
        Services(wiring);

        var outcome = await Orchestrator(wiring).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems ?? []));
        var assume = Assert.Single(aws.CallsOf("AssumeRole"));
        Assert.Equal(("us-west-2", "ambient"), (assume.Region, assume.Caller));
        var request = Assert.IsType<AssumeRoleRequest>(assume.Request);
        Assert.Equal((SeedRole, "interlink-awsmorocco"), (request.RoleArn, request.RoleSessionName));
        Assert.Contains(aws.CallsOf("GetCallerIdentity"), c => c.Caller == $"role:{SeedRole}" && c.Region == "us-west-2");
        var accept = Assert.Single(aws.CallsOf("AcceptVpcEndpointConnections"));
        Assert.Equal(("us-west-2", $"role:{SeedRole}"), (accept.Region, accept.Caller));
        Assert.Equal([FakeCdk.Output(SeedConsumer, "vpce-{0}")], Assert.IsType<AcceptVpcEndpointConnectionsRequest>(accept.Request).VpcEndpointIds);
        Assert.Equal("available", aws.Services[ServiceId(SeedRelay)].Connections[FakeCdk.Output(SeedConsumer, "vpce-{0}")].State);
        // The identity is proven before the first EC2 call.
        var firstEc2 = aws.Calls.FindIndex(c => c.Operation == "DescribeVpcEndpointConnections");
        var roleIdentity = aws.Calls.FindIndex(c => c.Operation == "GetCallerIdentity" && c.Caller == $"role:{SeedRole}");
        Assert.InRange(roleIdentity, 0, firstEc2 - 1);
    }

    [Fact]
    public async Task A_connection_that_stays_pending_fails_the_deploy_naming_the_stack_the_service_and_the_endpoint()
    {
        var (dir, wiring) = assemblies.Seed;
        Services(wiring);
        var endpoint = FakeCdk.Output(SeedConsumer, "vpce-{0}");
        aws.StuckEndpoints.Add(endpoint);

        var outcome = await Orchestrator(wiring).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal([SeedRelay], outcome.Failed);
        var problem = Assert.Single(outcome.Problems!);
        Assert.Contains(SeedRelay, problem, StringComparison.Ordinal);
        Assert.Contains(ServiceId(SeedRelay), problem, StringComparison.Ordinal);
        Assert.Contains($"{endpoint} (account 333333333333) is pendingAcceptance", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_that_are_not_the_service_owner_s_fail_the_deploy_naming_both_accounts()
    {
        var (dir, wiring) = assemblies.Seed;
        Services(wiring);
        aws.RoleAccountOverrides[SeedRole] = "999999999999";

        var outcome = await Orchestrator(wiring).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        var problem = Assert.Single(outcome.Problems!);
        Assert.Contains("999999999999", problem, StringComparison.Ordinal);
        Assert.Contains("222222222222", problem, StringComparison.Ordinal);
        Assert.Empty(aws.CallsOf("DescribeVpcEndpointConnections"));
    }

    [Fact]
    public async Task An_AWS_error_during_acceptance_is_a_deploy_failure_with_AWS_s_code_not_an_exception()
    {
        var (dir, wiring) = assemblies.Seed;
        Services(wiring);
        aws.Failures["DescribeVpcEndpointConnections"] = FakeAws.Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.");

        var outcome = await Orchestrator(wiring).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        var problem = Assert.Single(outcome.Problems!);
        Assert.StartsWith($"{SeedRelay}: ", problem, StringComparison.Ordinal);
        Assert.Contains("UnauthorizedOperation", problem, StringComparison.Ordinal);
        Assert.Contains(ServiceId(SeedRelay), problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_that_cannot_be_assumed_is_a_deploy_failure_with_STS_s_code()
    {
        var (dir, wiring) = assemblies.Seed;
        Services(wiring);
        aws.Failures["AssumeRole"] = FakeAws.StsError("AccessDenied", "not authorized to perform: sts:AssumeRole");

        var outcome = await Orchestrator(wiring).DeployAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("AccessDenied", Assert.Single(outcome.Problems!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peering_DNS_is_set_per_side_after_the_phase_that_owns_it_and_a_re_run_changes_nothing()
    {
        var (dir, wiring) = assemblies.FanOut;
        Services(wiring);
        var relay = "orders-relay-eu-west-1";
        var peering = FakeCdk.Output(relay, "pcx-{0}");
        aws.Peerings[peering] = new FakePeering("eu-west-1", "us-east-1");
        var request = Request(dir, wiring) with { PeeringDns = [relay] };

        var outcome = await Orchestrator(wiring).DeployAsync(request, CancellationToken.None);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems ?? []));
        Assert.True(aws.Peerings[peering].RequesterDns);
        Assert.True(aws.Peerings[peering].AccepterDns);
        var modifies = aws.CallsOf("ModifyVpcPeeringConnectionOptions");
        Assert.Equal(["eu-west-1", "us-east-1"], modifies.Select(m => m.Region));
        Assert.NotNull(Assert.IsType<ModifyVpcPeeringConnectionOptionsRequest>(modifies[0].Request).RequesterPeeringConnectionOptions);
        Assert.NotNull(Assert.IsType<ModifyVpcPeeringConnectionOptionsRequest>(modifies[1].Request).AccepterPeeringConnectionOptions);
        var requesterSet = observer.Events.FindIndex(e => e.StartsWith($"step {relay}: requester DNS", StringComparison.Ordinal));
        var accepterSet = observer.Events.FindIndex(e => e.StartsWith("step orders-provider-routes: accepter DNS", StringComparison.Ordinal));
        Assert.InRange(requesterSet, observer.Events.IndexOf($"done {relay}") + 1, observer.Events.IndexOf("phase 3") - 1);
        Assert.True(accepterSet > observer.Events.IndexOf("done orders-provider-routes"), "the accepter side waits for provider-routes");

        var again = await Orchestrator(wiring).DeployAsync(request, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Equal(2, aws.CallsOf("ModifyVpcPeeringConnectionOptions").Count);
    }

    [Fact]
    public async Task Destroy_rejects_as_the_service_owner_and_an_AWS_error_there_stops_that_stack_with_exit_4_material()
    {
        var (dir, wiring) = assemblies.Seed;
        Services(wiring);
        await Orchestrator(wiring).DeployAsync(Request(dir, wiring), CancellationToken.None);
        aws.Failures["RejectVpcEndpointConnections"] = FakeAws.Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.");

        var outcome = await Orchestrator(wiring).DestroyAsync(Request(dir, wiring), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal([SeedRelay], outcome.Failed);
        Assert.Contains("UnauthorizedOperation", Assert.Single(outcome.Problems!), StringComparison.Ordinal);
        Assert.Equal($"role:{SeedRole}", Assert.Single(aws.CallsOf("RejectVpcEndpointConnections")).Caller);
        Assert.DoesNotContain(cdk.Calls(), c => c is { Verb: "destroy", Stack: SeedRelay });
    }

    [Fact]
    public async Task A_dry_run_calls_no_AWS_API()
    {
        var (dir, wiring) = assemblies.Seed;

        await Orchestrator(wiring).DeployAsync(Request(dir, wiring) with { DryRun = true }, CancellationToken.None);

        Assert.Empty(aws.Calls);
    }

    private DeployOrchestrator Orchestrator(WiringManifest wiring)
    {
        var credentials = new OperatorCredentials(aws, wiring.Name, assumeRetryDelay: TimeSpan.Zero);
        return new DeployOrchestrator(
            cdk.Runner(delaySeconds: 0.05, accountOf: s => wiring.Stacks[s].Account),
            new EndpointConnectionManager(aws, credentials, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(100)),
            new PeeringDnsOptions(aws, credentials, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(100)),
            observer);
    }

    private DeployRequest Request(string dir, WiringManifest wiring) => new(dir, wiring, cdk.StatePath, ProfileMap.Empty, BundleInputs);

    private static string ServiceId(string stack) => FakeCdk.Output(stack, "vpce-svc-{0}");

    /// <summary>The endpoint service of every relay in the fake EC2, with a pending connection from each of its consumers.</summary>
    private void Services(WiringManifest wiring)
    {
        foreach (var (name, stack) in wiring.Stacks.Where(s => s.Value.Outputs.Contains(Outputs.EndpointServiceId)))
        {
            var service = new FakeService(stack.Account ?? aws.AmbientAccount, stack.Region);
            foreach (var (consumer, c) in wiring.Stacks.Where(s => s.Value.Parameters.TryGetValue(Outputs.EndpointServiceName, out var source) && source.Stack == name))
                service.Connections[FakeCdk.Output(consumer, "vpce-{0}")] = (c.Account ?? aws.AmbientAccount, "pendingAcceptance");
            aws.Services[ServiceId(name)] = service;
        }
    }
}
