using Interlink.Cli.Tests.Support;
using Interlink.Deploy;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>deploy --dry-run</c> prints every phase's commands without running any, <c>deploy</c> refuses bad options
/// with one line, and <c>status</c> reads what the last deploy recorded.
/// </summary>
public class DeployCommandTests
{
    [Fact]
    public void A_dry_run_prints_each_phase_and_command_with_wired_parameters_and_runs_nothing()
    {
        using var temp = new TempDirectory();
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var result = CliProcess.Run(new Dictionary<string, string>(), "deploy", config, "--dry-run", "-o", temp.File("cdk.out"),
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
        using var temp = new TempDirectory();
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var result = App.Run("deploy", config, "--dry-run", "-o", temp.File("out"), "-p", "provider");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: --profile 'provider' is not KEY=NAME", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_shows_each_stack_as_recorded_and_the_consumer_endpoint_DNS_names()
    {
        using var temp = new TempDirectory();
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
        using var temp = new TempDirectory();
        var config = temp.Write("seed.yaml", File.ReadAllText(Repo.Example("seed.yaml")));
        var result = App.Run("probe", config);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: nothing to probe", StringComparison.Ordinal) && l.Contains("interlink deploy", StringComparison.Ordinal));
    }
}
