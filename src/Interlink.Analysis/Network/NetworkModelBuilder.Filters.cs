using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Network;

public static partial class NetworkModelBuilder
{
    // Who may send: network ACLs with their entries, and security groups with their inline and separate rules.
    private sealed partial class Builder
    {
        private void Acls()
        {
            foreach (var r in Of("AWS::EC2::NetworkAcl"))
            {
                if (VpcOf(r) is { } vpc)
                    acls[r.Key] = (r.Location, vpc, []);
            }

            foreach (var r in Of("AWS::EC2::NetworkAclEntry"))
            {
                var acl = IdOf(r["NetworkAclId"]);
                if (acl is not null && acl.EndsWith("#default-acl", StringComparison.Ordinal) && !acls.ContainsKey(acl))
                {
                    // The VPC default ACL: rule 100 allows everything both ways.
                    var owner = acl[..^"#default-acl".Length];
                    acls[acl] = (r.Location with { LogicalId = owner + " (default network ACL)" }, owner,
                        [new NetworkAclEntry(r.Location, 100, false, true, IpProtocol.All, "0.0.0.0/0", null, null), new NetworkAclEntry(r.Location, 100, true, true, IpProtocol.All, "0.0.0.0/0", null, null)]);
                }

                if (acl is null || !acls.TryGetValue(acl, out var a))
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, $"network ACL {r["NetworkAclId"]?.Display()} is not known"));
                    continue;
                }

                var cidr = r["CidrBlock"]?.Text;
                if (cidr is null)
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, "only IPv4 CidrBlock entries are modeled"));
                    continue;
                }

                a.Entries.Add(new NetworkAclEntry(r.Location, r["RuleNumber"]?.AsInt() ?? 0, r["Egress"]?.AsBool() ?? false,
                    string.Equals(r["RuleAction"]?.Text, "allow", StringComparison.OrdinalIgnoreCase), IpProtocol.Parse(r["Protocol"]?.Text ?? "-1"), cidr,
                    r["PortRange"]?["From"]?.AsInt(), r["PortRange"]?["To"]?.AsInt()));
            }
        }

        private void SecurityGroups()
        {
            foreach (var r in Of("AWS::EC2::SecurityGroup"))
            {
                var ingress = CfnValue.ListOf(r["SecurityGroupIngress"]).Select(v => Rule(r, v, true)).OfType<SecurityGroupRule>().ToList();
                var egressValue = r["SecurityGroupEgress"];
                var egress = CfnValue.ListOf(egressValue).Select(v => Rule(r, v, false)).OfType<SecurityGroupRule>().ToList();

                // No egress rules written (property absent or empty): AWS keeps its default allow-all egress.
                if (CfnValue.ListOf(egressValue).Count == 0)
                    egress.Add(new SecurityGroupRule(r.Location, IpProtocol.All, null, null, "0.0.0.0/0", null, null, Implicit: true));
                groups[r.Key] = (r.Location, IdOf(r["VpcId"]), ingress, egress, false);
            }

            foreach (var r in Of("AWS::EC2::SecurityGroupIngress").Concat(Of("AWS::EC2::SecurityGroupEgress")))
            {
                var id = IdOf(r["GroupId"]);
                if (id is null && r["GroupName"] is not null)
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, "security groups named by GroupName (EC2-Classic/default VPC) are not modeled"));
                    continue;
                }

                if (id is null)
                    continue;
                if (!groups.TryGetValue(id, out var g))
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, $"security group {id} is neither in the templates nor described in the wiring manifest; its other rules are not known"));
                    g = (r.Location with { LogicalId = id }, null, [], [], true);
                    groups[id] = g;
                }

                var ingress = r.Type.EndsWith("Ingress", StringComparison.Ordinal);
                if (Rule(r, r.Props, ingress) is { } rule)
                    (ingress ? g.In : g.Out).Add(rule);
            }
        }

        private SecurityGroupRule? Rule(Res owner, CfnValue rule, bool ingress)
        {
            var protocol = rule["IpProtocol"]?.Text ?? "-1";
            var cidr = rule["CidrIp"]?.Text;
            var group = IdOf(rule[ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId"]);
            var prefixList = IdOf(rule[ingress ? "SourcePrefixListId" : "DestinationPrefixListId"]);
            if (cidr is null && group is null && prefixList is null)
            {
                if (rule["CidrIpv6"] is null)
                    unsupported.Add(new Unsupported(owner.Location, owner.Type, $"a rule whose peer is not known offline: {rule.Display()}"));
                return null;
            }

            if (prefixList is not null)
                unsupported.Add(new Unsupported(owner.Location, owner.Type, $"rule with prefix list {prefixList}: prefix lists are not modeled; the rule is never counted as allowing"));
            return new SecurityGroupRule(owner.Location, IpProtocol.Parse(protocol), rule["FromPort"]?.AsInt(), rule["ToPort"]?.AsInt(), cidr, group, prefixList);
        }
    }
}
