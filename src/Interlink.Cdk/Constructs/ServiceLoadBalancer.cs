using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ServiceLoadBalancer"/>.</summary>
public sealed class ServiceLoadBalancerProps
{
    /// <summary>Name tag of the NLB (and, with a <c>-tg</c> suffix, of its target group); CloudFormation names the resources.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The network whose private subnets hold the NLB.</summary>
    public required Network Network { get; init; }

    /// <summary>Listener port, health check, proxy protocol.</summary>
    public required ServiceSpec Service { get; init; }

    /// <summary>Target IPs.</summary>
    public required IReadOnlyList<TargetIp> Targets { get; init; }

    /// <summary>Targets are outside the NLB's VPC (across a peering) and registered with AvailabilityZone <c>all</c>. Default: true.</summary>
    public bool TargetsOutsideVpc { get; init; } = true;

    /// <summary>CIDRs allowed to reach the listener (consumer VPCs; PrivateLink traffic is checked against them).</summary>
    public required IReadOnlyList<string> ClientCidrs { get; init; }

    /// <summary>Check the NLB security group against PrivateLink traffic. Default: true.</summary>
    public bool EnforceOnPrivateLink { get; init; } = true;

    /// <summary>Keep the client's source IP. Default: false (required for targets across a peering in another Region).</summary>
    public bool PreserveClientIp { get; init; }
}

/// <summary>
/// An internal NLB across the network's private subnets with cross-zone load balancing, security groups attached at
/// creation, a TCP listener, and a target group of IPs. Resources: <see cref="LoadBalancerBlueprint"/>.
/// </summary>
public sealed class ServiceLoadBalancer : ModelConstruct
{
    /// <summary>Creates the NLB, its security groups, listener and target group.</summary>
    public ServiceLoadBalancer(Construct scope, string id, ServiceLoadBalancerProps props) : base(scope, id)
    {
        var refs = LoadBalancerBlueprint.Build(Model, new LoadBalancerSpec(props.DisplayName, props.Network.Refs, props.Service, props.Targets,
            props.TargetsOutsideVpc, props.ClientCidrs, props.EnforceOnPrivateLink, props.PreserveClientIp));
        EmitModel();
        LoadBalancerArn = Text(Cfn.Ref(refs.LoadBalancer));
    }

    /// <summary>The NLB's ARN.</summary>
    public string LoadBalancerArn { get; }
}
