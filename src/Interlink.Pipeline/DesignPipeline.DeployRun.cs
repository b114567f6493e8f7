using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Deploy;
using Interlink.Deploy.Aws;

namespace Interlink.Pipeline;

/// <summary>The steps of a deploy or destroy run that hold no rendering: lock, deploy-time inputs, request, orchestrator.</summary>
public static partial class DesignPipeline
{
    /// <summary>
    /// One deploy or destroy of a design at a time: the lock beside the design's state, taken before anything is written
    /// (the pin, the state, the record) and held until the last stack. A dry run writes none of them and takes no lock
    /// (null). Throws <see cref="DeployLockedException"/> when another run holds it.
    /// </summary>
    public static DeployLock? LockDeploy(string configFile, string design, string verb, bool dryRun) =>
        dryRun ? null : DeployLock.Acquire(StatePath(configFile, design), verb);

    /// <summary>
    /// <paramref name="inputs"/> with the values deploy resolves itself: the service hosts' image, read once and pinned
    /// (no update may replace a fixed-IP host by itself: <see cref="ServiceHostImagePin"/>), and the AZ names of an
    /// existing VPC's subnets given by AZ ID, which only the subnet's account knows (<see cref="SubnetZoneNames"/>).
    /// A destroy needs neither.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> DeployInputsAsync(
        string assemblyDirectory, WiringManifest wiring, string statePath, ProfileMap profiles, IReadOnlyDictionary<string, string> inputs,
        IImageParameterSource images, ISubnetZoneSource zones, bool dryRun, bool destroy, CancellationToken cancellationToken)
    {
        if (destroy)
            return inputs;
        var pinned = await ServiceHostImagePin.ApplyAsync(assemblyDirectory, wiring, statePath, profiles, inputs, images, dryRun, cancellationToken);
        return await SubnetZoneNames.ApplyAsync(assemblyDirectory, wiring, profiles, pinned, zones, dryRun, cancellationToken);
    }

    /// <summary>The deploy request of <paramref name="topology"/>'s assembly in <paramref name="assemblyDirectory"/>.</summary>
    public static DeployRequest DeployRequest(Topology topology, string assemblyDirectory, WiringManifest wiring, string statePath, ProfileMap profiles,
        IReadOnlyDictionary<string, string> inputs, bool dryRun, TimeSpan? acceptInterval, bool lockHeld) => new(
        Path.GetFullPath(assemblyDirectory),
        wiring,
        statePath,
        profiles,
        inputs,
        AcceptanceRequired: topology.Service.AcceptanceRequired,
        DryRun: dryRun,
        AcceptInterval: acceptInterval,
        PeeringDns: topology.Relays.Where(r => r.PeeringDns).Select(r => NameScheme.RelayStack(topology.Name, r.Network.Region)).ToList(),
        LockHeld: lockHeld);

    /// <summary>
    /// The orchestrator of a run: the CDK CLI for CloudFormation, and for what runs outside it (endpoint acceptance,
    /// peering DNS options) one credential model, <see cref="OperatorCredentials"/>, polling every
    /// <paramref name="pollInterval"/> for at most <paramref name="waitTimeout"/>.
    /// </summary>
    public static DeployOrchestrator Orchestrator(ICdkRunner cdk, IAwsClients aws, string design, TimeSpan pollInterval, TimeSpan waitTimeout, IDeployObserver observer)
    {
        var credentials = new OperatorCredentials(aws, design);
        return new DeployOrchestrator(
            cdk,
            new EndpointConnectionManager(aws, credentials, pollInterval, waitTimeout),
            new PeeringDnsOptions(aws, credentials, pollInterval, waitTimeout),
            observer);
    }
}
