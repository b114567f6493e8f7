using Interlink.Core.Wiring;
using Interlink.Deploy.Aws;

namespace Interlink.Deploy;

// What deploy does itself, with the operator role of each side, where CloudFormation cannot: the peering DNS
// options after a phase, and the endpoint connections accepted while consumers deploy and settled at the end.
public sealed partial class DeployOrchestrator
{
    private async Task<(string, string)?> SetPeeringDnsAsync(PeeringDnsSide side, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await peeringDns.EnsureAsync(side, cancellationToken);
            observer.StepDone(side.Operator.Stack, $"{side.Side.ToString().ToLowerInvariant()} DNS resolution of peering {side.PeeringConnectionId} {(changed ? "switched on" : "already on")}");
            return null;
        }
        catch (DeployStepException e)
        {
            return (e.Stack, e.Message);
        }
    }

    /// <summary>The final pass over one service: accept, wait until available, and say plainly what is not.</summary>
    private async Task<(string, string)?> SettleAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        try
        {
            var settlement = await connections.SettleAsync(service, cancellationToken);
            observer.Connections(service.Stack, "accepted", settlement.Accepted);
            if (settlement.Unsettled.Count == 0)
                return null;
            return (service.Stack,
                $"{service.Stack}: endpoint service {service.ServiceId} ({service.Region}) still has connections that are not available when deploy ends: " +
                $"{string.Join("; ", settlement.Unsettled)}; check them with 'interlink status --live', accept them in the VPC console or run 'interlink deploy' again");
        }
        catch (DeployStepException e)
        {
            return (e.Stack, e.Message);
        }
    }

    /// <summary>
    /// The peering DNS options to set after <paramref name="phase"/>: the requester side of each relay with
    /// peeringDns deployed in it (relay stack's account and Region), the accepter side of each such relay when the
    /// provider-routes stack (provider account and Region) is in it.
    /// </summary>
    private static IEnumerable<PeeringDnsSide> PeeringDnsSides(DeployRequest request, DeployState state, WiringPhase phase)
    {
        foreach (var name in phase.Stacks)
        {
            var stack = request.Wiring.Stacks[name];
            if (stack.Role == StackRoles.Relay && request.PeeringDnsRelays.Contains(name))
                yield return new PeeringDnsSide(PeeringOf(state, name), PeeringSide.Requester, OperatorTargets.For(request.Wiring, state, request.Profiles, name));
            if (stack.Role == StackRoles.ProviderRoutes)
            {
                foreach (var relay in request.PeeringDnsRelays.Order(StringComparer.Ordinal))
                    yield return new PeeringDnsSide(PeeringOf(state, relay), PeeringSide.Accepter, OperatorTargets.For(request.Wiring, state, request.Profiles, name));
            }
        }
    }

    private static string PeeringOf(DeployState state, string relay) =>
        state.Get(relay)?.Outputs.GetValueOrDefault(Outputs.PeeringConnectionId)
        ?? throw new DeployStepException(relay, $"recorded no {Outputs.PeeringConnectionId} output, so its peering DNS options cannot be set; re-run 'interlink deploy'");

    /// <summary>
    /// Accepts pending connections of the services whose consumers deploy in <paramref name="phase"/>, every
    /// <see cref="DeployRequest.AcceptInterval"/>, until the phase ends.
    /// </summary>
    private async Task AcceptWhileDeployingAsync(DeployRequest request, DeployState state, WiringPhase phase, CancellationToken phaseDone)
    {
        if (request.DryRun || !request.AcceptanceRequired)
            return;
        var consumersHere = phase.Stacks.ToHashSet(StringComparer.Ordinal);
        var services = OperatorTargets.EndpointServices(request.Wiring, state, request.Profiles)
            .Where(s => request.Wiring.Stacks.Any(c => consumersHere.Contains(c.Key)
                && c.Value.Parameters.TryGetValue(Outputs.EndpointServiceName, out var source) && source.Stack == s.Stack))
            .ToList();
        if (services.Count == 0)
            return;
        var interval = request.AcceptInterval ?? TimeSpan.FromSeconds(20);
        try
        {
            while (true)
            {
                await Task.Delay(interval, phaseDone);
                foreach (var service in services.ToList())
                {
                    try
                    {
                        var accepted = await connections.AcceptPendingAsync(service, phaseDone);
                        if (accepted.Count > 0)
                            observer.Connections(service.Stack, "accepted", accepted);
                    }
                    catch (DeployStepException)
                    {
                        // Not while stacks deploy: the final pass meets the same error and reports it with exit 4.
                        services.Remove(service);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (phaseDone.IsCancellationRequested)
        {
            // The phase is over; the final pass after the last phase accepts anything left.
        }
    }
}
