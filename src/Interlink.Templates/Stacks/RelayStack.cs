using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;

namespace Interlink.Templates.Stacks;

/// <summary>
/// Phase 2, relay account in a consumer Region: the relay VPC, the peering to the provider with routes back to it, the
/// internal NLB whose IP targets are the provider hosts, and the endpoint service for exactly the consumer accounts of
/// this Region, with the operator role deploy assumes to accept its connections.
/// </summary>
public static class RelayStack
{
    /// <summary>
    /// What a role ARN parameter accepts: an IAM role in any partition (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>…).
    /// Role names and paths: letters, digits and <c>+=,.@_-</c> ("IAM identifiers", IAM User Guide,
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
    /// </summary>
    public const string RoleArnPattern = @"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";

    /// <summary>The stack for <paramref name="relay"/>.</summary>
    public static StackModel Build(string id, Topology topology, RelaySite relay, MonitoringPlan monitoring)
    {
        var region = relay.Network.Region;
        var stack = DesignStack.Create(id, topology, relay.Network, $"Interlink {topology.Name}: relay in {region}");
        var name = topology.Name;
        var network = NetworkBlueprint.Build(stack.Scope("Network"), TopologySpecs.Network($"{name}-relay", relay.Network.Vpc));
        var providerVpcId = DesignStack.Parameter(stack, Outputs.ProviderVpcId, "Provider VPC ID (from the provider stack's VpcId output)", AllowedPatterns.Ec2Id("vpc"));
        // The accepter role's ARN comes from the provider stack's output (CloudFormation names the role).
        var accepterRoleArn = WiringPlanner.NeedsAccepterRole(topology, relay)
            ? DesignStack.Parameter(stack, Outputs.AccepterRoleArn(region), "Peering-accepter role in the provider account (from the provider stack)", RoleArnPattern)
            : null;
        var peering = PeeringBlueprint.Request(stack.Scope("Peering"), new PeeringRequestSpec(
            $"{name}-{NameScheme.ShortRegion(region)}-to-{NameScheme.ShortRegion(topology.Provider.Region)}", network, providerVpcId,
            topology.Provider.Region, topology.Provider.Vpc.Cidr.ToString(), topology.Provider.Account, accepterRoleArn));

        var consumers = topology.ConsumersIn(region).ToList();
        var nlb = LoadBalancerBlueprint.Build(stack.Scope("LoadBalancer"), new LoadBalancerSpec(
            NameScheme.LoadBalancer(name, region), network, TopologySpecs.Listener(topology.Service), TopologySpecs.HealthCheck(topology.Service),
            TopologySpecs.Targets(topology.Targets), TargetsOutsideVpc: true,
            consumers.Select(c => c.Network.Vpc.Cidr.ToString()).Distinct().ToList()));
        var service = EndpointServiceBlueprint.Build(stack.Scope("EndpointService"), Cfn.Ref(nlb.LoadBalancer),
            consumers.Select(c => c.Network.Account).ToList(), topology.Service.AcceptanceRequired, []);

        // Deploy accepts the consumers' endpoint connections and, with peeringDns, sets the requester side's DNS option
        // (CloudFormation cannot) through this role.
        var operatorRole = OperatorRoleBlueprint.Build(stack.Scope("Operator"), topology.DeployerAccount, [service.ServiceId],
            relay.PeeringDns ? [Cfn.Ref(peering)] : []);

        _ = stack.Output(Outputs.PeeringConnectionId, Cfn.Ref(peering), "Peering to the provider (feeds provider-routes)");
        _ = stack.Output(Outputs.EndpointServiceName, service.ServiceName, "Endpoint service name (feeds the consumer stacks)");
        _ = stack.Output(Outputs.EndpointServiceId, service.ServiceId, "Endpoint service ID");
        _ = stack.Output(Outputs.ServedAzIds, string.Join(",", network.Spec.Zones), "AZs the NLB serves");
        _ = stack.Output(Outputs.OperatorRoleArn, Cfn.GetAtt(operatorRole, "Arn"), "Role interlink deploy assumes to accept endpoint connections (and set peering DNS options)");
        MonitoringBlueprint.Build(stack, monitoring, new MonitoredLinks(nlb.LoadBalancer, nlb.TargetGroup, service.Service, network));
        return stack;
    }
}
