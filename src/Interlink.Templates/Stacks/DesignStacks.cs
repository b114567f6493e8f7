using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Templates.Model;

namespace Interlink.Templates.Stacks;

/// <summary>Every stack of a design, in the wiring manifest's order, complete (tags applied): what both emitters write.</summary>
public static class DesignStacks
{
    /// <summary>The stacks of <paramref name="topology"/> as <paramref name="wiring"/> names them.</summary>
    public static IReadOnlyList<StackModel> Build(Topology topology, WiringManifest wiring, HostBundles bundles)
    {
        var monitoring = MonitoringPlanner.Plan(topology);
        var stacks = wiring.Stacks.Select(s => s.Value.Role switch
        {
            StackRoles.Provider => ProviderStack.Build(s.Key, topology, monitoring, bundles.Service),
            StackRoles.Relay => RelayStack.Build(s.Key, topology, topology.Relays.Single(r => r.Network.Region == s.Value.Region), monitoring),
            StackRoles.ProviderRoutes => ProviderRoutesStack.Build(s.Key, topology, topology.TargetRouteTableSubnets().Count),
            StackRoles.Consumer => ConsumerStack.Build(s.Key, topology, topology.Consumers.Single(c => NameScheme.ConsumerStack(topology.Name, c.Name) == s.Key), monitoring, bundles.Probe),
            var role => throw new InvalidOperationException($"unknown stack role {role}"),
        }).ToList();
        foreach (var stack in stacks)
            stack.ApplyTags();
        return stacks;
    }
}
