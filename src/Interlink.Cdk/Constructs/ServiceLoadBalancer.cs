using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Quotas;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ServiceLoadBalancer"/>.</summary>
public sealed class ServiceLoadBalancerProps
{
    /// <summary>
    /// Name tag of the NLB (and, with a <c>-tg</c> suffix, of its target group). Only a tag: CloudFormation names
    /// the resources itself, because a resource with a custom physical name cannot be replaced ("You can't perform
    /// an update that causes a custom-named resource to be replaced", CloudFormation Template Reference, "Name type"
    /// / resource custom naming, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html),
    /// and changing e.g. the target group's port replaces it.
    /// </summary>
    public required string DisplayName { get; init; }

    /// <summary>The network whose private subnets hold the NLB.</summary>
    public required Network Network { get; init; }

    /// <summary>Listener port, health check, proxy protocol.</summary>
    public required ServiceSpec Service { get; init; }

    /// <summary>Target IPs.</summary>
    public required IReadOnlyList<TargetIp> Targets { get; init; }

    /// <summary>
    /// True when targets are outside the NLB's VPC (relay mode, across a peering): they are registered with
    /// AvailabilityZone <c>all</c>. Default: true.
    /// </summary>
    public bool TargetsOutsideVpc { get; init; } = true;

    /// <summary>CIDRs allowed to reach the listener (consumer VPCs; PrivateLink traffic is checked against them).</summary>
    public required IReadOnlyList<string> ClientCidrs { get; init; }

    /// <summary>
    /// Check the NLB security group against PrivateLink traffic. Default: true. Turn off only when a consumer's
    /// CIDR is unknown; then any allowed endpoint can send traffic.
    /// </summary>
    public bool EnforceOnPrivateLink { get; init; } = true;

    /// <summary>Keep the client's source IP. Default: false (required for targets across a peering in another Region).</summary>
    public bool PreserveClientIp { get; init; }
}

/// <summary>
/// An internal NLB across the network's private subnets with cross-zone load balancing, a security group
/// attached at creation (it cannot be added later), a TCP listener, and a target group of IPs.
/// </summary>
public sealed class ServiceLoadBalancer : Construct
{
    /// <summary>Creates the NLB, its security group, listener and target group.</summary>
    public ServiceLoadBalancer(Construct scope, string id, ServiceLoadBalancerProps props) : base(scope, id)
    {
        var service = props.Service;
        var check = service.HealthCheck;
        var healthPort = check.Port ?? service.TargetPort;
        var targetCidrs = props.Targets.Select(t => t.Subnet.Cidr.ToString()).Distinct().ToList();
        var targetRules = targetCidrs
            .SelectMany(c => new[] { service.TargetPort, healthPort }.Distinct().Select(p => new TcpRule(c, p, p == service.TargetPort ? "to service targets" : "health checks to targets")))
            .ToList();
        // Path MTU discovery toward the targets (a hop or a target with a smaller MTU reports ICMP 3/4). Nothing of
        // the kind comes from consumers: interface endpoints never generate it and clamp the TCP MSS instead
        // (AWS PrivateLink quotas page, https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html).
        var fragmentationNeeded = targetCidrs.Select(c => new FragmentationNeededRule(c, "path MTU discovery: fragmentation needed, from a target subnet")).ToList();
        var consumerRules = props.ClientCidrs.Distinct().Select(c => new TcpRule(c, service.Port, "consumer traffic through PrivateLink"));
        // Consumer rules spread over as many groups as the default rules-per-group quota needs (NlbIngressGroups); the
        // first group, whose logical ID is the one a single group always had, also holds the egress to the targets
        // and the ICMP from them.
        var groups = NlbIngressGroups.Split(consumerRules, fragmentationNeeded.Count)
            .Select((rules, i) => SecurityGroups.Create(this, i == 0 ? "SecurityGroup" : $"SecurityGroup{i + 1}", props.Network.VpcId,
                $"{props.DisplayName}: service port from consumer VPCs{(i == 0 ? "" : $" (part {i + 1})")}", rules, i == 0 ? targetRules : [], i == 0 ? fragmentationNeeded : []))
            .ToList();

        var nlb = new CfnLoadBalancer(this, "LoadBalancer", new CfnLoadBalancerProps
        {
            Type = "network",
            Scheme = "internal",
            IpAddressType = "ipv4",
            Subnets = props.Network.PrivateSubnetIds.ToArray(),
            SecurityGroups = groups.Select(g => g.AttrGroupId).ToArray(),
            EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = props.EnforceOnPrivateLink ? "on" : "off",
            LoadBalancerAttributes = new object[]
            {
                new CfnLoadBalancer.LoadBalancerAttributeProperty { Key = "load_balancing.cross_zone.enabled", Value = "true" },
            },
            Tags = [Network.NameTag(props.DisplayName)],
        });

        var targetGroup = new CfnTargetGroup(this, "TargetGroup", new CfnTargetGroupProps
        {
            TargetType = "ip",
            Protocol = "TCP",
            Port = service.TargetPort,
            VpcId = props.Network.VpcId,
            Targets = props.Targets.Select(t => (object)new CfnTargetGroup.TargetDescriptionProperty
            {
                Id = t.Text,
                Port = service.TargetPort,
                // Targets outside the NLB's VPC must name an AZ; 'all' lets every NLB node reach them.
                AvailabilityZone = props.TargetsOutsideVpc ? "all" : null,
            }).ToArray(),
            HealthCheckEnabled = true,
            HealthCheckProtocol = check.Protocol.ToString().ToUpperInvariant(),
            HealthCheckPath = check.Protocol == HealthCheckProtocol.Tcp ? null : check.Path,
            HealthCheckPort = check.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "traffic-port",
            HealthCheckIntervalSeconds = check.IntervalSeconds,
            HealthyThresholdCount = check.HealthyThreshold,
            UnhealthyThresholdCount = check.UnhealthyThreshold,
            TargetGroupAttributes = new object[]
            {
                new CfnTargetGroup.TargetGroupAttributeProperty { Key = "preserve_client_ip.enabled", Value = props.PreserveClientIp ? "true" : "false" },
                new CfnTargetGroup.TargetGroupAttributeProperty { Key = "proxy_protocol_v2.enabled", Value = service.ProxyProtocolV2 ? "true" : "false" },
                new CfnTargetGroup.TargetGroupAttributeProperty { Key = "deregistration_delay.timeout_seconds", Value = "30" },
            },
            Tags = [Network.NameTag($"{props.DisplayName}-tg")],
        });

        _ = new CfnListener(this, "Listener", new CfnListenerProps
        {
            LoadBalancerArn = nlb.Ref,
            Port = service.Port,
            Protocol = "TCP",
            DefaultActions = new object[] { new CfnListener.ActionProperty { Type = "forward", TargetGroupArn = targetGroup.Ref } },
        });
        LoadBalancerArn = nlb.Ref;
    }

    /// <summary>The NLB's ARN.</summary>
    public string LoadBalancerArn { get; }
}
