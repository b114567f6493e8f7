using System.Text;
using Interlink.Analysis.Network;
using Interlink.Core.Networking;

namespace Interlink.Lab;

public static partial class LabPlanner
{
    // Filters in nftables: network ACLs at the router between subnets, security groups at each namespace's VPC-facing interfaces.
    private sealed partial class Planner
    {
        private string Acls(Router router)
        {
            var subnets = router.Attachments.GroupBy(a => a.Subnet.Id).Select(g => (Subnet: g.First().Subnet, Interfaces: g.Select(a => a.RouterInterface).ToList(),
                Acl: model.NetworkAcl(g.First().Subnet.NetworkAclId))).Where(s => s.Acl is not null).ToList();
            if (subnets.Count == 0)
                return "";
            var text = new StringBuilder("table inet il-nacl {\n  chain forward {\n    type filter hook forward priority 0; policy accept;\n");
            var chains = new StringBuilder();
            for (var i = 0; i < subnets.Count; i++)
            {
                var (subnet, interfaces, acl) = subnets[i];
                var set = "{ " + string.Join(", ", interfaces.Select(x => $"\"{x}\"")) + " }";
                text.Append($"    iifname {set} ip daddr != {subnet.ParsedCidr} jump s{i}-out\n");
                text.Append($"    oifname {set} ip saddr != {subnet.ParsedCidr} jump s{i}-in\n");
                foreach (var egress in new[] { true, false })
                {
                    chains.Append($"  chain s{i}-{(egress ? "out" : "in")} {{\n");
                    foreach (var e in acl!.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
                    {
                        if (AclMatch(e) is { } match)
                            chains.Append($"    {match} {(e.Allow ? "return" : "drop")}\n");
                    }

                    chains.Append("    drop\n  }\n");
                }
            }

            return text.Append("  }\n").Append(chains).Append("}\n").ToString();
        }

        private void SecurityGroups()
        {
            foreach (var ns in namespaces.Values.Where(n => n.Groups is not null && n.Kind != LabNodeKind.Router))
            {
                var set = "{ " + string.Join(", ", ns.VpcInterfaces.Select(x => $"\"{x}\"")) + " }";
                if (ns.VpcInterfaces.Count == 0)
                    continue;
                var groups = ns.Groups!.Select(id => (Id: id, Group: model.SecurityGroup(id))).ToList();
                foreach (var (id, group) in groups.Where(g => g.Group is null))
                    notes.Add($"{ns.Name}: security group {id} is not in the model: it admits nothing");
                var text = new StringBuilder("table inet il-sg {\n");
                text.Append("  chain input {\n    type filter hook input priority 0; policy accept;\n").Append($"    iifname {set} jump sg-in\n  }}\n");
                text.Append("  chain output {\n    type filter hook output priority 0; policy accept;\n").Append($"    oifname {set} jump sg-out\n  }}\n");
                if (ns.Kind == LabNodeKind.Endpoint)
                {
                    // The endpoint forwards (DNAT to the NLB): its security group applies to that traffic as to its own.
                    text.Append("  chain forward {\n    type filter hook forward priority 0; policy accept;\n")
                        .Append($"    iifname {set} jump sg-in\n    oifname {set} jump sg-out\n  }}\n");
                }

                if (ns.Kind == LabNodeKind.LoadBalancer)
                {
                    // The NLB balances in the kernel (DNAT to targets): its group applies to new connections from its VPC
                    // before the DNAT (the listener port, as the client addressed it), and to what it sends the targets.
                    text.Append("  chain prerouting {\n    type filter hook prerouting priority -110; policy accept;\n").Append($"    iifname {set} jump sg-in\n  }}\n");
                    text.Append("  chain forward {\n    type filter hook forward priority 0; policy accept;\n").Append($"    oifname {set} jump sg-out\n  }}\n");
                }

                text.Append("  chain sg-in {\n    ct state established,related accept\n    ct state invalid drop\n");
                foreach (var (_, group) in groups.Where(g => g.Group is not null))
                {
                    foreach (var rule in group!.Ingress)
                    {
                        if (SgMatch(rule, ingress: true, group.VpcId) is { } m)
                            text.Append($"    {m} accept\n");
                    }
                }

                text.Append("    drop\n  }\n  chain sg-out {\n    ct state established,related accept\n    ct state invalid drop\n");
                if (ns.FilterEgress)
                {
                    foreach (var (_, group) in groups.Where(g => g.Group is not null))
                    {
                        foreach (var rule in group!.Egress)
                        {
                            if (SgMatch(rule, ingress: false, group.VpcId) is { } m)
                                text.Append($"    {m} accept\n");
                        }
                    }
                }

                ns.Nft = text.Append("    drop\n  }\n}\n").ToString();
            }
        }

        private string? SgMatch(SecurityGroupRule rule, bool ingress, string? vpcId)
        {
            var direction = ingress ? "saddr" : "daddr";
            string peer;
            if (rule.PrefixListId is not null)
                return null;
            if (rule.Cidr is not null)
            {
                if (!Ipv4Cidr.TryParse(rule.Cidr, out var cidr, out _))
                    return null;
                peer = $"ip {direction} {cidr}";
            }
            else if (rule.GroupId is not null)
            {
                // Group references hold within one VPC only (as across inter-Region peering, where AWS does not allow them).
                if (model.SecurityGroup(rule.GroupId)?.VpcId is not { } v || v != vpcId || !groupMembers.TryGetValue(rule.GroupId, out var members) || members.Count == 0)
                    return null;
                peer = $"ip {direction} {{ {string.Join(", ", members.Distinct())} }}";
            }
            else
            {
                return null;
            }

            return L4Match(peer, rule.Protocol, rule.FromPort, rule.ToPort, icmpTypeCode: true);
        }

        private static string? AclMatch(NetworkAclEntry e)
        {
            if (!Ipv4Cidr.TryParse(e.Cidr, out var cidr, out _))
                return null;
            var peer = $"ip {(e.Egress ? "daddr" : "saddr")} {cidr}";
            // A network ACL entry's ICMP type and code are a separate property the model does not read: any ICMP matches.
            return L4Match(peer, e.Protocol, e.FromPort, e.ToPort, icmpTypeCode: false);
        }

        /// <summary>
        /// An ICMP security group rule's type (FromPort) and code (ToPort), -1 meaning any (EC2 API reference,
        /// IpPermission: "For the ICMP type number, use -1 to specify all ICMP types"), e.g. 3/4 for path MTU discovery.
        /// </summary>
        private static string IcmpTypeCode(int? type, int? code) =>
            (type is null or -1 ? "" : $" icmp type {type}") + (type is null or -1 || code is null or -1 ? "" : $" icmp code {code}");

        /// <summary>The nftables match of <paramref name="peer"/> for <paramref name="protocol"/>, or null for a protocol the analysis does not know.</summary>
        private static string? L4Match(string peer, IpProtocol protocol, int? from, int? to, bool icmpTypeCode) => protocol switch
        {
            { IsAll: true } => peer,
            { IsTcp: true } => $"{peer} meta l4proto tcp{Ports(from, to)}",
            { IsUdp: true } => $"{peer} meta l4proto udp{Ports(from, to)}",
            { IsIcmp: true } => $"{peer} meta l4proto icmp{(icmpTypeCode ? IcmpTypeCode(from, to) : "")}",
            { Number: { } number } => $"{peer} meta l4proto {number}",
            _ => null,
        };

        private static string Ports(int? from, int? to) =>
            from is null or -1 ? "" : (to ?? from) == from ? $" th dport {from}" : $" th dport {from}-{to ?? from}";
    }
}
