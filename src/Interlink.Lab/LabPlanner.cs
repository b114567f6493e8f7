using System.Text.RegularExpressions;
using Interlink.Analysis.Network;
using Interlink.Core.Networking;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

/// <summary>
/// Turns a <see cref="NetworkModel"/> into a <see cref="LabLayout"/>: which namespaces, links, addresses, routes, rules and
/// processes stand for the VPCs, subnets, route tables, peerings, security groups, ACLs, NLBs and endpoints. Pure: no root needed.
/// The planner is split by concern (Planning/): routing, hosts, load balancers, endpoints and filters each own their
/// part of the layout under construction; this file holds the routers, namespaces, links and addresses they share.
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

    private sealed partial class Planner(NetworkModel model, Func<TargetGroup, HealthCheckSettings> healthCheck, string runDirectory, bool fastInitialHealth)
    {
        private readonly List<string> notes = [];
        private readonly Dictionary<string, NsBuilder> namespaces = new(StringComparer.Ordinal);
        private readonly List<LabLink> links = [];
        private readonly Dictionary<string, Router> routers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<uint>> used = new(StringComparer.Ordinal);

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

        /// <summary>
        /// Attaches interface <paramref name="index"/> of a namespace with one interface per subnet (NLB nodes, endpoint
        /// interfaces): what it sends from <paramref name="address"/> is routed by <paramref name="table"/>, out by that
        /// subnet's gateway, whichever interface the main table would pick.
        /// </summary>
        private void AttachWithOwnTable(NsBuilder ns, string ifName, string address, Subnet subnet, int index, int table)
        {
            var gw = Attach(ns, ifName, address, subnet);
            ns.Ip.Add($"rule add pref {100 + index} from {address} lookup {table}");
            ns.Ip.Add($"route add {gw} dev {ifName} table {table}");
            ns.Ip.Add($"route add default via {gw} dev {ifName} table {table}");
        }

        private Subnet? Routed(string? subnetId) => model.Subnet(subnetId) is { ParsedCidr: not null } s && routers.ContainsKey(s.VpcId) ? s : null;
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>[^:]+):(root|role/.+|user/.+)$")]
    private static partial Regex PrincipalArn();
}
