using Interlink.Core.Wiring;

namespace Interlink.Deploy;

/// <summary>What to deploy or destroy, and how.</summary>
/// <param name="AssemblyDirectory">The cloud assembly (from <c>interlink synth</c>).</param>
/// <param name="Wiring">Its wiring manifest.</param>
/// <param name="StatePath">The state file.</param>
/// <param name="Profiles">Credentials per stack.</param>
/// <param name="Inputs">Values of template parameters no stack output feeds (e.g. ServiceBundleBucket).</param>
/// <param name="AcceptanceRequired">Whether endpoint connections must be accepted after the consumers are deployed.</param>
/// <param name="DryRun">Print every command and parameter; run nothing.</param>
/// <param name="MaxParallel">Stacks of one phase run at most this many at a time. Default 4.</param>
/// <param name="AcceptInterval">
/// While consumer stacks deploy, pending connections are accepted this often, in case CloudFormation waits for
/// the endpoint to become available. Default 20 s.
/// </param>
/// <param name="PeeringDns">Relay stacks whose peering gets DNS resolution switched on (config <c>peeringDns: true</c>).</param>
public sealed record DeployRequest(
    string AssemblyDirectory,
    WiringManifest Wiring,
    string StatePath,
    ProfileMap Profiles,
    IReadOnlyDictionary<string, string> Inputs,
    bool AcceptanceRequired = true,
    bool DryRun = false,
    int MaxParallel = 4,
    TimeSpan? AcceptInterval = null,
    IReadOnlyCollection<string>? PeeringDns = null)
{
    /// <summary>Relay stacks with peering DNS on (empty when none).</summary>
    public IReadOnlyCollection<string> PeeringDnsRelays => PeeringDns ?? [];
}

/// <summary>How a deploy or destroy ended.</summary>
/// <param name="Succeeded">True when every stack is done.</param>
/// <param name="Ran">Stacks the CLI ran for.</param>
/// <param name="Skipped">Stacks left alone (already done).</param>
/// <param name="Failed">Stacks that failed, or whose step outside CloudFormation failed.</param>
/// <param name="Problems">
/// One line per failed step outside CloudFormation (role assumption, identity check, endpoint acceptance,
/// peering DNS options), naming the stack, the AWS error code or state, and what to do.
/// </param>
public sealed record DeployOutcome(bool Succeeded, IReadOnlyList<string> Ran, IReadOnlyList<string> Skipped, IReadOnlyList<string> Failed, IReadOnlyList<string>? Problems = null);
