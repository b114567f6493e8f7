using Interlink.Cdk.Constructs;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// Phase 2, relay account in a consumer Region: the relay VPC, the peering to the provider with routes back
/// to it, the internal NLB whose IP targets are the provider hosts, and the endpoint service for exactly the
/// consumer accounts of this Region.
/// </summary>
public sealed class RelayStack : InterlinkStack
{
    /// <summary>Builds the stack for <paramref name="relay"/>.</summary>
    public RelayStack(Construct scope, string id, Topology topology, RelaySite relay)
        : base(scope, id, topology, relay.Network, $"Interlink {topology.Name}: relay in {relay.Network.Region}")
    {
        var name = topology.Name;
        var region = relay.Network.Region;
        var network = new Network(this, "Network", new NetworkProps { Name = $"{name}-relay", Layout = relay.Network.Vpc });
        var providerVpcId = Parameter(Outputs.ProviderVpcId, "Provider VPC ID (from the provider stack's VpcId output)", AllowedPatterns.Ec2Id("vpc"));
        var crossAccount = CrossAccount(topology, relay);
        var peering = new PeeringRequest(this, "Peering", new PeeringRequestProps
        {
            Name = $"{name}-{NameScheme.ShortRegion(region)}-to-{NameScheme.ShortRegion(topology.Provider.Region)}",
            Network = network,
            PeerVpcId = providerVpcId,
            PeerRegion = topology.Provider.Region,
            PeerCidr = topology.Provider.Vpc.Cidr.ToString(),
            PeerOwnerId = topology.Provider.Account,
            PeerRoleArn = crossAccount ? PeeringAccepterRole.ArnOf(topology.Provider.Account!, Names.AccepterRole(name, region)) : null,
        });

        if (relay.PeeringDns)
            _ = new PeeringDnsResolution(this, "PeeringDns", new PeeringDnsResolutionProps { PeeringConnectionId = peering.PeeringConnectionId, Side = PeeringSide.Requester });

        var consumers = topology.ConsumersIn(region).ToList();
        var nlb = new ServiceLoadBalancer(this, "LoadBalancer", new ServiceLoadBalancerProps
        {
            DisplayName = NameScheme.LoadBalancer(name, region),
            Network = network,
            Service = topology.Service,
            Targets = topology.Targets.Ips,
            TargetsOutsideVpc = true,
            ClientCidrs = consumers.Select(c => c.Network.Vpc.Cidr.ToString()).Distinct().ToList(),
        });
        var service = new EndpointService(this, "EndpointService", new EndpointServiceProps
        {
            LoadBalancerArn = nlb.LoadBalancerArn,
            AllowedAccounts = consumers.Select(c => c.Network.Account).ToList(),
            AcceptanceRequired = topology.Service.AcceptanceRequired,
        });

        Output(Outputs.PeeringConnectionId, peering.PeeringConnectionId, "Peering to the provider (feeds provider-routes)");
        Output(Outputs.EndpointServiceName, service.ServiceName, "Endpoint service name (feeds the consumer stacks)");
        Output(Outputs.EndpointServiceId, service.ServiceId, "Endpoint service ID");
        Output(Outputs.ServedAzIds, string.Join(",", network.Layout.Azs), "AZs the NLB serves");
    }

    /// <summary>True when the relay's account is known to differ from the provider's: the peering then needs the accepter role.</summary>
    public static bool CrossAccount(Topology topology, RelaySite relay) =>
        relay.Network.Account is { } account && topology.Provider.Account is { } provider && account != provider;
}
