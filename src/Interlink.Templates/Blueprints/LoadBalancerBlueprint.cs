using System.Globalization;
using Interlink.Core.Quotas;
using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>What <see cref="LoadBalancerBlueprint"/> builds.</summary>
/// <param name="DisplayName">
/// Name tag of the NLB (and, with a <c>-tg</c> suffix, of its target group). Only a tag: CloudFormation names the
/// resources itself, because a resource with a custom physical name cannot be replaced ("You can't perform an update
/// that causes a custom-named resource to be replaced", CloudFormation Template Reference, "Name type",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html), and changing e.g.
/// the target group's port replaces it.
/// </param>
/// <param name="Network">The network whose private subnets hold the NLB.</param>
/// <param name="Listener">Listener and target ports, proxy protocol.</param>
/// <param name="HealthCheck">How the target group checks its targets.</param>
/// <param name="Targets">Target IPs with the CIDR of the subnet each is in (the NLB's security group allows egress to those subnets).</param>
/// <param name="TargetsOutsideVpc">True when targets are outside the NLB's VPC (relay mode, across a peering): registered with AvailabilityZone <c>all</c>.</param>
/// <param name="ClientCidrs">CIDRs allowed to reach the listener (consumer VPCs; PrivateLink traffic is checked against them).</param>
public sealed record LoadBalancerSpec(string DisplayName, NetworkRefs Network, ListenerSpec Listener, HealthCheckSettings HealthCheck, IReadOnlyList<TargetAddress> Targets, bool TargetsOutsideVpc,
    IReadOnlyList<string> ClientCidrs);

/// <summary>The NLB's TCP listener.</summary>
/// <param name="Port">Port consumers connect to.</param>
/// <param name="TargetPort">Port the targets listen on.</param>
/// <param name="ProxyProtocolV2">Send the proxy protocol v2 header to targets.</param>
public sealed record ListenerSpec(int Port, int TargetPort, bool ProxyProtocolV2 = false);

/// <summary>A target group's health check.</summary>
/// <param name="Protocol">TCP, HTTP or HTTPS.</param>
/// <param name="Path">HTTP(S) path; null for TCP.</param>
/// <param name="Port">Port checked; null means the traffic port.</param>
/// <param name="IntervalSeconds">Seconds between checks.</param>
/// <param name="HealthyThreshold">Consecutive successes before a target is healthy.</param>
/// <param name="UnhealthyThreshold">Consecutive failures before a target is unhealthy.</param>
public sealed record HealthCheckSettings(string Protocol = "TCP", string? Path = null, int? Port = null, int IntervalSeconds = 10, int HealthyThreshold = 3, int UnhealthyThreshold = 3);

/// <summary>A target IP and the CIDR of its subnet.</summary>
/// <param name="Ip">The IPv4 address.</param>
/// <param name="SubnetCidr">The CIDR of the subnet holding it.</param>
public sealed record TargetAddress(string Ip, string SubnetCidr);

/// <summary>What the load balancer blueprint made.</summary>
/// <param name="LoadBalancer">The NLB.</param>
/// <param name="TargetGroup">Its target group.</param>
public sealed record LoadBalancerRefs(ResourceModel LoadBalancer, ResourceModel TargetGroup);

/// <summary>
/// An internal NLB across the network's private subnets with cross-zone load balancing, security groups attached at
/// creation (they cannot be added later), a TCP listener, and a target group of IPs.
/// </summary>
public static class LoadBalancerBlueprint
{
    /// <summary>Adds the NLB, its security groups, listener and target group.</summary>
    public static LoadBalancerRefs Build(ModelScope scope, LoadBalancerSpec spec)
    {
        var service = spec.Listener;
        var check = spec.HealthCheck;
        var healthPort = check.Port ?? service.TargetPort;
        var targetCidrs = spec.Targets.Select(t => t.SubnetCidr).Distinct().ToList();
        var targetRules = targetCidrs
            .SelectMany(c => new[] { service.TargetPort, healthPort }.Distinct().Select(p => new TcpRule(c, p, p == service.TargetPort ? "to service targets" : "health checks to targets")))
            .ToList();
        // Path MTU discovery toward the targets (a hop or a target with a smaller MTU reports ICMP 3/4). Nothing of
        // the kind comes from consumers: interface endpoints never generate it and clamp the TCP MSS instead
        // (AWS PrivateLink quotas page, https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html).
        var fragmentationNeeded = targetCidrs.Select(c => new FragmentationNeededRule(c, "path MTU discovery: fragmentation needed, from a target subnet")).ToList();
        var consumerRules = spec.ClientCidrs.Distinct().Select(c => new TcpRule(c, service.Port, "consumer traffic through PrivateLink"));
        // Consumer rules spread over as many groups as the default rules-per-group quota needs (NlbIngressGroups); the
        // first group, whose logical ID is the one a single group always had, also holds the egress to the targets and
        // the ICMP from them.
        var groups = NlbIngressGroups.Split(consumerRules, fragmentationNeeded.Count)
            .Select((rules, i) => SecurityGroups.Create(scope, i == 0 ? "SecurityGroup" : $"SecurityGroup{i + 1}", spec.Network.VpcId,
                $"{spec.DisplayName}: service port from consumer VPCs{(i == 0 ? "" : $" (part {i + 1})")}", rules, i == 0 ? targetRules : [], i == 0 ? fragmentationNeeded : []))
            .ToList();

        var nlb = scope.Resource("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", Cfn.Map(
            // Always on: the security groups admit exactly the consumers' CIDRs, and PrivateLink traffic is checked
            // against them (AWS's default; off would let any allowed endpoint send).
            ("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "on"),
            ("IpAddressType", "ipv4"),
            ("LoadBalancerAttributes", Cfn.List(Cfn.Map(("Key", "load_balancing.cross_zone.enabled"), ("Value", "true")))),
            ("Scheme", "internal"),
            ("SecurityGroups", Cfn.List(groups.Select(g => Cfn.GetAtt(g, "GroupId")))),
            ("Subnets", Cfn.List(spec.Network.PrivateSubnetIds)),
            ("Tags", StackTags.NameTag(spec.DisplayName)),
            ("Type", "network")));
        NagSuppressions.Apply(nlb, NagSuppressions.LoadBalancer);

        var targetGroup = scope.Resource("TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", Cfn.Map(
            ("HealthCheckEnabled", true),
            ("HealthCheckIntervalSeconds", check.IntervalSeconds),
            ("HealthCheckPath", check.Protocol == "TCP" ? null : check.Path),
            ("HealthCheckPort", check.Port?.ToString(CultureInfo.InvariantCulture) ?? "traffic-port"),
            ("HealthCheckProtocol", check.Protocol),
            ("HealthyThresholdCount", check.HealthyThreshold),
            ("Port", service.TargetPort),
            ("Protocol", "TCP"),
            ("Tags", StackTags.NameTag($"{spec.DisplayName}-tg")),
            ("TargetGroupAttributes", Cfn.List(
                // Always off: targets across an inter-Region peering cannot see the client's address (DESIGN: client IP
                // preservation requires targets in the same VPC or a same-Region peer); they see the NLB's.
                Attribute("preserve_client_ip.enabled", false),
                Attribute("proxy_protocol_v2.enabled", service.ProxyProtocolV2),
                Cfn.Map(("Key", "deregistration_delay.timeout_seconds"), ("Value", "30")))),
            ("TargetType", "ip"),
            ("Targets", Cfn.List(spec.Targets.Select(t => (CfnValue)Cfn.Map(
                // Targets outside the NLB's VPC must name an AZ; 'all' lets every NLB node reach them.
                ("AvailabilityZone", spec.TargetsOutsideVpc ? "all" : null),
                ("Id", t.Ip),
                ("Port", service.TargetPort))))),
            ("UnhealthyThresholdCount", check.UnhealthyThreshold),
            ("VpcId", spec.Network.VpcId)));

        _ = scope.Resource("Listener", "AWS::ElasticLoadBalancingV2::Listener", Cfn.Map(
            ("DefaultActions", Cfn.List(Cfn.Map(("TargetGroupArn", Cfn.Ref(targetGroup)), ("Type", "forward")))),
            ("LoadBalancerArn", Cfn.Ref(nlb)),
            ("Port", service.Port),
            ("Protocol", "TCP")));
        return new LoadBalancerRefs(nlb, targetGroup);
    }

    private static CfnValue Attribute(string key, bool value) => Cfn.Map(("Key", key), ("Value", value ? "true" : "false"));
}
