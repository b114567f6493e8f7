using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Diagram;

/// <summary>A box in the diagram.</summary>
/// <param name="Id">Unique id (letters, digits and underscores only).</param>
/// <param name="Label">Text lines.</param>
/// <param name="Group">Id of the group (VPC, account, Region) it sits in.</param>
/// <param name="Kind">vpc-less kinds: nlb, service, endpoint, host, target.</param>
public sealed record DiagramNode(string Id, IReadOnlyList<string> Label, string Group, string Kind);

/// <summary>A nesting box: Region ⊃ account ⊃ VPC.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Label">Caption.</param>
/// <param name="Parent">Enclosing group id, or null for a Region.</param>
public sealed record DiagramGroup(string Id, string Label, string? Parent);

/// <summary>A line between nodes or VPC groups.</summary>
/// <param name="From">Source id.</param>
/// <param name="To">Target id.</param>
/// <param name="Label">Caption (may be empty).</param>
/// <param name="Dotted">Dotted and undirected (peering); else a solid arrow.</param>
public sealed record DiagramEdge(string From, string To, string Label, bool Dotted);

/// <summary>What the assembly holds that the diagram draws; shared by the Mermaid and Graphviz renderings.</summary>
/// <param name="Groups">Regions, accounts and VPCs.</param>
/// <param name="Nodes">Load balancers, endpoint services, endpoints, hosts, targets.</param>
/// <param name="Edges">Traffic and peerings.</param>
public sealed record DiagramModel(IReadOnlyList<DiagramGroup> Groups, IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges)
{
    /// <summary>Builds the model of <paramref name="assembly"/>.</summary>
    public static DiagramModel Build(CloudAssembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new Builder(assembly).Build();
    }

    /// <summary>An id safe in Mermaid and DOT: letters, digits and underscores, starting with a letter.</summary>
    public static string SafeId(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var id = new string(chars);
        return id.Length > 0 && char.IsAsciiLetter(id[0]) ? id : "n_" + id;
    }

    private sealed class Builder(CloudAssembly assembly)
    {
        private readonly List<DiagramGroup> groups = [];
        private readonly List<DiagramNode> nodes = [];
        private readonly List<DiagramEdge> edges = [];
        private readonly HashSet<string> ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StackView> views = StackView.AllOf(assembly).ToDictionary(v => v.Name, StringComparer.Ordinal);
        private readonly Dictionary<string, string> vpcGroup = new(StringComparer.Ordinal); // "stack/logicalId" or "vpc-…" → group id
        private readonly List<(string Group, Ipv4Cidr Cidr)> vpcCidrs = [];
        private readonly Dictionary<string, string> nodeOf = new(StringComparer.Ordinal); // "stack/logicalId" → node id
        private readonly Dictionary<string, string> hostByIp = new(StringComparer.Ordinal);

        public DiagramModel Build()
        {
            foreach (var view in views.Values)
            {
                var env = Environment(view.Stack.Region, view.Stack.Account);
                foreach (var vpc in view.OfType("AWS::EC2::VPC"))
                {
                    var cidr = view.Str(vpc, "CidrBlock")?.ToString() ?? "?";
                    var id = Unique($"vpc_{view.Name}_{vpc.LogicalId}");
                    groups.Add(new DiagramGroup(id, $"VPC {RoleName(view)} {cidr}", env));
                    vpcGroup[$"{view.Name}/{vpc.LogicalId}"] = id;
                    if (Ipv4Cidr.TryParse(cidr, out var c, out _))
                        vpcCidrs.Add((id, c));
                }
            }

            foreach (var existing in assembly.Wiring.ExistingVpcs ?? [])
            {
                var id = Unique($"vpc_{existing.Id}");
                groups.Add(new DiagramGroup(id, $"VPC {existing.Id} {existing.Cidr} (existing)", Environment(existing.Region, existing.Account)));
                vpcGroup[existing.Id] = id;
                foreach (var subnet in existing.Subnets)
                    vpcGroup[subnet.Id] = id;
                if (Ipv4Cidr.TryParse(existing.Cidr, out var c, out _))
                    vpcCidrs.Add((id, c));
            }

            foreach (var view in views.Values)
            {
                foreach (var r in view.Resources)
                {
                    switch (r.Type)
                    {
                        case "AWS::ElasticLoadBalancingV2::LoadBalancer":
                            Node(view, r, "nlb", [$"NLB {Name(view, r)}", view.Str(r, "Scheme")?.ToString() ?? "internet-facing"]);
                            break;
                        case "AWS::EC2::VPCEndpointService":
                        {
                            var regions = r.Get("SupportedRegions") is { } s && view.List(s) is { } list ? "regions: " + string.Join(", ", list.Select(view.Str)) : null;
                            var acceptance = r.Get("AcceptanceRequired") is { } a && view.Bool(a) == true ? "acceptance required" : "auto-accept";
                            Node(view, r, "service", regions is null ? ["endpoint service", acceptance] : ["endpoint service", acceptance, regions], Environment(view.Stack.Region, view.Stack.Account));
                            break;
                        }

                        case "AWS::EC2::VPCEndpoint":
                        {
                            var subnets = r.Get("SubnetIds") is { } s && view.List(s) is { } list ? list.Count : 0;
                            var region = view.Str(r, "ServiceRegion") is { Complete: true } sr ? $"service Region {sr.Value}" : null;
                            Node(view, r, "endpoint", region is null ? [$"interface endpoint", $"{subnets} AZ(s)"] : ["interface endpoint", $"{subnets} AZ(s)", region]);
                            break;
                        }

                        case "AWS::EC2::Instance":
                        {
                            var ip = view.Str(r, "PrivateIpAddress") is { Complete: true } t ? t.Value : null;
                            var id = Node(view, r, "host", ip is null ? [$"host {Name(view, r)}"] : [$"host {Name(view, r)}", ip]);
                            if (ip is not null)
                                hostByIp[ip] = id;
                            break;
                        }
                    }
                }
            }

            foreach (var view in views.Values)
                Connect(view);

            return new DiagramModel(groups, nodes, edges.Distinct().ToList());
        }

        private void Connect(StackView view)
        {
            foreach (var r in view.Resources)
            {
                switch (r.Type)
                {
                    case "AWS::EC2::VPCEndpointService" when r.Get("NetworkLoadBalancerArns") is { } arns && view.List(arns) is { } list:
                        foreach (var lb in list.Select(view.RefTarget).OfType<string>())
                        {
                            if (nodeOf.TryGetValue($"{view.Name}/{lb}", out var to))
                                edges.Add(new DiagramEdge(nodeOf[$"{view.Name}/{r.LogicalId}"], to, "", false));
                        }

                        break;
                    case "AWS::EC2::VPCEndpoint" when r.Get("ServiceName") is { } name:
                        if (Across(view, name) is { } service && nodeOf.TryGetValue(service, out var serviceNode))
                            edges.Add(new DiagramEdge(nodeOf[$"{view.Name}/{r.LogicalId}"], serviceNode, "PrivateLink", false));
                        break;
                    case "AWS::ElasticLoadBalancingV2::Listener":
                        Listener(view, r);
                        break;
                    case "AWS::EC2::VPCPeeringConnection":
                    {
                        var local = r.Get("VpcId") is { } v ? VpcKey(view, v) : null;
                        var peer = r.Get("PeerVpcId") is { } p ? VpcKey(view, p) : null;
                        if (local is not null && peer is not null && vpcGroup.TryGetValue(local, out var a) && vpcGroup.TryGetValue(peer, out var b))
                            edges.Add(new DiagramEdge(a, b, $"peering {view.Str(r, "PeerRegion")?.ToString() ?? view.Stack.Region}", true));
                        break;
                    }
                }
            }

            // Client hosts in a consumer VPC reach the endpoint.
            if (view.Stack.Role == "consumer")
            {
                var endpoint = view.OfType("AWS::EC2::VPCEndpoint").FirstOrDefault();
                if (endpoint is not null)
                {
                    foreach (var host in view.OfType("AWS::EC2::Instance"))
                        edges.Add(new DiagramEdge(nodeOf[$"{view.Name}/{host.LogicalId}"], nodeOf[$"{view.Name}/{endpoint.LogicalId}"], "", false));
                }
            }
        }

        private void Listener(StackView view, TemplateResource listener)
        {
            if (listener.Get("LoadBalancerArn") is not { } arn || view.RefTarget(arn) is not { } lb || !nodeOf.TryGetValue($"{view.Name}/{lb}", out var lbNode))
                return;
            var port = view.Str(listener, "Port")?.ToString() ?? "?";
            var protocol = view.Str(listener, "Protocol")?.ToString() ?? "";
            if (listener.Get("DefaultActions") is not { } actions || view.List(actions) is not { } list)
                return;
            foreach (var action in list.Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("TargetGroupArn", out _)))
            {
                if (view.Target(action.GetProperty("TargetGroupArn")) is not { } tg || tg.Get("Targets") is not { } targets || view.List(targets) is not { } tl)
                    continue;
                foreach (var target in tl.Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Id", out _)))
                {
                    var id = view.Str(target.GetProperty("Id"));
                    var targetPort = target.TryGetProperty("Port", out var p) ? view.Str(p).ToString() : view.Str(tg, "Port")?.ToString() ?? "?";
                    string? to = null;
                    if (id.Complete && hostByIp.TryGetValue(id.Value, out var host))
                        to = host;
                    else if (id.Complete && view.Target(target.GetProperty("Id")) is { } instance && nodeOf.TryGetValue($"{view.Name}/{instance.LogicalId}", out var byRef))
                        to = byRef;
                    else if (id.Complete)
                        to = TargetNode(id.Value, view);
                    if (to is not null)
                        edges.Add(new DiagramEdge(lbNode, to, $"{protocol} {port} to {targetPort}".Trim(), false));
                }
            }
        }

        private string TargetNode(string ip, StackView view)
        {
            var key = $"target/{ip}";
            if (nodeOf.TryGetValue(key, out var existing))
                return existing;
            // Targets live in the provider's VPC: prefer a VPC of the provider's account and Region that holds the IP.
            var provider = views.Values.FirstOrDefault(v => v.Stack.Role == "provider");
            var providerEnv = provider is null ? null : Environment(provider.Stack.Region, provider.Stack.Account);
            var holding = Ipv4.TryParse(ip, out var address) ? vpcCidrs.Where(v => v.Cidr.Contains(address)).Select(v => v.Group).ToList() : [];
            var group = holding.FirstOrDefault(g => groups.First(x => x.Id == g).Parent == providerEnv) ?? holding.FirstOrDefault();
            var id = Unique($"target_{ip}");
            nodes.Add(new DiagramNode(id, ["target", ip], group ?? Environment(view.Stack.Region, view.Stack.Account), "target"));
            nodeOf[key] = id;
            return id;
        }

        // A VPC id value: a VPC of this stack, a literal existing VPC id, or a parameter fed by another stack's output.
        private static string? VpcKey(StackView view, JsonElement value) => KeyOf(view.Resolve(value));

        // Follows a value, through the wiring manifest when it is a parameter another stack's output feeds, to the resource
        // it names ("stack/logicalId"), or to its text when it is a literal. The resolver follows the wiring, as it does
        // for reachability (before, the diagram re-read the manifest and the output itself, one level deep).
        private static string? Across(StackView view, JsonElement value) => KeyOf(view.Resolve(value));

        // The first resource a resolved value names (e.g. the endpoint service inside a service name's Fn::Join), or its text.
        private static string? KeyOf(CfnValue value) => value switch
        {
            CfnRef r => r.ResourceKey,
            _ when value.Text is { } text => text,
            CfnConcat c => c.Parts.OfType<CfnRef>().FirstOrDefault()?.ResourceKey,
            CfnList l => l.Values.Select(KeyOf).FirstOrDefault(k => k is not null),
            _ => null,
        };

        private string Node(StackView view, TemplateResource r, string kind, List<string> label, string? group = null)
        {
            var id = Unique($"{kind}_{view.Name}_{r.LogicalId}");
            nodes.Add(new DiagramNode(id, label, group ?? VpcOf(view, r) ?? Environment(view.Stack.Region, view.Stack.Account), kind));
            nodeOf[$"{view.Name}/{r.LogicalId}"] = id;
            return id;
        }

        private string? VpcOf(StackView view, TemplateResource r)
        {
            foreach (var name in new[] { "VpcId", "SubnetId", "Subnets", "SubnetIds" })
            {
                if (r.Get(name) is not { } v)
                    continue;
                var first = v.ValueKind == JsonValueKind.Array ? view.List(v)?.FirstOrDefault() : v;
                if (first is not { } f)
                    continue;
                if (view.Target(f) is { } target)
                {
                    if (target.Type == "AWS::EC2::VPC")
                        return vpcGroup.GetValueOrDefault($"{view.Name}/{target.LogicalId}");
                    if (target.Type == "AWS::EC2::Subnet" && target.Get("VpcId") is { } sv && view.RefTarget(sv) is { } vpc)
                        return vpcGroup.GetValueOrDefault($"{view.Name}/{vpc}");
                }

                var text = view.Str(f);
                if (text.Complete && vpcGroup.TryGetValue(text.Value, out var g))
                    return g;
            }

            return null;
        }

        private static string RoleName(StackView view) => view.Stack.Name;

        private static string Name(StackView view, TemplateResource r)
        {
            if (view.Str(r, "Name") is { Complete: true } n)
                return n.Value;
            if (r.Get("Tags") is { } tags && view.List(tags) is { } list)
            {
                foreach (var tag in list.Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Key", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() == "Name"))
                {
                    if (tag.TryGetProperty("Value", out var value))
                        return view.Str(value).ToString();
                }
            }

            return r.LogicalId;
        }

        private string Environment(string region, string? account)
        {
            var regionId = $"region_{SafeId(region)}";
            if (!groups.Any(g => g.Id == regionId))
            {
                ids.Add(regionId);
                groups.Add(new DiagramGroup(regionId, $"Region {region}", null));
            }

            var accountId = SafeId($"acct_{account ?? "deploying"}_{region}");
            if (!groups.Any(g => g.Id == accountId))
            {
                ids.Add(accountId);
                groups.Add(new DiagramGroup(accountId, account is null ? "deploying account" : $"account {account}", regionId));
            }

            return accountId;
        }

        private string Unique(string text)
        {
            var id = SafeId(text);
            var candidate = id;
            for (var i = 2; !ids.Add(candidate); i++)
                candidate = $"{id}_{i}";
            return candidate;
        }
    }
}
