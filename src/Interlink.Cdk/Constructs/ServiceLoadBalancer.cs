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

    /// <summary>Port consumers connect to (the TCP listener's).</summary>
    public required int Port { get; init; }

    /// <summary>Port the targets listen on.</summary>
    public required int TargetPort { get; init; }

    /// <summary>Target IPs, each with the CIDR of its subnet (the NLB's security group allows egress to those subnets).</summary>
    public required IReadOnlyList<TargetAddress> Targets { get; init; }

    /// <summary>Targets are outside the NLB's VPC (across a peering) and registered with AvailabilityZone <c>all</c>. Default: true.</summary>
    public bool TargetsOutsideVpc { get; init; } = true;

    /// <summary>CIDRs allowed to reach the listener (consumer VPCs; PrivateLink traffic is checked against them).</summary>
    public required IReadOnlyList<string> ClientCidrs { get; init; }

    /// <summary>Health-check protocol: <c>TCP</c>, <c>HTTP</c> or <c>HTTPS</c>. Default: <c>TCP</c>, a connection to the port.</summary>
    public string HealthCheckProtocol { get; init; } = "TCP";

    /// <summary>Health-check path for HTTP(S). Default: null, required with HTTP(S) and ignored with TCP.</summary>
    public string? HealthCheckPath { get; init; }

    /// <summary>Health-check port. Default: null, the traffic port.</summary>
    public int? HealthCheckPort { get; init; }

    /// <summary>Seconds between health checks, 5–300. Default: 10.</summary>
    public int HealthCheckIntervalSeconds { get; init; } = 10;

    /// <summary>Consecutive successes before a target is healthy, 2–10. Default: 3.</summary>
    public int HealthyThresholdCount { get; init; } = 3;

    /// <summary>Consecutive failures before a target is unhealthy, 2–10. Default: 3.</summary>
    public int UnhealthyThresholdCount { get; init; } = 3;

    /// <summary>Send the proxy protocol v2 header to targets. Default: false.</summary>
    public bool ProxyProtocolV2 { get; init; }
}

/// <summary>
/// An internal NLB across the network's private subnets with cross-zone load balancing, security groups attached at
/// creation and enforced on PrivateLink traffic, a TCP listener, and a target group of IPs without client IP
/// preservation (its targets sit across a peering). Resources: <see cref="LoadBalancerBlueprint"/>.
/// </summary>
public sealed class ServiceLoadBalancer : ModelConstruct
{
    /// <summary>Creates the NLB, its security groups, listener and target group.</summary>
    public ServiceLoadBalancer(Construct scope, string id, ServiceLoadBalancerProps props) : base(scope, id)
    {
        Validate(props);
        var refs = LoadBalancerBlueprint.Build(Model, new LoadBalancerSpec(props.DisplayName, props.Network.Refs,
            new ListenerSpec(props.Port, props.TargetPort, props.ProxyProtocolV2),
            new HealthCheckSettings(props.HealthCheckProtocol, props.HealthCheckPath, props.HealthCheckPort, props.HealthCheckIntervalSeconds,
                props.HealthyThresholdCount, props.UnhealthyThresholdCount),
            props.Targets, props.TargetsOutsideVpc, props.ClientCidrs));
        EmitModel();
        LoadBalancerArn = Text(Cfn.Ref(refs.LoadBalancer));
    }

    /// <summary>The NLB's ARN.</summary>
    public string LoadBalancerArn { get; }

    // Ranges: AWS::ElasticLoadBalancingV2::TargetGroup (CloudFormation Template Reference) and "Health checks for
    // Network Load Balancer target groups" (Elastic Load Balancing, https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html):
    // interval 5–300 seconds, healthy and unhealthy thresholds 2–10.
    private static void Validate(ServiceLoadBalancerProps props)
    {
        Ports.Check(props.Port, nameof(props.Port));
        Ports.Check(props.TargetPort, nameof(props.TargetPort));
        if (props.HealthCheckPort is { } port)
            Ports.Check(port, nameof(props.HealthCheckPort));
        if (props.HealthCheckProtocol is not ("TCP" or "HTTP" or "HTTPS"))
            throw new ArgumentException($"HealthCheckProtocol '{props.HealthCheckProtocol}' is not TCP, HTTP or HTTPS", nameof(props));
        if (props.HealthCheckProtocol != "TCP" && string.IsNullOrEmpty(props.HealthCheckPath))
            throw new ArgumentException($"an {props.HealthCheckProtocol} health check needs a HealthCheckPath", nameof(props));
        if (props.HealthCheckIntervalSeconds is < 5 or > 300)
            throw new ArgumentException($"HealthCheckIntervalSeconds {props.HealthCheckIntervalSeconds} is outside 5-300", nameof(props));
        if (props.HealthyThresholdCount is < 2 or > 10 || props.UnhealthyThresholdCount is < 2 or > 10)
            throw new ArgumentException("HealthyThresholdCount and UnhealthyThresholdCount must be 2-10", nameof(props));
        if (props.Targets.Count == 0)
            throw new ArgumentException("a load balancer needs at least one target", nameof(props));
    }
}
