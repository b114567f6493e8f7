using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Interlink.Cdk.Constructs;

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
internal static class SecurityGroups
{
    public static CfnSecurityGroup Create(Construct scope, string id, string vpcId, string description, IEnumerable<TcpRule> ingress, IEnumerable<TcpRule> egress,
        IEnumerable<FragmentationNeededRule>? pathMtu = null) =>
        new(scope, id, new CfnSecurityGroupProps
        {
            VpcId = vpcId,
            GroupDescription = description,
            SecurityGroupIngress = ingress.Distinct().Select(r => (object)new CfnSecurityGroup.IngressProperty
            {
                IpProtocol = "tcp", FromPort = r.Port, ToPort = r.Port, CidrIp = r.Cidr, Description = r.Description,
            }).Concat((pathMtu ?? []).Distinct().Select(r => (object)new CfnSecurityGroup.IngressProperty
            {
                IpProtocol = "icmp", FromPort = FragmentationNeededRule.IcmpType, ToPort = FragmentationNeededRule.IcmpCode, CidrIp = r.Cidr, Description = r.Description,
            })).ToArray(),
            // An explicit egress list replaces the allow-all rule AWS adds by default; an empty list would not,
            // so "no egress" is written as a rule that matches nothing (as the CDK's own L2 does).
            SecurityGroupEgress = egress.Any()
                ? egress.Distinct().Select(r => (object)new CfnSecurityGroup.EgressProperty
                {
                    IpProtocol = "tcp", FromPort = r.Port, ToPort = r.Port, CidrIp = r.Cidr, Description = r.Description,
                }).ToArray()
                : [NoEgress],
        });

    /// <summary>Adds ingress rules to a group Interlink does not own (an existing VPC's hosts).</summary>
    public static void AddIngress(Construct scope, string idPrefix, string groupId, IEnumerable<TcpRule> ingress, IEnumerable<FragmentationNeededRule>? pathMtu = null)
    {
        var i = 0;
        foreach (var rule in ingress.Distinct())
        {
            _ = new CfnSecurityGroupIngress(scope, $"{idPrefix}{++i}", new CfnSecurityGroupIngressProps
            {
                GroupId = groupId, IpProtocol = "tcp", FromPort = rule.Port, ToPort = rule.Port, CidrIp = rule.Cidr, Description = rule.Description,
            });
        }

        var j = 0;
        foreach (var rule in (pathMtu ?? []).Distinct())
        {
            _ = new CfnSecurityGroupIngress(scope, $"{idPrefix}PathMtu{++j}", new CfnSecurityGroupIngressProps
            {
                GroupId = groupId, IpProtocol = "icmp", FromPort = FragmentationNeededRule.IcmpType, ToPort = FragmentationNeededRule.IcmpCode, CidrIp = rule.Cidr, Description = rule.Description,
            });
        }
    }

    /// <summary>An egress rule no packet matches (ICMP type 252 code 86 to the broadcast address): "no egress".</summary>
    private static readonly CfnSecurityGroup.EgressProperty NoEgress = new()
    {
        IpProtocol = "icmp", FromPort = 252, ToPort = 86, CidrIp = "255.255.255.255/32", Description = "Disallow all traffic",
    };

    /// <summary>HTTPS to anywhere: Systems Manager, S3 and package repositories are reached through NAT.</summary>
    public static TcpRule HttpsOut(string why) => new("0.0.0.0/0", 443, why);
}
