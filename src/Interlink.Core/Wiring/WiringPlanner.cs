using Interlink.Core.Model;
using Interlink.Core.Normalization;

namespace Interlink.Core.Wiring;

/// <summary>
/// Decides the stacks of a topology, their phases and their wiring. Relay mode: (1) provider;
/// (2) one relay per Region, each peering with the provider; (3) provider-side routes and the consumers,
/// side by side. Native mode: (1) provider with the NLB and endpoint service; (2) the consumers.
/// </summary>
public static class WiringPlanner
{
    /// <summary>The manifest for <paramref name="topology"/>; template names follow the CDK's <c>STACK.template.json</c>.</summary>
    public static WiringManifest Plan(Topology topology)
    {
        var stacks = new Dictionary<string, WiringStack>(StringComparer.Ordinal);
        var name = topology.Name;
        var provider = NameScheme.ProviderStack(name);
        var native = topology.Mode == DeployMode.Native;

        // Relays in another account peer through a role in the provider account, whose ARN (CloudFormation names the
        // role) the provider stack outputs and the relay stack takes as a parameter.
        var accepterRoles = native ? [] : topology.Relays.Where(r => NeedsAccepterRole(topology, r)).Select(r => Outputs.AccepterRoleArn(r.Network.Region)).ToList();
        stacks[provider] = Stack(StackRoles.Provider, topology.Provider, 1, [],
            native
                ? [Outputs.VpcId, Outputs.PrivateRouteTableIds, Outputs.EndpointServiceName, Outputs.EndpointServiceId, Outputs.ServedAzIds, Outputs.OperatorRoleArn]
                : [Outputs.VpcId, Outputs.PrivateRouteTableIds, .. accepterRoles]);

        if (!native)
        {
            foreach (var relay in topology.Relays)
            {
                var region = relay.Network.Region;
                List<(string, WiringSource)> parameters = [(Outputs.ProviderVpcId, new WiringSource(provider, Outputs.VpcId))];
                if (NeedsAccepterRole(topology, relay))
                    parameters.Add((Outputs.AccepterRoleArn(region), new WiringSource(provider, Outputs.AccepterRoleArn(region))));
                stacks[NameScheme.RelayStack(name, region)] = Stack(StackRoles.Relay, relay.Network, 2, parameters,
                    [Outputs.PeeringConnectionId, Outputs.EndpointServiceName, Outputs.EndpointServiceId, Outputs.ServedAzIds, Outputs.OperatorRoleArn]);
            }

            var routes = topology.Relays
                .Select(r => (Outputs.PeeringParameter(r.Network.Region), new WiringSource(NameScheme.RelayStack(name, r.Network.Region), Outputs.PeeringConnectionId)))
                .Prepend((Outputs.PrivateRouteTableIds, new WiringSource(provider, Outputs.PrivateRouteTableIds)))
                .ToList();
            // The accepter side's peering DNS options are set by deploy through provider-routes' operator role.
            stacks[NameScheme.ProviderRoutesStack(name)] = Stack(StackRoles.ProviderRoutes, topology.Provider, 3, routes,
                topology.Relays.Any(r => r.PeeringDns) ? [Outputs.OperatorRoleArn] : []);
        }

        foreach (var consumer in topology.Consumers)
        {
            var source = native ? provider : NameScheme.RelayStack(name, consumer.Network.Region);
            stacks[NameScheme.ConsumerStack(name, consumer.Name)] = Stack(StackRoles.Consumer, consumer.Network, native ? 2 : 3,
                [(Outputs.EndpointServiceName, new WiringSource(source, Outputs.EndpointServiceName))],
                consumer.Client ? [Outputs.EndpointId, Outputs.EndpointDnsNames, Outputs.ClientInstanceId] : [Outputs.EndpointId, Outputs.EndpointDnsNames]);
        }

        // The CDK writes each stack's template as STACK.template.json at the assembly root.
        foreach (var (stackName, stack) in stacks.ToList())
            stacks[stackName] = stack with { Template = $"{stackName}.template.json" };

        var phases = stacks.GroupBy(s => s.Value.Phase)
            .OrderBy(g => g.Key)
            .Select(g => new WiringPhase(g.Key, g.Select(s => s.Key).ToList()))
            .ToList();
        var existing = new[] { topology.Provider }
            .Concat(topology.Relays.Select(r => r.Network))
            .Concat(topology.Consumers.Select(c => c.Network))
            .Where(n => n.Vpc.IsExisting)
            .Select(n => new ExistingVpc(n.Vpc.ExistingId!, n.Account, n.Region, n.Vpc.Cidr.ToString(),
                n.Vpc.PrivateSubnets.Select(s => new ExistingVpcSubnet(s.ExistingId!, s.Az, s.Cidr.ToString(), s.ExistingRouteTableId!)).ToList(),
                n.Vpc.HostSecurityGroupId))
            .ToList();
        return new WiringManifest(WiringManifest.CurrentVersion, name, topology.Mode.ToString().ToLowerInvariant(), phases, stacks,
            existing.Count == 0 ? null : existing);

        WiringStack Stack(string role, NetworkSite site, int phase, IEnumerable<(string, WiringSource)> parameters, IReadOnlyList<string> outputs) =>
            new(role, site.Account, site.Region, phase, Template: "", parameters.ToDictionary(p => p.Item1, p => p.Item2), outputs);
    }

    /// <summary>
    /// True when <paramref name="relay"/>'s account is known to differ from the provider's: its peering is then accepted
    /// through a peering-accepter role in the provider account (<c>PeerOwnerId</c> + <c>PeerRoleArn</c>). Within one
    /// account AWS accepts the request without a role.
    /// </summary>
    public static bool NeedsAccepterRole(Topology topology, RelaySite relay) =>
        topology.Mode == DeployMode.Relay && relay.Network.Account is { } account && topology.Provider.Account is { } provider && account != provider;
}
