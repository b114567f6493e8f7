using System.Globalization;
using System.Text;
using Interlink.Analysis.Network;
using Interlink.Core.Networking;

namespace Interlink.Lab.Agent;

/// <summary>
/// The NLB's data path in the kernel (nftables in the NLB's namespace); the NLB process only health-checks and rewrites
/// the balancing chains.
/// <list type="bullet">
/// <item>A new connection to a node's address, or to a PrivateLink address that node serves, on a listener port jumps to
/// the balancing chain of (port, node): one DNAT rule that picks a target per connection (<c>numgen inc</c> over the
/// targets healthy at that node, round robin). Conntrack keeps every later packet on that target.
/// An empty chain (no healthy target, or before the first health check) DNATs nothing: the connection reaches the
/// node's own address, where nothing listens, and is reset: no target, as plan's HEALTH_CHECK_BLOCKED says).</item>
/// <item>SNAT to the node's own address toward the targets (no client IP preservation).</item>
/// <item>Routing: the conntrack mark remembers the node (low byte: the original direction leaves by the node's
/// interface) and the PrivateLink link the client came from (second byte: replies go back over that link, whatever the
/// client's address, as consumers' CIDRs may overlap). The planner adds the matching <c>ip rule … fwmark</c>.</item>
/// <item>Only DNATed connections are forwarded (the namespace forwards nothing else).</item>
/// <item>The NLB security group on PrivateLink traffic (when enforced): the client's address and the listener port,
/// checked before the DNAT; what it does not admit is dropped silently (the client times out, as in AWS).</item>
/// </list>
/// </summary>
internal static class NlbRules
{
    public const string Table = "il-nlb";

    public static string NodeInterface(int node) => $"il-n{node}";

    public static string LinkInterface(int link) => $"il-pl{link}";

    public static string Chain(int port, int node) => $"lb-{port}-n{node}";

    /// <summary>Named counter of the TCP resets node <paramref name="node"/> sends over PrivateLink link <paramref name="link"/>.</summary>
    public static string ResetCounter(int link, int node) => $"rst-pl{link}-n{node}";

    /// <summary>Mark (and ct mark low byte) of connections a node serves: routes the original direction out of its interface.</summary>
    public static int NodeMark(int node) => node + 1;

    /// <summary>Mark (and ct mark second byte) of connections that came over PrivateLink link <paramref name="link"/>: routes replies back over it.</summary>
    public static int LinkMark(int link) => (link + 1) << 8;

    /// <summary>The table loaded when the lab comes up: balancing chains empty until the first health check.</summary>
    public static string Ruleset(NlbConfig config)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder($"table inet {Table} {{\n");
        text.Append("  chain tag {\n    type filter hook prerouting priority mangle; policy accept;\n");
        for (var i = 0; i < config.Nodes.Count; i++)
            text.Append(inv, $"    ct state new iifname \"{NodeInterface(i)}\" ip daddr {config.Nodes[i].Address} ct mark set {NodeMark(i)}\n");
        foreach (var link in config.PrivateLinks)
        {
            foreach (var byNode in link.Addresses.GroupBy(a => a.Node))
                text.Append(inv, $"    ct state new iifname \"{LinkInterface(link.Link)}\" ip daddr {Set(byNode.Select(a => a.Address))} ct mark set {LinkMark(link.Link) | NodeMark(byNode.Key)}\n");
        }

        text.Append("    ct direction original meta mark set ct mark and 0xff\n");
        text.Append("    ct direction reply ct mark and 0xff00 != 0 meta mark set ct mark and 0xff00\n");
        text.Append("    ct direction reply ct mark and 0xff00 == 0 meta mark set ct mark and 0xff\n  }\n");

        if (config.EnforceOnPrivateLink && config.PrivateLinks.Count > 0)
        {
            text.Append("  chain admit {\n    type filter hook prerouting priority -110; policy accept;\n");
            text.Append($"    iifname {Set(config.PrivateLinks.Select(l => $"\"{LinkInterface(l.Link)}\""))} jump privatelink-sg\n  }}\n");
            text.Append("  chain privatelink-sg {\n    ct state established,related accept\n    ct state invalid drop\n");
            foreach (var rule in config.Ingress)
            {
                if (Admit(rule) is { } match)
                    text.Append($"    {match} accept\n");
            }

            text.Append("    drop\n  }\n");
        }

        text.Append("  chain to-target {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        var chains = new StringBuilder();
        foreach (var port in config.Listeners.Select(l => l.Port).Distinct())
        {
            for (var i = 0; i < config.Nodes.Count; i++)
            {
                var node = i;
                var addresses = new[] { config.Nodes[i].Address }.Concat(config.PrivateLinks.SelectMany(l => l.Addresses).Where(a => a.Node == node).Select(a => a.Address));
                text.Append(inv, $"    ip daddr {Set(addresses)} tcp dport {port} goto {Chain(port, i)}\n");
                chains.Append($"  chain {Chain(port, i)} {{\n  }}\n");
            }
        }

        text.Append("  }\n").Append(chains);
        text.Append("  chain from-node {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        for (var i = 0; i < config.Nodes.Count; i++)
            text.Append($"    oifname \"{NodeInterface(i)}\" ct status dnat snat ip to {config.Nodes[i].Address}\n");
        text.Append("  }\n");
        // RstPacketsSent: TCP resets a node sends to PrivateLink clients from the addresses it serves them on (a
        // connection that found no healthy target is reset by the node's kernel), one named counter per (PrivateLink link, node), so resets add up per node (the service's per-AZ metric) and per endpoint; the NLB
        // process samples them into its history. Only PrivateLink traffic: the metric is the endpoint service's, and the
        // node's own health checks (closed with unread data, hence reset) must not count.
        var counted = config.PrivateLinks.SelectMany(l => l.Addresses.GroupBy(a => a.Node).Select(g => (l.Link, Node: g.Key, Addresses: g.Select(a => a.Address).ToList()))).ToList();
        foreach (var (link, node, _) in counted)
            text.Append($"  counter {ResetCounter(link, node)} {{\n  }}\n");
        text.Append("  chain resets-sent {\n    type filter hook output priority filter; policy accept;\n");
        foreach (var (link, node, addresses) in counted)
            text.Append($"    ip saddr {Set(addresses)} tcp flags & rst == rst counter name \"{ResetCounter(link, node)}\"\n");
        text.Append("  }\n");
        text.Append("  chain only-balanced {\n    type filter hook forward priority filter; policy drop;\n    ct status dnat accept\n  }\n");
        return text.Append("}\n").ToString();
    }

    /// <summary>An nft transaction (atomic) that makes the (port, node) chain balance over <paramref name="healthy"/>, or over nothing.</summary>
    public static string Balance(int port, int node, IReadOnlyList<AgentTarget> healthy)
    {
        var text = new StringBuilder($"flush chain inet {Table} {Chain(port, node)}\n");
        if (healthy.Count > 0)
        {
            var map = string.Join(", ", healthy.Select((t, k) => string.Create(CultureInfo.InvariantCulture, $"{k} : {t.Ip} . {t.Port}")));
            text.Append(CultureInfo.InvariantCulture, $"add rule inet {Table} {Chain(port, node)} meta l4proto tcp dnat ip to numgen inc mod {healthy.Count} map {{ {map} }}\n");
        }

        return text.ToString();
    }

    private static string Set(IEnumerable<string> items) => "{ " + string.Join(", ", items.Distinct()) + " }";

    /// <summary>A security group rule on PrivateLink traffic: the client's address, and the listener port (before the DNAT).</summary>
    private static string? Admit(AgentRule r)
    {
        if (!Ipv4Cidr.TryParse(r.Cidr, out var cidr, out _))
            return null;
        var peer = $"ip saddr {cidr}";
        var protocol = IpProtocol.Parse(r.Protocol);
        if (protocol.IsAll)
            return peer;
        if (!protocol.IsTcp)
            return null;
        if (r.FromPort is null or -1)
            return $"{peer} meta l4proto tcp";
        var to = r.ToPort ?? r.FromPort;
        return to == r.FromPort ? $"{peer} tcp dport {r.FromPort}" : $"{peer} tcp dport {r.FromPort}-{to}";
    }
}
