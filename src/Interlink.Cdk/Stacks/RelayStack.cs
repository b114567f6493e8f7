using Interlink.Cdk.Constructs;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// Phase 2, relay account in a consumer Region: the relay VPC, the peering to the provider with routes back
/// to it, the internal NLB whose IP targets are the provider hosts, and the endpoint service for exactly the
/// consumer accounts of this Region, with the operator role deploy assumes to accept its connections.
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
        // The accepter role's ARN comes from the provider stack's output (CloudFormation names the role).
        var accepterRoleArn = CrossAccount(topology, relay)
            ? Parameter(Outputs.AccepterRoleArn(region), "Peering-accepter role in the provider account (from the provider stack)", RoleArnPattern)
            : null;
        var peering = new PeeringRequest(this, "Peering", new PeeringRequestProps
        {
            Name = $"{name}-{NameScheme.ShortRegion(region)}-to-{NameScheme.ShortRegion(topology.Provider.Region)}",
            Network = network,
            PeerVpcId = providerVpcId,
            PeerRegion = topology.Provider.Region,
            PeerCidr = topology.Provider.Vpc.Cidr.ToString(),
            PeerOwnerId = topology.Provider.Account,
            PeerRoleArn = accepterRoleArn,
        });

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

        // Deploy accepts the consumers' endpoint connections and, with peeringDns, sets the requester side's DNS option
        // (CloudFormation cannot) through this role.
        var operatorRole = new OperatorRole(this, "Operator", new OperatorRoleProps
        {
            TrustedAccount = topology.DeployerAccount,
            EndpointServiceIds = [service.ServiceId],
            PeeringConnectionIds = relay.PeeringDns ? [peering.PeeringConnectionId] : [],
        });

        Output(Outputs.PeeringConnectionId, peering.PeeringConnectionId, "Peering to the provider (feeds provider-routes)");
        Output(Outputs.EndpointServiceName, service.ServiceName, "Endpoint service name (feeds the consumer stacks)");
        Output(Outputs.EndpointServiceId, service.ServiceId, "Endpoint service ID");
        Output(Outputs.ServedAzIds, string.Join(",", network.Layout.Azs), "AZs the NLB serves");
        Output(Outputs.OperatorRoleArn, operatorRole.RoleArn, "Role interlink deploy assumes to accept endpoint connections (and set peering DNS options)");
    }

    /// <summary>
    /// What a role ARN parameter accepts: an IAM role in any partition (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>…).
    /// Role names and paths: letters, digits and <c>+=,.@_-</c> ("IAM identifiers", IAM User Guide,
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
    /// </summary>
    public const string RoleArnPattern = @"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";

    /// <summary>True when the relay's account is known to differ from the provider's: the peering then needs the accepter role.</summary>
    public static bool CrossAccount(Topology topology, RelaySite relay) => WiringPlanner.NeedsAccepterRole(topology, relay);
}
