using Interlink.Analysis.Network;
using Interlink.Core.Networking;

namespace Interlink.Lab;

public static partial class LabPlanner
{
    // Routing: peering links, and route tables as policy routing.
    private sealed partial class Planner
    {
        private readonly Dictionary<string, PeeringLink> peerings = new(StringComparer.Ordinal);
        private readonly List<LabPeeringRoute> peeringRoutes = [];

        private void Peerings()
        {
            foreach (var p in model.Peerings)
            {
                if (!routers.TryGetValue(p.RequesterVpcId, out var a) || !routers.TryGetValue(p.AccepterVpcId, out var b))
                {
                    notes.Add($"peering {p.Location}: one of its VPCs is not built");
                    continue;
                }

                var index = peerings.Count + 1;
                var link = new PeeringLink(p, index, a, b, $"169.254.{index}.1", $"169.254.{index}.2");
                peerings[p.Id] = link;
                links.Add(new LabLink(a.Ns.Name, link.Interface, b.Ns.Name, link.Interface));
                foreach (var (router, address) in new[] { (a, link.AddressA), (b, link.AddressB) })
                {
                    router.Ns.Ip.Add($"addr add {address}/30 dev {link.Interface}");
                    router.Ns.Ip.Add($"link set {link.Interface} up");
                    router.Ns.Ip.Add($"rule add pref {3000 + index} iif {link.Interface} lookup {VpcLocalTable}");
                    router.PeeringInterfaces.Add((index, link.Interface));
                    if (!p.Accepted)
                        router.Ns.Late.Add($"link set {link.Interface} down");
                }

                if (!p.Accepted)
                    notes.Add($"peering {p.Location} is not accepted ({p.Acceptance}): its link is down");
            }
        }

        private void Routes()
        {
            foreach (var router in routers.Values)
            {
                var ns = router.Ns;
                ns.Sysctls.Add(("ipv4/ip_forward", "1"));
                ns.Sysctls.Add(("ipv4/conf/all/rp_filter", "0"));
                ns.Sysctls.Add(("ipv4/conf/default/rp_filter", "0"));
                var tables = router.Attachments.Select(a => a.Subnet.RouteTableId).Distinct(StringComparer.Ordinal).ToList();
                for (var k = 0; k < router.Attachments.Count; k++)
                {
                    var a = router.Attachments[k];
                    ns.Ip.Add($"rule add pref {1000 + k} iif {a.RouterInterface} lookup {RouteTableBase + tables.IndexOf(a.Subnet.RouteTableId)}");
                    ns.Ip.Add($"route replace {a.Ip}/32 dev {a.RouterInterface} table {VpcLocalTable}");
                }

                for (var t = 0; t < tables.Count; t++)
                {
                    var table = RouteTableBase + t;
                    var rt = model.RouteTable(tables[t]);
                    foreach (var route in rt?.Routes ?? [])
                    {
                        if (route.ParsedDestination is not { } dest)
                            continue;
                        switch (route.Target)
                        {
                            case RouteTarget.Local:
                                ns.Ip.Add($"route replace blackhole {dest} table {table}");
                                foreach (var a in router.Attachments.Where(a => Ipv4.TryParse(a.Ip, out var ip) && dest.Contains(ip)))
                                    ns.Ip.Add($"route replace {a.Ip}/32 dev {a.RouterInterface} table {table}");
                                break;
                            case RouteTarget.Peering when route.TargetId is not null && peerings.TryGetValue(route.TargetId, out var p) && (p.A == router || p.B == router) && p.Model.Accepted:
                                var via = p.A == router ? p.AddressB : p.AddressA;
                                ns.Ip.Add($"route replace {dest} via {via} dev {p.Interface} onlink table {table}");
                                peeringRoutes.Add(new LabPeeringRoute(ns.Name, table, dest.ToString(), via, p.Interface, tables[t], route.Location.Stack, route.Location.LogicalId));
                                break;
                            default:
                                // Internet and NAT gateways, peerings not accepted or not of this VPC, anything else: nothing leaves the lab.
                                ns.Ip.Add($"route replace blackhole {dest} table {table}");
                                break;
                        }
                    }
                }

                ns.Ip.Add("rule add pref 32000 blackhole");
                ns.Nft = Acls(router);
            }
        }

    }
}
