using System.Text;
using System.Text.RegularExpressions;
using Interlink.Analysis.Network;
using Interlink.Core.Networking;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

/// <summary>
/// Turns a <see cref="NetworkModel"/> into a <see cref="LabLayout"/>: which namespaces, links, addresses, routes, rules and
/// processes stand for the VPCs, subnets, route tables, peerings, security groups, ACLs, NLBs and endpoints. Pure: no root needed.
/// </summary>
public static partial class LabPlanner
{
    /// <summary>Linux table the router uses for traffic that arrives over a peering (the VPC's local route).</summary>
    internal const int VpcLocalTable = 100;

    private const int RouteTableBase = 1000;

    // The port the lab probes an endpoint on when neither its security groups nor its service's listeners name one (plan
    // then reports the port unknown, "?"): nothing listens there, so the probe fails as plan's verdict does.
    private const int NoPortKnown = 80;

    // In an NLB namespace: table 200 + m routes replies over PrivateLink link m; its rule has pref 10 + m, ahead of the
    // local table, which moves to PrivateLinkLocalRule (still ahead of the nodes' rules at 100 + i).
    private const int PrivateLinkTableBase = 200;
    private const int PrivateLinkLocalRule = 99;
    private const int MaxPrivateLinks = PrivateLinkLocalRule - 10;

    /// <summary>
    /// The layout of <paramref name="model"/>. <paramref name="healthCheck"/> gives each target group's health check;
    /// status files go under <paramref name="runDirectory"/>.
    /// </summary>
    public static LabLayout Plan(NetworkModel model, Func<TargetGroup, HealthCheckSettings> healthCheck, string runDirectory, bool fastInitialHealth = true) =>
        new Planner(model, healthCheck, runDirectory, fastInitialHealth).Build();

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotName();

    private sealed class NsBuilder(string name, LabNodeKind kind, string modelId)
    {
        public string Name { get; } = name;

        public LabNodeKind Kind { get; } = kind;

        public string ModelId { get; } = modelId;

        public List<string> Ip { get; } = [];

        public List<string> Late { get; } = [];

        public List<(string, string)> Sysctls { get; } = [];

        public string Nft { get; set; } = "";

        // Security groups applied at its VPC-facing interfaces.
        public List<string> VpcInterfaces { get; } = [];

        public IReadOnlyList<string>? Groups { get; set; }

        public bool FilterEgress { get; set; } = true;

        // nftables tables appended after the security groups' (an endpoint's DNAT).
        public string ExtraNft { get; set; } = "";
    }

    private sealed record Attachment(string Ip, Subnet Subnet, string RouterInterface);

    private sealed class Router(Vpc vpc, NsBuilder ns)
    {
        public Vpc Vpc { get; } = vpc;

        public NsBuilder Ns { get; } = ns;

        public List<Attachment> Attachments { get; } = [];

        public List<(int Index, string Interface)> PeeringInterfaces { get; } = [];
    }

    private sealed record PeeringLink(PeeringConnection Model, int Index, Router A, Router B, string AddressA, string AddressB)
    {
        public string Interface => $"il-p{Index}";
    }

    private sealed class Planner(NetworkModel model, Func<TargetGroup, HealthCheckSettings> healthCheck, string runDirectory, bool fastInitialHealth)
    {
        private readonly List<string> notes = [];
        private readonly Dictionary<string, NsBuilder> namespaces = new(StringComparer.Ordinal);
        private readonly List<LabLink> links = [];
        private readonly Dictionary<string, Router> routers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<uint>> used = new(StringComparer.Ordinal);
        private readonly List<LabHost> hosts = [];
        private readonly Dictionary<string, List<int>> servicePorts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<string>> hostGroups = new(StringComparer.Ordinal);
        private readonly List<LabTarget> targets = [];
        private readonly Dictionary<string, PeeringLink> peerings = new(StringComparer.Ordinal);
        private readonly List<LabPeeringRoute> peeringRoutes = [];
        private readonly List<LabEndpoint> endpoints = [];
        private readonly List<LabLoadBalancer> loadBalancers = [];
        private readonly List<LabForwarder> forwarders = [];
        private readonly Dictionary<string, (string Ns, List<AgentNode> Nodes, List<AgentPrivateLink> Links, LoadBalancer Model)> nlbs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> groupMembers = new(StringComparer.Ordinal);
        private int privateLinks;

        public LabLayout Build()
        {
            foreach (var vpc in model.Vpcs)
            {
                if (vpc.ParsedCidr is null)
                {
                    notes.Add($"VPC {vpc.Location} has no known CIDR: not built");
                    continue;
                }

                routers[vpc.Id] = new Router(vpc, Namespace($"il-{Short(vpc.Location.Stack)}-vpc", LabNodeKind.Router, vpc.Id));
                used[vpc.Id] = [];
            }

            foreach (var host in model.Hosts)
            {
                if (host.PrivateIp is not null && Ipv4.TryParse(host.PrivateIp, out var ip) && model.Subnet(host.SubnetId) is { } s)
                    used.GetValueOrDefault(s.VpcId)?.Add(ip);
            }

            foreach (var group in model.TargetGroups)
            {
                foreach (var t in group.Targets)
                {
                    if (t.Ip is not null && Ipv4.TryParse(t.Ip, out var ip))
                    {
                        foreach (var v in routers.Values.Where(r => r.Vpc.ParsedCidr!.Value.Contains(ip)))
                            used[v.Vpc.Id].Add(ip);
                    }
                }
            }

            Peerings();
            Hosts();
            LoadBalancers();
            Endpoints();
            foreach (var lb in loadBalancers)
                namespaces[lb.Namespace].ExtraNft = NlbRules.Ruleset(lb.Config);
            Routes();
            SecurityGroups();
            foreach (var u in model.Unsupported)
                notes.Add($"not modeled (the lab cannot build it either): {u.Location} {u.Type}: {u.Reason}");

            var ordered = namespaces.Values.OrderBy(n => n.Kind).ThenBy(n => n.Name, StringComparer.Ordinal)
                .Select(n => new LabNamespace(n.Name, n.Kind, n.ModelId, [.. n.Ip, .. n.Late], n.Sysctls.ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal), n.Nft + n.ExtraNft)).ToList();
            var finalHosts = hosts.Select(h => h with { ServicePorts = servicePorts.GetValueOrDefault(h.Namespace)?.Distinct().Order().ToList() ?? [] }).ToList();
            var finalPeerings = peerings.Values.OrderBy(p => p.Index).Select(p => new LabPeering(p.Model.Id, p.A.Ns.Name, p.Interface, p.B.Ns.Name, p.Interface, p.Model.Accepted,
                peeringRoutes.Where(r => r.Device == p.Interface && (r.Namespace == p.A.Ns.Name || r.Namespace == p.B.Ns.Name)).ToList())).ToList();
            return new LabLayout(model.Name, ordered, links, finalHosts, targets, finalPeerings, endpoints, loadBalancers, forwarders, notes);
        }

        private string Short(string stack)
        {
            var s = stack.StartsWith(model.Name + "-", StringComparison.Ordinal) ? stack[(model.Name.Length + 1)..] : stack;
            s = NotName().Replace(s.ToLowerInvariant(), "-").Trim('-');
            return s.Length > 32 ? s[..32] : s;
        }

        private NsBuilder Namespace(string name, LabNodeKind kind, string modelId)
        {
            var candidate = name;
            for (var i = 2; namespaces.ContainsKey(candidate); i++)
                candidate = $"{name}-{i}";
            var ns = new NsBuilder(candidate, kind, modelId);
            ns.Ip.Add("link set lo up");
            namespaces[candidate] = ns;
            return ns;
        }

        /// <summary>A free address for something AWS places itself: from the top of the subnet down (see the notes).</summary>
        private string? Allocate(Subnet subnet)
        {
            if (subnet.ParsedCidr is not { } c || !used.TryGetValue(subnet.VpcId, out var taken))
                return null;
            for (var a = c.Broadcast - 1; a >= c.Network + 4 && a > c.Network; a--)
            {
                if (taken.Add(a))
                    return Ipv4.Format(a);
            }

            notes.Add($"subnet {subnet.Location} has no free address");
            return null;
        }

        /// <summary>Links <paramref name="ns"/> (interface <paramref name="ifName"/>, address <paramref name="ip"/>) to its VPC's router; returns the gateway.</summary>
        private string Attach(NsBuilder ns, string ifName, string ip, Subnet subnet)
        {
            var router = routers[subnet.VpcId];
            var routerIf = $"il-i{router.Attachments.Count}";
            links.Add(new LabLink(router.Ns.Name, routerIf, ns.Name, ifName));
            var gw = Ipv4.Format(subnet.ParsedCidr!.Value.Network + 1);
            router.Ns.Ip.Add($"addr add {gw}/32 dev {routerIf}");
            router.Ns.Ip.Add($"link set {routerIf} up");
            ns.Ip.Add($"addr add {ip}/32 dev {ifName}");
            ns.Ip.Add($"link set {ifName} up");
            ns.VpcInterfaces.Add(ifName);
            router.Attachments.Add(new Attachment(ip, subnet, routerIf));
            return gw;
        }

        private Subnet? Routed(string? subnetId) => model.Subnet(subnetId) is { ParsedCidr: not null } s && routers.ContainsKey(s.VpcId) ? s : null;

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

        private void Hosts()
        {
            var counters = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var host in model.Hosts)
            {
                if (Routed(host.SubnetId) is not { } subnet)
                {
                    notes.Add($"host {host.Location}: its subnet is not built");
                    continue;
                }

                var ip = host.PrivateIp ?? Allocate(subnet);
                if (ip is null)
                    continue;
                if (host.PrivateIp is null)
                    notes.Add($"host {host.Location} has no fixed IP: the lab gives it {ip}");
                var stack = Short(host.Location.Stack);
                var n = counters[stack] = counters.GetValueOrDefault(stack) + 1;
                AddHost($"il-{stack}-h{n}", host.Id, ip, subnet, host.SecurityGroupIds);
            }
        }

        /// <summary>
        /// Adds a host namespace. <paramref name="groups"/> null means a stand-in the lab adds itself (a client for a
        /// consumer without one, a target without an instance): it represents "any address in the subnet", as plan
        /// checks such sources, so nothing filters it. An empty list is a real host with no group: it admits nothing.
        /// </summary>
        private LabHost AddHost(string name, string modelId, string ip, Subnet subnet, IReadOnlyList<string>? groups)
        {
            var ns = Namespace(name, LabNodeKind.Host, modelId);
            var gw = Attach(ns, "il-eth0", ip, subnet);
            ns.Ip.Add($"route add {gw} dev il-eth0");
            ns.Ip.Add($"route add default via {gw} dev il-eth0");
            ns.Groups = groups;
            var host = new LabHost(ns.Name, modelId, ip, subnet.Id, subnet.Az, model.Vpc(subnet.VpcId)!.Region, []);
            hosts.Add(host);
            hostGroups[ns.Name] = groups ?? [];
            foreach (var g in groups ?? [])
                Member(g, ip);
            return host;
        }

        private void Member(string group, string ip)
        {
            if (!groupMembers.TryGetValue(group, out var list))
                groupMembers[group] = list = [];
            list.Add(ip);
        }

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
                    var gw = Attach(ns, ifName, address, subnet);
                    ns.Ip.Add($"rule add pref {100 + i} from {address} lookup {10 + i}");
                    ns.Ip.Add($"route add {gw} dev {ifName} table {10 + i}");
                    ns.Ip.Add($"route add default via {gw} dev {ifName} table {10 + i}");
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
                nlbs[lb.Id] = (ns.Name, nodes, privateLinkList, lb);
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
                    var gw = Attach(ns, ifName, address, subnet);
                    ns.Ip.Add($"rule add pref {100 + j} from {address} lookup {20 + j}");
                    ns.Ip.Add($"route add {gw} dev {ifName} table {20 + j}");
                    ns.Ip.Add($"route add default via {gw} dev {ifName} table {20 + j}");
                    enis.Add((address, subnet));
                    foreach (var g in ep.SecurityGroupIds)
                        Member(g, address);
                }

                var (connected, reason, lbId) = Connect(ep);
                (string Ns, List<AgentNode> Nodes, List<AgentPrivateLink> Links, LoadBalancer Model)? lb = lbId is null ? null : nlbs[lbId];
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
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>[^:]+):(root|role/.+|user/.+)$")]
    private static partial Regex PrincipalArn();
}
