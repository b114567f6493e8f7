using System.Text;
using Interlink.Analysis.Network;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

public static partial class LabPlanner
{
    // Interface endpoints: their network interfaces, whether AWS would connect them, and the PrivateLink link to the NLB.
    private sealed partial class Planner
    {
        private readonly List<LabEndpoint> endpoints = [];
        private readonly List<LabForwarder> forwarders = [];
        private int privateLinks;

        private void Endpoints()
        {
            foreach (var ep in model.Endpoints)
            {
                if (!routers.ContainsKey(ep.VpcId))
                {
                    notes.Add($"endpoint {ep.Location}: its VPC is not built");
                    continue;
                }

                var stack = Short(ep.Location.Stack);
                var ns = Namespace($"il-{stack}-vpce", LabNodeKind.Endpoint, ep.Id);
                ns.Groups = ep.SecurityGroupIds.Count > 0 ? ep.SecurityGroupIds : [ep.VpcId + "#default-sg"];
                ns.FilterEgress = false;
                ns.Sysctls.Add(("ipv4/conf/all/rp_filter", "0"));
                ns.Sysctls.Add(("ipv4/conf/default/rp_filter", "0"));
                var enis = new List<(string Ip, Subnet Subnet)>();
                foreach (var subnet in ep.SubnetIds.Select(Routed).OfType<Subnet>())
                {
                    var address = Allocate(subnet);
                    if (address is null)
                        continue;
                    var j = enis.Count;
                    var ifName = $"il-e{j}";
                    AttachWithOwnTable(ns, ifName, address, subnet, j, table: 20 + j);
                    enis.Add((address, subnet));
                    foreach (var g in ep.SecurityGroupIds)
                        Member(g, address);
                }

                var (connected, reason, lbId) = Connect(ep);
                var lb = lbId is null ? null : nlbs[lbId];
                var listenerPorts = lb?.Model.Listeners.Select(l => l.Port).OfType<int>().Distinct().ToList() ?? [];
                var port = model.ConsumerPort(ep) ?? NoPortKnown;
                if (connected && lb is { } nlb && nlb.Nodes.Count > 0 && privateLinks < MaxPrivateLinks && enis.Count < 250)
                {
                    // The endpoint is a kernel DNAT, not a process: a connection to interface j is rewritten, in the endpoint's
                    // namespace, to the NLB's address j on this link. The source stays the client's, so the NLB applies its
                    // security group to it, and the address it arrives on tells the NLB which interface (hence which node)
                    // the client used. Replies leave by the interface the connection came in on (a conntrack mark).
                    var m = privateLinks++;
                    var prefix = $"169.254.{64 + m}";
                    var epAddress = $"{prefix}.254";
                    var table = PrivateLinkTableBase + m;
                    var nlbNs = namespaces[nlb.Ns];
                    links.Add(new LabLink(nlb.Ns, $"il-pl{m}", ns.Name, "il-pl0"));
                    var addresses = new List<AgentPrivateLinkAddress>();
                    for (var j = 0; j < enis.Count; j++)
                    {
                        var sameAz = nlb.Nodes.FindIndex(n => n.Az.Length > 0 && n.Az == enis[j].Subnet.Az);
                        var address = $"{prefix}.{1 + j}";
                        addresses.Add(new AgentPrivateLinkAddress(enis[j].Ip, address, sameAz >= 0 ? sameAz : j % nlb.Nodes.Count));
                        nlbNs.Ip.Add($"addr add {address}/24 dev il-pl{m}");
                    }

                    nlbNs.Ip.Add($"link set il-pl{m} up");
                    // Replies to clients go back over the link they came from, whatever their address: consumers' CIDRs may
                    // overlap each other (one table per link) and even the NLB's own addresses (this rule precedes the
                    // local table, which PrivateLinkLocalRule moves down). Only what the NLB itself sends (iif lo): the
                    // endpoint's own address on the link is in the same /24, and its ARP must still find the local table.
                    nlbNs.Ip.Add($"route add default via {epAddress} dev il-pl{m} onlink table {table}");
                    nlbNs.Ip.Add($"rule add pref {10 + m} from {prefix}.0/24 iif lo lookup {table}");
                    // Replies of the connections the kernel balances (NlbRules marks them with the link they came over).
                    nlbNs.Ip.Add($"rule add pref {10 + m} fwmark {NlbRules.LinkMark(m)}/0xffff lookup {table}");
                    if (m == 0)
                    {
                        nlbNs.Ip.Add($"rule add pref {PrivateLinkLocalRule} lookup local");
                        nlbNs.Ip.Add("rule del pref 0");
                    }

                    ns.Ip.Add($"addr add {epAddress}/24 dev il-pl0");
                    ns.Ip.Add("link set il-pl0 up");
                    for (var j = 0; j < enis.Count; j++)
                        ns.Ip.Add($"rule add pref {50 + j} fwmark {1 + j} lookup {20 + j}");
                    ns.Sysctls.Add(("ipv4/ip_forward", "1"));
                    ns.ExtraNft = EndpointNat(enis.Select(e => e.Ip).ToList(), enis.Select((_, j) => $"il-e{j}").ToList(), addresses, listenerPorts);
                    nlb.Links.Add(new AgentPrivateLink(m, addresses));
                    forwarders.Add(new LabForwarder(ns.Name, ep.Location.ToString(), listenerPorts, addresses.ToDictionary(a => a.Eni, a => a.Address, StringComparer.Ordinal)));
                }
                else if (connected && privateLinks >= MaxPrivateLinks)
                {
                    (connected, reason) = (false, $"the lab builds at most {MaxPrivateLinks} endpoint connections");
                }
                else if (connected)
                {
                    (connected, reason) = (false, "the service's NLB has no node");
                }

                if (!connected)
                    notes.Add($"endpoint {ep.Location} is not connected: {reason}");

                var clients = hosts.Where(h => model.Subnet(h.Subnet)?.VpcId == ep.VpcId).Select(h => h.Namespace).ToList();
                if (clients.Count == 0 && enis.Count > 0 && Allocate(enis[0].Subnet) is { } clientIp)
                {
                    clients.Add(AddHost($"il-{stack}-client", $"client:{ep.Location.Stack}", clientIp, enis[0].Subnet, null).Namespace);
                    notes.Add($"consumer {ep.Location.Stack} has no client host: the lab adds an unfiltered one at {clientIp}, standing for any address of the subnet");
                }

                var names = new List<string> { $"{stack}.{model.Name}.vpce.lab".ToLowerInvariant() };
                if (!endpoints.Any(e => model.Endpoints.First(x => x.Id == e.Id).VpcId == ep.VpcId))
                    names.Add($"{model.Name}.vpce.lab".ToLowerInvariant());
                endpoints.Add(new LabEndpoint(ep.Id, ep.Location.Stack, ns.Name, enis.Select(e => e.Ip).ToList(), enis.Select(e => e.Subnet.Az).ToList(), names, port, connected, connected ? null : reason, clients,
                    connected ? lb?.Ns : null));
            }
        }

        /// <summary>
        /// The endpoint's data path in nftables: connections to interface address j on a listener port are DNATed to the NLB's
        /// address j on the PrivateLink link (source kept); each connection is marked with the interface it came in on so
        /// that its replies (routed by that mark) leave the same way, as the un-DNAT happens only after routing.
        /// </summary>
        private static string EndpointNat(List<string> enis, List<string> interfaces, List<AgentPrivateLinkAddress> addresses, List<int> ports)
        {
            var text = new StringBuilder("table inet il-vpce {\n  chain by-interface {\n    type filter hook prerouting priority mangle; policy accept;\n");
            for (var j = 0; j < interfaces.Count; j++)
                text.Append($"    iifname \"{interfaces[j]}\" ct state new ct mark set {1 + j}\n");
            text.Append("    iifname \"il-pl0\" meta mark set ct mark\n  }\n");
            text.Append("  chain to-nlb {\n    type nat hook prerouting priority dstnat; policy accept;\n");
            if (ports.Count > 0)
            {
                var set = "{ " + string.Join(", ", ports) + " }";
                for (var j = 0; j < enis.Count; j++)
                    text.Append($"    ip daddr {enis[j]} tcp dport {set} dnat ip to {addresses[j].Address}\n");
            }

            return text.Append("  }\n}\n").ToString();
        }

        /// <summary>Whether AWS would connect the endpoint to its service (the control plane), and which NLB serves it.</summary>
        private (bool Connected, string? Reason, string? LoadBalancer) Connect(InterfaceEndpoint ep)
        {
            var service = model.EndpointServices.FirstOrDefault(s => s.Id == ep.ServiceId);
            if (service is null)
                return (false, $"ServiceName {ep.ServiceName} names no endpoint service of the assembly", null);
            var lookedIn = ep.ServiceRegion ?? ep.Region;
            if (lookedIn != service.Region || (ep.ServiceNameRegion is not null && ep.ServiceNameRegion != service.Region))
                return (false, $"the endpoint looks for the service in {lookedIn}, it lives in {service.Region}", null);
            if (ep.Region != service.Region && !(service.SupportedRegions ?? []).Contains(ep.Region))
                return (false, $"the service's SupportedRegions do not include {ep.Region}", null);
            var account = ep.Account ?? "(deploying)";
            var allowed = service.AllowedPrincipals.Any(p => p == "*"
                || (PrincipalArn().Match(p.Replace("${AWS::AccountId}", "(deploying)", StringComparison.Ordinal)) is { Success: true } m && m.Groups["account"].Value == account));
            if (!allowed)
                return (false, $"the service does not allow account {account}", null);
            var lbId = service.LoadBalancerIds.FirstOrDefault(nlbs.ContainsKey);
            if (lbId is null)
                return (false, "the service has no NLB the lab built", null);
            var lb = nlbs[lbId].Model;
            if (ep.Region == lb.Region)
            {
                var served = lb.SubnetIds.Select(model.Subnet).OfType<Subnet>().Select(s => s.Az).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var notServed = ep.SubnetIds.Select(model.Subnet).OfType<Subnet>().FirstOrDefault(s => s.Az is null || !served.Contains(s.Az));
                if (notServed is not null)
                    return (false, $"subnet {notServed.Location} is in {notServed.Az ?? "an unknown AZ"}, where the NLB has no subnet: AWS does not create the endpoint", lbId);
            }

            return (true, null, lbId);
        }
    }
}
