using Interlink.Core.Wiring;
using Interlink.Deploy.Aws;

namespace Interlink.Deploy;

/// <summary>
/// What deploy, destroy, status and probe act on outside CloudFormation, and as whom: read from the wiring
/// manifest (accounts, Regions, who consumes which service), the deploy state (IDs and operator role ARNs from
/// the stacks' outputs) and the <c>--profile</c> map. One place, so the four commands share one credential model.
/// </summary>
public static class OperatorTargets
{
    /// <summary>Whose credentials act on stack <paramref name="name"/>'s resources: its account, Region, profile and operator role.</summary>
    public static OperatorTarget For(WiringManifest wiring, DeployState state, ProfileMap profiles, string name)
    {
        var stack = wiring.Stacks[name];
        return new OperatorTarget(name, stack.Region, stack.Account, profiles.For(name, stack.Account, stack.Role),
            state.Get(name)?.Outputs.GetValueOrDefault(Outputs.OperatorRoleArn));
    }

    /// <summary>
    /// The deployed endpoint services of the design, each with the consumer accounts allowed on it and the deployed
    /// consumer endpoints that must end up connected to it.
    /// </summary>
    public static IEnumerable<EndpointServiceRef> EndpointServices(WiringManifest wiring, DeployState state, ProfileMap profiles)
    {
        foreach (var (name, stack) in wiring.Stacks)
        {
            if (!stack.Outputs.Contains(Outputs.EndpointServiceId) || state.Get(name)?.Outputs.GetValueOrDefault(Outputs.EndpointServiceId) is not { } serviceId)
                continue;
            var consumers = wiring.Stacks
                .Where(s => s.Value.Parameters.TryGetValue(Outputs.EndpointServiceName, out var source) && source.Stack == name)
                .ToList();
            var expected = consumers
                .Select(c => (c.Key, Endpoint: state.Get(c.Key) is { Status: StackStatus.Deployed } d ? d.Outputs.GetValueOrDefault(Outputs.EndpointId) : null))
                .Where(c => c.Endpoint is not null)
                .Select(c => new ExpectedEndpoint(c.Key, c.Endpoint!))
                .ToList();
            yield return new EndpointServiceRef(name, serviceId, For(wiring, state, profiles, name), consumers.Select(c => c.Value.Account).Distinct().ToList(), expected);
        }
    }
}
