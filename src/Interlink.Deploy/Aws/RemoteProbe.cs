using System.Globalization;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Interlink.Probe;

namespace Interlink.Deploy.Aws;

/// <summary>Where and what to probe: a consumer's client host and the URL of its endpoint.</summary>
/// <param name="Consumer">Consumer stack.</param>
/// <param name="InstanceId">The client host.</param>
/// <param name="Region">Its Region.</param>
/// <param name="Operator">Whose credentials run the command there (the consumer stack's account).</param>
/// <param name="Url">The service through the consumer's endpoint.</param>
public sealed record ProbeTarget(string Consumer, string InstanceId, string Region, OperatorTarget Operator, Uri Url);

/// <summary>What one remote probe run produced.</summary>
/// <param name="Target">Where it ran.</param>
/// <param name="Report">The probe's figures, when it ran.</param>
/// <param name="Problem">Why there are no figures, when it did not.</param>
public sealed record RemoteProbeResult(ProbeTarget Target, ProbeReport? Report, string? Problem)
{
    /// <summary>True when the probe ran and every request succeeded.</summary>
    public bool Succeeded => Report is { Failed: 0, NotSent: 0, Succeeded: > 0 };
}

/// <summary>The two Systems Manager Run Command calls the remote probe needs.</summary>
public interface IRunCommandApi
{
    /// <summary>Sends <paramref name="request"/>; returns the command ID.</summary>
    Task<string> SendAsync(SendCommandRequest request, CancellationToken cancellationToken);

    /// <summary>The invocation's status and output.</summary>
    Task<(string Status, int ExitCode, string Output, string Error)> GetAsync(GetCommandInvocationRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Runs the probe on consumer client hosts through Systems Manager Run Command (no SSH, no open port) and reads
/// its JSON report back.
/// </summary>
/// <param name="apiFor">Run Command API for a target's Region, with credentials for its account.</param>
/// <param name="pollInterval">How often to ask whether the command finished.</param>
public sealed class RemoteProber(Func<ProbeTarget, IRunCommandApi> apiFor, TimeSpan pollInterval)
{
    /// <summary>Statuses after which the invocation will not change.</summary>
    private static readonly HashSet<string> Final = new(StringComparer.Ordinal) { "Success", "Failed", "TimedOut", "Cancelled", "Undeliverable", "Terminated", "InvalidPlatform", "AccessDenied" };

    /// <summary>Runs <paramref name="requests"/> requests at <paramref name="concurrency"/> from the target's client host.</summary>
    public async Task<RemoteProbeResult> RunAsync(ProbeTarget target, int requests, int concurrency, CancellationToken cancellationToken)
    {
        try
        {
            return await RunOnceAsync(target, requests, concurrency, cancellationToken);
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            // AWS refused (no ssm:SendCommand, the instance not managed yet, …): a result with AWS's code, not a crash.
            return new RemoteProbeResult(target, null, $"Systems Manager refused: {e.ErrorCode}: {e.Message}");
        }
    }

    private async Task<RemoteProbeResult> RunOnceAsync(ProbeTarget target, int requests, int concurrency, CancellationToken cancellationToken)
    {
        var api = apiFor(target);
        var send = SsmRequests.RunProbe(target.InstanceId, target.Url, requests, concurrency);
        var commandId = await api.SendAsync(send, cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(send.TimeoutSeconds ?? 600) + TimeSpan.FromSeconds(90);
        while (true)
        {
            await Task.Delay(pollInterval, cancellationToken);
            var (status, exitCode, output, error) = await api.GetAsync(SsmRequests.Invocation(commandId, target.InstanceId), cancellationToken);
            if (Final.Contains(status))
                return Interpret(target, status, exitCode, output, error);
            if (DateTime.UtcNow > deadline)
                return new RemoteProbeResult(target, null, $"Run Command {commandId} still '{status}' after the probe's deadline; see the Systems Manager console");
        }
    }

    private static RemoteProbeResult Interpret(ProbeTarget target, string status, int exitCode, string output, string error)
    {
        // The probe exits 3 when some requests failed: its JSON report is still there and is the answer.
        if (exitCode is 0 or 3 && TryReport(output) is { } report)
            return new RemoteProbeResult(target, report, null);
        if (exitCode == 127)
            return new RemoteProbeResult(target, null, "the probe is not installed on the client host: run 'scripts/publish.sh probe linux-arm64', then 'interlink deploy' again");
        var detail = (error.Length > 0 ? error : output).Trim().Split('\n').LastOrDefault() ?? "";
        return new RemoteProbeResult(target, null, $"Run Command ended '{status}' (exit {exitCode.ToString(CultureInfo.InvariantCulture)}){(detail.Length == 0 ? "" : ": " + detail)}");
    }

    private static ProbeReport? TryReport(string output)
    {
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
            return null;
        try
        {
            return ProbeJson.Deserialize(output[start..]);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>The exact Systems Manager requests Interlink sends (built here so tests can check them without AWS).</summary>
public static class SsmRequests
{
    /// <summary>The installed probe's path on client hosts.</summary>
    public const string ProbePath = "/opt/interlink-probe/Interlink.Probe";

    /// <summary>Runs the probe with a new connection per request (so the NLB spreads them over its targets).</summary>
    public static SendCommandRequest RunProbe(string instanceId, Uri url, int requests, int concurrency) => new()
    {
        DocumentName = "AWS-RunShellScript",
        InstanceIds = [instanceId],
        Comment = "interlink probe",
        TimeoutSeconds = 600,
        Parameters = new Dictionary<string, List<string>>
        {
            ["commands"] = [$"{ProbePath} '{url}' -n {requests.ToString(CultureInfo.InvariantCulture)} -c {concurrency.ToString(CultureInfo.InvariantCulture)} --new-connections --format json"],
            ["executionTimeout"] = ["300"],
        },
    };

    /// <summary>Asks for one invocation's status and output.</summary>
    public static GetCommandInvocationRequest Invocation(string commandId, string instanceId) => new() { CommandId = commandId, InstanceId = instanceId };
}

/// <summary><see cref="IRunCommandApi"/> over the AWS SDK for .NET (made by <see cref="AwsSdkClients"/>, which disposes the client).</summary>
/// <param name="ssm">A Systems Manager client for the target's Region and credentials.</param>
public sealed class SsmRunCommandApi(IAmazonSimpleSystemsManagement ssm) : IRunCommandApi
{
    private readonly IAmazonSimpleSystemsManagement _ssm = ssm;

    /// <inheritdoc />
    public async Task<string> SendAsync(SendCommandRequest request, CancellationToken cancellationToken) =>
        (await _ssm.SendCommandAsync(request, cancellationToken)).Command.CommandId;

    /// <inheritdoc />
    public async Task<(string Status, int ExitCode, string Output, string Error)> GetAsync(GetCommandInvocationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _ssm.GetCommandInvocationAsync(request, cancellationToken);
            return (response.Status?.Value ?? "", response.ResponseCode ?? -1, response.StandardOutputContent ?? "", response.StandardErrorContent ?? "");
        }
        catch (InvocationDoesNotExistException)
        {
            // Right after SendCommand the invocation may not be visible yet.
            return ("Pending", -1, "", "");
        }
    }
}
