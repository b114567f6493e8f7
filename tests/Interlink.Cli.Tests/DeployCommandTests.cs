using Interlink.Cli.Commands;
using Interlink.Cli.Tests.Support;
using Interlink.Deploy;
using Interlink.Testing;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>deploy --dry-run</c> prints every phase's commands without running any, <c>deploy</c> refuses bad options
/// with one line, and <c>status</c> reads what the last deploy recorded. <c>deploy</c> against the stand-in CDK
/// CLI and a fake EC2/STS: exit 4 naming the stack, service and endpoint when a connection stays pending, exit 0
/// when acceptance runs as the service's owner through the relay stack's operator role, exit 4 naming both
/// accounts when the identity is wrong; and it refuses a security error (exit 3) unless overridden by name.
/// (These run deploy in-process, so synthesis starts the CDK runtime here; the tests of one class never run in parallel.)
/// </summary>
// Deploy runs in-process here and synthesis starts the CDK runtime, which is not safe for parallel use: one collection.
[Collection("in-process deploy")]
public sealed class DeployCommandTests : IDisposable
{
    private const string Relay = "awsmorocco-relay-us-west-2";
    private const string Consumer = "awsmorocco-consumer-west";
    private static readonly string RelayRole = $"arn:aws:iam::222222222222:role/{Relay}-OperatorRole";
    private static readonly string[] BundleInputs = ["-i", "ServiceBundleBucket=bucket", "-i", "ServiceBundleKey=key", "-i", $"ServiceBundleSha256={new string('a', 64)}"];

    private readonly TempDirectory temp = new();
    private readonly FakeCdk cdk = new();
    private readonly FakeAws aws = new() { AmbientAccount = "111111111111" };

    public DeployCommandTests()
    {
        // The seed's relay service as AWS would hold it: owned by the relay account, the consumer's endpoint pending.
        var service = new FakeService("222222222222", "us-west-2");
        service.Connections[FakeCdk.Output(Consumer, "vpce-{0}")] = ("333333333333", "pendingAcceptance");
        aws.Services[FakeCdk.Output(Relay, "vpce-svc-{0}")] = service;
    }

    public void Dispose()
    {
        cdk.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void Deploy_accepts_the_consumer_s_endpoint_as_the_relay_owner_through_its_operator_role()
    {
        var result = Deploy(Seed());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var assume = Assert.IsType<Amazon.SecurityToken.Model.AssumeRoleRequest>(Assert.Single(aws.CallsOf("AssumeRole")).Request);
        Assert.Equal((RelayRole, "interlink-awsmorocco"), (assume.RoleArn, assume.RoleSessionName));
        Assert.Equal($"role:{RelayRole}", Assert.Single(aws.CallsOf("AcceptVpcEndpointConnections")).Caller);
        Assert.Contains(result.Lines, l => l.Contains($"{Relay}: accepted 1 endpoint connection(s): {FakeCdk.Output(Consumer, "vpce-{0}")}", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("deploy complete", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_exits_4_naming_the_stack_service_and_endpoint_when_a_connection_stays_pending()
    {
        var endpoint = FakeCdk.Output(Consumer, "vpce-{0}");
        aws.StuckEndpoints.Add(endpoint);

        var result = Deploy(Seed());

        Assert.Equal(ExitCodes.DeployFailed, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith($"error: {Relay}: endpoint service {FakeCdk.Output(Relay, "vpce-svc-{0}")}", StringComparison.Ordinal)
            && l.Contains($"{endpoint} (account 333333333333) is pendingAcceptance", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith($"deploy failed at {Relay}", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_exits_4_naming_both_accounts_when_the_credentials_are_not_the_service_owner_s()
    {
        aws.RoleAccountOverrides[RelayRole] = "999999999999";

        var result = Deploy(Seed());

        Assert.Equal(ExitCodes.DeployFailed, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains("999999999999", StringComparison.Ordinal) && l.Contains("222222222222", StringComparison.Ordinal));
        Assert.Empty(aws.CallsOf("DescribeVpcEndpointConnections"));
    }

    [Fact]
    public void An_AWS_error_during_acceptance_exits_4_with_its_code_never_as_an_internal_error()
    {
        aws.Failures["AcceptVpcEndpointConnections"] = FakeAws.Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.");

        var result = Deploy(Seed());

        Assert.Equal(ExitCodes.DeployFailed, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith($"error: {Relay}: accepting", StringComparison.Ordinal) && l.Contains("UnauthorizedOperation", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Lines, l => l.Contains("internal error", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_refuses_a_security_error_with_exit_3_and_deploys_nothing_unless_the_rule_is_overridden_by_name()
    {
        var config = Seed(acceptanceRequired: false);

        var refused = Deploy(config);

        Assert.Equal(ExitCodes.FindingsBlock, refused.ExitCode);
        Assert.Contains(refused.Lines, l => l.StartsWith("error: ILS002 in ", StringComparison.Ordinal));
        Assert.Contains(refused.Lines, l => l.StartsWith("deploy refused", StringComparison.Ordinal) && l.Contains("--allow-finding ILS002", StringComparison.Ordinal));
        Assert.Empty(cdk.Calls());

        var overridden = Deploy(config, "--allow-finding", "ILS002");

        Assert.True(overridden.ExitCode == ExitCodes.Ok, overridden.ToString());
        Assert.Contains(overridden.Lines, l => l.StartsWith("warning: deploying despite ILS002", StringComparison.Ordinal));
        Assert.NotEmpty(cdk.Calls());
    }

    [Fact]
    public void An_override_naming_a_rule_that_did_not_fire_is_a_usage_error()
    {
        var result = Deploy(Seed(), "--allow-finding", "ILS002");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: --allow-finding ILS002: no such blocking finding", StringComparison.Ordinal));
        Assert.Empty(cdk.Calls());
    }

    [Fact]
    public void Status_live_lists_the_connections_as_the_service_owner()
    {
        Assert.Equal(ExitCodes.Ok, Deploy(Seed()).ExitCode);

        CliResult result;
        using (DeployServices.Use(Services()))
            result = App.Run("status", temp.File("seed.yaml"), "--live");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(result.Lines, l => l.Contains($"{FakeCdk.Output(Consumer, "vpce-{0}")} (account 333333333333): available", StringComparison.Ordinal));
        Assert.All(aws.CallsOf("DescribeVpcEndpointConnections"), c => Assert.Equal($"role:{RelayRole}", c.Caller));
    }

    [Fact]
    public void Status_live_exits_4_with_AWS_s_code_when_EC2_refuses()
    {
        var config = Seed();
        Recorded((Relay, new Dictionary<string, string> { ["EndpointServiceId"] = FakeCdk.Output(Relay, "vpce-svc-{0}"), ["OperatorRoleArn"] = RelayRole }));
        aws.Failures["DescribeVpcEndpointConnections"] = FakeAws.Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.");

        CliResult result;
        using (DeployServices.Use(Services()))
            result = App.Run("status", config, "--live");

        Assert.Equal(ExitCodes.DeployFailed, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith($"error: {Relay}: listing the connections", StringComparison.Ordinal) && l.Contains("UnauthorizedOperation", StringComparison.Ordinal));
    }

    [Fact]
    public void Probe_checks_it_acts_as_the_consumer_s_account_and_says_which_profile_to_pass()
    {
        var config = Seed();
        Recorded((Consumer, new Dictionary<string, string> { ["ClientInstanceId"] = "i-0abc", ["EndpointDnsNames"] = "Z1:vpce-0abc.example" }));

        CliResult result;
        using (DeployServices.Use(Services()))
            result = App.Run("probe", config);

        Assert.Equal(ExitCodes.DeployFailed, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith($"error: {Consumer}: ", StringComparison.Ordinal)
            && l.Contains("account 111111111111", StringComparison.Ordinal) && l.Contains("--profile 333333333333=PROFILE", StringComparison.Ordinal));
        Assert.Empty(aws.CallsOf("SendCommand"));
    }

    [Fact]
    public void A_deploy_records_what_it_deployed_so_diff_finds_nothing_and_a_deploy_that_changes_nothing_records_nothing_new()
    {
        var config = Seed();
        var first = Deploy(config);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        var record = temp.File(".interlink/awsmorocco.deployed");
        var written = Directory.GetFiles(record).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Contains(Path.Combine(record, "awsmorocco-relay-us-west-2.template.json"), written.Keys);
        Assert.Contains(Path.Combine(record, "interlink.wiring.json"), written.Keys);

        var diff = App.Run("diff", config, "--cdk-out", temp.File("diff.out"));
        Assert.True(diff.ExitCode == ExitCodes.Ok, diff.ToString());

        var again = Deploy(config);
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Equal(written, Directory.GetFiles(record).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void An_update_that_interrupts_traffic_is_refused_with_exit_6_until_allow_disruption_names_each_consequence()
    {
        var config = Seed();
        var first = Deploy(config);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        var deployed = cdk.Calls().Count;
        File.WriteAllText(config, File.ReadAllText(config).Replace("targetPort: 8080", "targetPort: 9090", StringComparison.Ordinal));

        var refused = Deploy(config);

        Assert.True(refused.ExitCode == ExitCodes.ChangesDisrupt, refused.ToString());
        Assert.Contains(refused.Lines, l => l.StartsWith("error: ILU012 in awsmorocco-relay-us-west-2/", StringComparison.Ordinal));
        Assert.Contains(refused.Lines, l => l.StartsWith("deploy refused", StringComparison.Ordinal) && l.Contains("--allow-disruption ILU012", StringComparison.Ordinal));
        Assert.Equal(deployed, cdk.Calls().Count);

        var codes = refused.Lines.Where(l => l.StartsWith("error: ILU", StringComparison.Ordinal)).Select(l => l["error: ".Length..("error: ".Length + 6)]).Distinct();
        var accepted = Deploy(config, [.. codes.SelectMany(c => new[] { "--allow-disruption", c })]);
        Assert.True(accepted.ExitCode == ExitCodes.Ok, accepted.ToString());
        Assert.Contains(cdk.Calls().Skip(deployed), c => c.Verb == "deploy" && c.Stack == Relay);
    }

    [Fact]
    public void A_consumer_taken_out_of_the_config_stays_deployed_shows_in_status_and_remove_orphans_destroys_it_from_the_record()
    {
        const string second = "awsmorocco-consumer-west-two";
        aws.Services[FakeCdk.Output(Relay, "vpce-svc-{0}")].Connections[FakeCdk.Output(second, "vpce-{0}")] = ("444444444444", "available");
        var config = Seed();
        var seed = File.ReadAllText(config);
        File.WriteAllText(config, seed.Replace("tags:", "  - { name: west-two, account: \"444444444444\", region: us-west-2, vpc: { cidr: 10.13.0.0/16, azs: [usw2-az1, usw2-az2] } }\ntags:", StringComparison.Ordinal));
        var both = Deploy(config);
        Assert.True(both.ExitCode == ExitCodes.Ok, both.ToString());
        File.WriteAllText(config, seed);

        var kept = Deploy(config);
        Assert.True(kept.ExitCode == ExitCodes.Ok, kept.ToString());
        Assert.Contains(kept.Lines, l => l.Contains("--remove-orphans", StringComparison.Ordinal));
        Assert.DoesNotContain(cdk.Calls(), c => c.Verb == "destroy");
        Assert.Contains(App.Run("status", config).Lines, l => l.Contains(second, StringComparison.Ordinal) && l.Contains("no longer in the design", StringComparison.Ordinal));

        var removed = Deploy(config, "--remove-orphans");
        Assert.True(removed.ExitCode == ExitCodes.Ok, removed.ToString());
        var destroy = Assert.Single(cdk.Calls(), c => c.Verb == "destroy");
        Assert.Equal(second, destroy.Stack);
        Assert.Contains(temp.File(".interlink/awsmorocco.deployed"), destroy.Arguments, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File($".interlink/awsmorocco.deployed/{second}.template.json")), "the record still holds the destroyed stack");
        Assert.Equal(ExitCodes.Ok, App.Run("diff", config, "--cdk-out", temp.File("d.out")).ExitCode);
    }

    /// <summary>Writes the state a deploy would have left for <paramref name="stacks"/>, without deploying.</summary>
    private void Recorded(params (string Stack, Dictionary<string, string> Outputs)[] stacks)
    {
        var state = DeployState.Load(temp.File(".interlink/awsmorocco.state.json"));
        foreach (var (stack, outputs) in stacks)
            state.Set(stack, new StackState(StackStatus.Deployed, "x", outputs, DateTimeOffset.UnixEpoch));
    }

    private string Seed(bool acceptanceRequired = true)
    {
        var text = File.ReadAllText(Repo.Example("seed.yaml"));
        if (!acceptanceRequired)
            text = text.Replace("  healthCheck: { protocol: http, path: /health }\n", "  healthCheck: { protocol: http, path: /health }\n  acceptanceRequired: false\n", StringComparison.Ordinal);
        return temp.Write("seed.yaml", text);
    }

    private CliResult Deploy(string config, params string[] extra)
    {
        var accountOf = (Func<string, string?>)(stack => stack switch
        {
            _ when stack.Contains("-relay-", StringComparison.Ordinal) => "222222222222",
            _ when stack.Contains("-consumer-", StringComparison.Ordinal) => "333333333333",
            _ => "111111111111",
        });
        using var _ = DeployServices.Use(Services(accountOf));
        return App.Run(["deploy", config, "--cdk-out", temp.File("cdk.out"), .. BundleInputs, .. extra]);
    }

    private DeployServices Services(Func<string, string?>? accountOf = null) =>
        new(_ => cdk.Runner(delaySeconds: 0.02, accountOf: accountOf), () => aws, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(100),
            Images: () => new FixedImage("ami-0fedcba9876543210"));

    /// <summary>The public SSM parameter as a fake: tests never call AWS.</summary>
    private sealed class FixedImage(string imageId) : Interlink.Deploy.IImageParameterSource
    {
        public Task<string> GetAsync(string parameterName, string region, string? profile, CancellationToken cancellationToken) => Task.FromResult(imageId);
    }

    [Fact]
    public void A_dry_run_prints_each_phase_and_command_with_wired_parameters_and_runs_nothing()
    {
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var result = CliProcess.Run(new Dictionary<string, string>(), "deploy", config, "--dry-run", "--cdk-out", temp.File("cdk.out"),
            "-i", "ServiceBundleBucket=bucket", "-i", "ServiceBundleKey=key", "-i", $"ServiceBundleSha256={new string('a', 64)}", "-p", "relay=relay-admin");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        Assert.Contains("phase 1: awsmorocco-provider", lines);
        Assert.Contains("phase 3: awsmorocco-provider-routes, awsmorocco-consumer-west", lines);
        Assert.Contains(lines, l => l.Contains("AWS_PROFILE=relay-admin", StringComparison.Ordinal) && l.Contains("deploy awsmorocco-relay-us-west-2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'awsmorocco-consumer-west:EndpointServiceName=<awsmorocco-relay-us-west-2.EndpointServiceName>'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("awsmorocco-provider:ServiceBundleBucket=bucket", StringComparison.Ordinal));
        // The hosts' image is resolved once on the first real deploy; a dry run neither reads nor pins it.
        Assert.Contains(lines, l => l.Contains("awsmorocco-provider:ServiceHostImageId=<resolved once from /aws/service/ami-amazon-linux-latest/", StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.File(".interlink")), "a dry run records no state");
    }

    [Fact]
    public void A_malformed_profile_option_is_a_one_line_usage_error()
    {
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var result = App.Run("deploy", config, "--dry-run", "--cdk-out", temp.File("out"), "-p", "provider");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: --profile 'provider' is not KEY=NAME", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_shows_each_stack_as_recorded_and_the_consumer_endpoint_DNS_names()
    {
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var state = DeployState.Load(temp.File(".interlink/awsmorocco.state.json"));
        state.Set("awsmorocco-provider", new StackState(StackStatus.Deployed, "x", new Dictionary<string, string> { ["VpcId"] = "vpc-1" }, DateTimeOffset.UnixEpoch));
        state.Set("awsmorocco-consumer-west", new StackState(StackStatus.Deployed, "y", new Dictionary<string, string>
        {
            ["EndpointId"] = "vpce-0abc",
            ["EndpointDnsNames"] = "Z1:vpce-0abc.vpce-svc-1.us-west-2.vpce.amazonaws.com,Z1:vpce-0abc-usw2-az1.vpce-svc-1.us-west-2.vpce.amazonaws.com",
        }, DateTimeOffset.UnixEpoch));
        state.Set("awsmorocco-relay-us-west-2", new StackState(StackStatus.Failed, "z", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch));

        var result = App.Run("status", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Lines, l => l.Contains("awsmorocco-relay-us-west-2", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("awsmorocco-provider-routes", StringComparison.Ordinal) && l.Contains("not deployed", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("vpce-0abc ", StringComparison.Ordinal) && l.Contains("vpce-0abc.vpce-svc-1.us-west-2.vpce.amazonaws.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Probe_before_anything_is_deployed_is_a_one_line_error_saying_to_deploy_first()
    {
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var result = App.Run("probe", config);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: nothing to probe", StringComparison.Ordinal) && l.Contains("interlink deploy", StringComparison.Ordinal));
    }
}
