using Interlink.Analysis.Network;
using Interlink.Core.Networking;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

public static partial class LabPlanner
{
    /// <summary>An NLB the lab built: its namespace, its nodes, and the PrivateLink links endpoints add to it.</summary>
    private sealed record BuiltNlb(string Ns, List<AgentNode> Nodes, List<AgentPrivateLink> Links, LoadBalancer Model);

    // Network Load Balancers: nodes, listeners and registered targets (the agent's configuration).
    private sealed partial class Planner
    {
        private readonly List<LabLoadBalancer> loadBalancers = [];
        private readonly Dictionary<string, BuiltNlb> nlbs = new(StringComparer.Ordinal);
        private readonly List<LabTarget> targets = [];

        private void LoadBalancers()
        {
            foreach (var lb in model.LoadBalancers)
            {
                if (lb.Type != "network")
                {
                    notes.Add($"load balancer {lb.Location} is of type {lb.Type}: only Network Load Balancers are built");
                    continue;
                }

                var subnets = lb.SubnetIds.Select(Routed).OfType<Subnet>().ToList();
                if (subnets.Count == 0)
                {
                    notes.Add($"NLB {lb.Location}: none of its subnets is built");
                    continue;
                }

                var ns = Namespace($"il-{Short(lb.Location.Stack)}-nlb", LabNodeKind.LoadBalancer, lb.Id);
                ns.Groups = lb.SecurityGroupIds.Count > 0 ? lb.SecurityGroupIds : null;
                var nodes = new List<AgentNode>();
                foreach (var subnet in subnets)
                {
                    var address = Allocate(subnet);
                    if (address is null)
                        continue;
                    var i = nodes.Count;
                    var ifName = $"il-n{i}";
                    AttachWithOwnTable(ns, ifName, address, subnet, i, table: 10 + i);
                    // Connections the kernel balances (NlbRules) leave by the node that serves them.
                    ns.Ip.Add($"rule add pref {100 + i} fwmark {NlbRules.NodeMark(i)}/0xffff lookup {10 + i}");
                    nodes.Add(new AgentNode(address, subnet.Az ?? ""));
                    foreach (var g in lb.SecurityGroupIds)
                        Member(g, address);
                }

                ns.Sysctls.Add(("ipv4/conf/all/rp_filter", "0"));
                ns.Sysctls.Add(("ipv4/conf/default/rp_filter", "0"));
                // The data path is nftables DNAT/SNAT (NlbRules): the namespace forwards (inside the lab only; its
                // only-balanced chain forwards nothing but balanced connections).
                ns.Sysctls.Add(("ipv4/ip_forward", "1"));
                var lbVpc = model.Vpc(subnets[0].VpcId)!;
                var listeners = new List<AgentListener>();
                foreach (var listener in lb.Listeners)
                {
                    var group = listener.TargetGroupIds.Select(id => model.TargetGroups.FirstOrDefault(t => t.Id == id)).OfType<TargetGroup>().FirstOrDefault();
                    if (listener.Port is not { } port || group is null)
                    {
                        notes.Add($"listener {listener.Location} has no port or forwards to no target group: not built");
                        continue;
                    }

                    listeners.Add(new AgentListener(port, Targets(lb, lbVpc, group), healthCheck(group)));
                }

                var privateLinkList = new List<AgentPrivateLink>();
                nlbs[lb.Id] = new BuiltNlb(ns.Name, nodes, privateLinkList, lb);
                var ingress = lb.SecurityGroupIds.Select(model.SecurityGroup).OfType<SecurityGroup>().SelectMany(g => g.Ingress)
                    .Where(r => r.Cidr is not null && r.PrefixListId is null).Select(r => new AgentRule(r.Protocol.Text, r.FromPort, r.ToPort, r.Cidr!)).ToList();
                var config = new NlbConfig(lb.Location.ToString(), nodes, listeners, privateLinkList, lb.EnforceSecurityGroupsOnPrivateLink, ingress,
                    Path.Combine(runDirectory, $"{ns.Name}.status.json"), fastInitialHealth);
                loadBalancers.Add(new LabLoadBalancer(lb.Id, ns.Name, config));
            }
        }

        private List<AgentTarget> Targets(LoadBalancer lb, Vpc lbVpc, TargetGroup group)
        {
            var list = new List<AgentTarget>();
            foreach (var t in group.Targets)
            {
                var port = group.TrafficPort(t);
                if (t.Ip is null || !Ipv4.TryParse(t.Ip, out var ip) || port is null)
                {
                    notes.Add($"target {t.Id} of {group.Location} has no fixed IP or port: not registered");
                    continue;
                }

                // The VPC holding the target: the NLB's own, else a peered one, else any built VPC that holds it.
                var peered = peerings.Values.Where(p => p.A.Vpc.Id == lbVpc.Id || p.B.Vpc.Id == lbVpc.Id).Select(p => p.A.Vpc.Id == lbVpc.Id ? p.B.Vpc : p.A.Vpc);
                var vpc = new[] { lbVpc }.Concat(peered).Concat(routers.Values.Select(r => r.Vpc)).FirstOrDefault(v => v.ParsedCidr is { } c && c.Contains(ip));
                var outside = lbVpc.ParsedCidr is not { } own || !own.Contains(ip);
                if (group.TargetType == "ip" && outside && t.AvailabilityZone is null)
                {
                    notes.Add($"target {t.Ip} of {group.Location} is outside the NLB's VPC without AvailabilityZone: AWS rejects the registration, so the lab does not register it");
                    continue;
                }

                if (group.PreserveClientIp && vpc is not null && vpc.Region != lb.Region)
                {
                    notes.Add($"target {t.Ip} of {group.Location}: client IP preservation with a target in another Region does not carry traffic; the lab does not register it");
                    continue;
                }

                LabHost? host = null;
                if (vpc is not null)
                {
                    host = hosts.FirstOrDefault(h => h.Ip == t.Ip && model.Subnet(h.Subnet)?.VpcId == vpc.Id);
                    if (host is null && model.Subnets.FirstOrDefault(s => s.VpcId == vpc.Id && s.ParsedCidr is { } c && c.Contains(ip)) is { } subnet)
                    {
                        host = AddHost($"il-{Short(vpc.Location.Stack)}-t{targets.Count + 1}", $"target:{t.Ip}", t.Ip, subnet, null);
                        notes.Add($"target {t.Ip} has no instance in the assembly: the lab runs the sample service there, unfiltered (its security group is not in the templates)");
                    }
                }

                if (host is null)
                {
                    notes.Add($"target {t.Ip} lies in no built subnet: registered, but nothing answers");
                    list.Add(new AgentTarget(Number(t.Ip, port.Value, "", lb.Id), t.Ip, port.Value, group.HealthCheckPortOf(t)!.Value));
                    continue;
                }

                if (!servicePorts.TryGetValue(host.Namespace, out var ports))
                    servicePorts[host.Namespace] = ports = [];
                ports.Add(port.Value);
                list.Add(new AgentTarget(Number(t.Ip, port.Value, host.Namespace, lb.Id), t.Ip, port.Value, group.HealthCheckPortOf(t)!.Value));
            }

            return list;
        }

        private int Number(string ip, int port, string ns, string lb)
        {
            var existing = targets.FirstOrDefault(t => t.Ip == ip && t.Port == port && t.LoadBalancer == lb);
            if (existing is not null)
                return existing.Number;
            var target = new LabTarget(targets.Count + 1, ip, port, ns, lb);
            targets.Add(target);
            return target.Number;
        }
    }
}
