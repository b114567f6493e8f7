using Amazon.SimpleSystemsManagement.Model;
using Interlink.Deploy.Aws;
using Interlink.Probe;

namespace Interlink.Deploy.Tests;

/// <summary>
/// <c>interlink probe</c> runs the probe on each client host through Systems Manager Run Command and reads its JSON
/// report back; the requests are checked exactly and the outcomes without AWS.
/// </summary>
public class RemoteProberTests
{
    private static readonly ProbeTarget Target = new("shop-consumer-west", "i-0123456789abcdef0", "us-west-2", new OperatorTarget("shop-consumer-west", "us-west-2", "333333333333", "west", null),
        new Uri("http://vpce-0abc-xyz.vpce-svc-1.us-west-2.vpce.amazonaws.com:443/"));

    [Fact]
    public void The_Run_Command_request_runs_the_installed_probe_against_the_endpoint_with_new_connections()
    {
        var request = SsmRequests.RunProbe(Target.InstanceId, Target.Url, 200, 8);

        Assert.Equal("AWS-RunShellScript", request.DocumentName);
        Assert.Equal([Target.InstanceId], request.InstanceIds);
        var command = Assert.Single(request.Parameters["commands"]);
        Assert.Equal("/opt/interlink-probe/Interlink.Probe 'http://vpce-0abc-xyz.vpce-svc-1.us-west-2.vpce.amazonaws.com:443/' -n 200 -c 8 --new-connections --format json", command);
        Assert.Equal(["300"], request.Parameters["executionTimeout"]);
    }

    [Fact]
    public async Task The_report_is_read_back_once_the_command_has_finished()
    {
        var report = SampleReport(succeeded: 200, failed: 0);
        var api = new FakeRunCommand(("InProgress", -1, ""), ("Success", 0, "some boot noise\n" + ProbeJson.Serialize(report)));

        var result = await new RemoteProber(_ => api, TimeSpan.FromMilliseconds(1)).RunAsync(Target, 200, 8, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(200, result.Report!.Succeeded);
        Assert.Equal(new Dictionary<string, int> { ["host-a"] = 100, ["host-b"] = 100 }, result.Report.Hosts);
        Assert.Equal(2, api.Polls);
        Assert.Equal(["cmd-1/i-0123456789abcdef0", "cmd-1/i-0123456789abcdef0"], api.Asked);
    }

    [Fact]
    public async Task Failed_requests_still_bring_their_report_back_and_count_as_not_succeeded()
    {
        var api = new FakeRunCommand(("Failed", 3, ProbeJson.Serialize(SampleReport(succeeded: 150, failed: 50))));

        var result = await new RemoteProber(_ => api, TimeSpan.FromMilliseconds(1)).RunAsync(Target, 200, 8, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(50, result.Report!.Failed);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task A_client_host_without_the_probe_says_how_to_install_it()
    {
        var api = new FakeRunCommand(("Failed", 127, ""));

        var result = await new RemoteProber(_ => api, TimeSpan.FromMilliseconds(1)).RunAsync(Target, 10, 1, CancellationToken.None);

        Assert.Null(result.Report);
        Assert.Contains("scripts/publish.sh probe", result.Problem, StringComparison.Ordinal);
    }

    private static ProbeReport SampleReport(int succeeded, int failed) => new(
        Target.Url.ToString(), succeeded + failed, 8, 5000, 60000, true, DateTimeOffset.UnixEpoch, 1234, succeeded + failed, succeeded, failed, 0, false, 160,
        failed == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { ["timeout"] = failed },
        new Dictionary<string, string>(), null,
        new Dictionary<string, int> { ["host-a"] = succeeded / 2, ["host-b"] = succeeded - succeeded / 2 }, 0, null);

    private sealed class FakeRunCommand(params (string Status, int Exit, string Output)[] answers) : IRunCommandApi
    {
        public int Polls { get; private set; }

        public List<string> Asked { get; } = [];

        public Task<string> SendAsync(SendCommandRequest request, CancellationToken cancellationToken) => Task.FromResult("cmd-1");

        public Task<(string Status, int ExitCode, string Output, string Error)> GetAsync(GetCommandInvocationRequest request, CancellationToken cancellationToken)
        {
            Asked.Add($"{request.CommandId}/{request.InstanceId}");
            var (status, exit, output) = answers[Math.Min(Polls++, answers.Length - 1)];
            return Task.FromResult((status, exit, output, ""));
        }
    }
}
