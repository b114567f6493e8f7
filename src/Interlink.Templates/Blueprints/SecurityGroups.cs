using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>One allowed flow: TCP <see cref="Port"/> from or to <see cref="Cidr"/>.</summary>
/// <param name="Cidr">Peer CIDR.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Description">Why the rule exists (shown in the console).</param>
public sealed record TcpRule(string Cidr, int Port, string Description);

/// <summary>
/// ICMP "destination unreachable: fragmentation needed and DF set" (type 3, code 4) from <see cref="Cidr"/>: what path
/// MTU discovery needs to reach a sender whose packets are too big for a hop (the Amazon VPC User Guide, "Path MTU
/// Discovery", https://docs.aws.amazon.com/vpc/latest/userguide/path_mtu_discovery.html). In a security group rule
/// for ICMP, FromPort is the ICMP type and ToPort the code.
/// </summary>
/// <param name="Cidr">Where the hop that reports it sits.</param>
/// <param name="Description">Why the rule exists.</param>
public sealed record FragmentationNeededRule(string Cidr, string Description)
{
    /// <summary>ICMP type: destination unreachable.</summary>
    public const int IcmpType = 3;

    /// <summary>ICMP code: fragmentation needed and DF set.</summary>
    public const int IcmpCode = 4;
}

/// <summary>Security groups with exact rules: no default allow-all egress, CIDRs rather than group references (references do not cross inter-Region peering).</summary>
public static class SecurityGroups
{
    /// <summary>A security group with exactly these rules.</summary>
    public static ResourceModel Create(ModelScope scope, string id, CfnValue vpcId, string description, IEnumerable<TcpRule> ingress, IEnumerable<TcpRule> egress,
        IEnumerable<FragmentationNeededRule>? pathMtu = null)
    {
        var egressRules = egress.Distinct().ToList();
        return scope.Resource(id, "AWS::EC2::SecurityGroup", Cfn.Map(
            ("GroupDescription", description),
            ("SecurityGroupEgress", egressRules.Count > 0
                ? Cfn.List(egressRules.Select(r => Rule("tcp", r.Port, r.Port, r.Cidr, r.Description)))
                // An explicit egress list replaces the allow-all rule AWS adds by default; an empty list would not,
                // so "no egress" is written as a rule that matches nothing (as the CDK's own L2 does): ICMP type 252
                // code 86 to the broadcast address.
                : Cfn.List(Rule("icmp", 252, 86, "255.255.255.255/32", "Disallow all traffic"))),
            ("SecurityGroupIngress", Cfn.List(
                ingress.Distinct().Select(r => Rule("tcp", r.Port, r.Port, r.Cidr, r.Description))
                    .Concat((pathMtu ?? []).Distinct().Select(r => Rule("icmp", FragmentationNeededRule.IcmpType, FragmentationNeededRule.IcmpCode, r.Cidr, r.Description))))),
            ("VpcId", vpcId)));
    }

    /// <summary>Adds ingress rules to a group Interlink does not own (an existing VPC's hosts).</summary>
    public static void AddIngress(ModelScope scope, string idPrefix, CfnValue groupId, IEnumerable<TcpRule> ingress, IEnumerable<FragmentationNeededRule>? pathMtu = null)
    {
        var i = 0;
        foreach (var rule in ingress.Distinct())
            _ = scope.Resource($"{idPrefix}{++i}", "AWS::EC2::SecurityGroupIngress", Ingress(groupId, "tcp", rule.Port, rule.Port, rule.Cidr, rule.Description));
        var j = 0;
        foreach (var rule in (pathMtu ?? []).Distinct())
        {
            _ = scope.Resource($"{idPrefix}PathMtu{++j}", "AWS::EC2::SecurityGroupIngress",
                Ingress(groupId, "icmp", FragmentationNeededRule.IcmpType, FragmentationNeededRule.IcmpCode, rule.Cidr, rule.Description));
        }
    }

    /// <summary>HTTPS to anywhere: Systems Manager, S3 and package repositories are reached through NAT.</summary>
    public static TcpRule HttpsOut(string why) => new("0.0.0.0/0", 443, why);

    private static CfnValue Rule(string protocol, int from, int to, string cidr, string description) =>
        Cfn.Map(("CidrIp", cidr), ("Description", description), ("FromPort", from), ("IpProtocol", protocol), ("ToPort", to));

    private static CfnMap Ingress(CfnValue groupId, string protocol, int from, int to, string cidr, string description) =>
        Cfn.Map(("CidrIp", cidr), ("Description", description), ("FromPort", from), ("GroupId", groupId), ("IpProtocol", protocol), ("ToPort", to));
}
