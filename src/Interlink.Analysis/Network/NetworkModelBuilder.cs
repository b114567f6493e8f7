using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Network;

// The entry point and the builder's core: which resource types are read, the resolved resources, model IDs,
// VPCs (from the templates and the wiring manifest) and their route tables. The other parts of Builder read
// one concern each: NetworkModelBuilder.Paths.cs (peerings, routes, subnets), .Filters.cs (network ACLs,
// security groups), .Services.cs (hosts, target groups, load balancers, endpoint services, endpoints).

/// <summary>
/// Builds the <see cref="NetworkModel"/> of a cloud assembly from its resolved templates, plus the wiring
/// manifest's description of VPCs that exist already (the templates only name their IDs).
/// </summary>
public static partial class NetworkModelBuilder
{
    private static readonly HashSet<string> Modeled = new(StringComparer.Ordinal)
    {
        "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::Route",
        "AWS::EC2::VPCPeeringConnection", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation",
        "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate",
        "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::EC2::VPCEndpointService", "AWS::EC2::VPCEndpointServicePermissions", "AWS::EC2::VPCEndpoint",
    };

    // Resources that change where traffic goes or who may send it, which the model does not represent.
    // Not here: AWS::EC2::VPCEndpointConnectionNotification only publishes connection events to an SNS topic ("Receive
    // alerts for endpoint service events", AWS PrivateLink guide); it changes no packet's path.
    private static readonly HashSet<string> AffectsTraffic = new(StringComparer.Ordinal)
    {
        "AWS::EC2::TransitGateway", "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment", "AWS::EC2::TransitGatewayRoute",
        "AWS::EC2::TransitGatewayPeeringAttachment", "AWS::EC2::VPCCidrBlock", "AWS::EC2::SubnetCidrBlock", "AWS::EC2::NetworkInterface",
        "AWS::EC2::NetworkInterfaceAttachment", "AWS::EC2::VPNGateway", "AWS::EC2::VPNGatewayRoutePropagation", "AWS::EC2::GatewayRouteTableAssociation",
        "AWS::EC2::PrefixList", "AWS::EC2::LocalGatewayRoute", "AWS::EC2::CarrierGateway",
        "AWS::ElasticLoadBalancingV2::ListenerRule", "AWS::EC2::TrafficMirrorSession", "AWS::NetworkFirewall::Firewall", "AWS::EC2::VPCPeeringConnectionOptions",
        "AWS::EC2::SecurityGroupVpcAssociation",
    };

    /// <summary>The network model of <paramref name="assembly"/>.</summary>
    public static NetworkModel Build(CloudAssembly assembly) => new Builder(assembly).Build();

    private sealed record Res(StackTemplate Stack, string LogicalId, string Type, CfnValue Props)
    {
        public string Key => $"{Stack.Name}/{LogicalId}";

        public Location Location => new(Stack.Name, LogicalId);

        public CfnValue? this[string name] => Props[name];

        /// <summary>The <c>Name</c> tag: the name the console and the config show (logical IDs repeat across stacks).</summary>
        public string? NameTag => CfnValue.ListOf(this["Tags"]).FirstOrDefault(t => t["Key"]?.Text == "Name")?["Value"]?.Text;
    }

    private sealed partial class Builder(CloudAssembly assembly)
    {
        private readonly IntrinsicResolver resolver = new(assembly);
        private readonly Dictionary<string, Res> resources = new(StringComparer.Ordinal);
        private readonly List<Unsupported> unsupported = [];
        private readonly List<string> assumptions = [];
        private readonly Dictionary<string, Vpc> vpcs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Location Location, string VpcId, bool IsMain, List<Route> Routes)> tables = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Location Location, string VpcId, List<NetworkAclEntry> Entries)> acls = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Location Location, string? VpcId, List<SecurityGroupRule> In, List<SecurityGroupRule> Out, bool Existing)> groups = new(StringComparer.Ordinal);

        public NetworkModel Build()
        {
            foreach (var stack in assembly.Stacks.Values)
            {
                foreach (var (logicalId, type, properties) in stack.Resources())
                {
                    if (!Included(stack, logicalId))
                        continue;
                    if (AffectsTraffic.Contains(type))
                        unsupported.Add(new Unsupported(new Location(stack.Name, logicalId), type, "changes traffic in ways the analysis does not model"));
                    if (!Modeled.Contains(type))
                        continue;
                    var props = properties.ValueKind == JsonValueKind.Object ? resolver.Resolve(stack.Name, properties) : new CfnMap(new Dictionary<string, CfnValue>());
                    resources[$"{stack.Name}/{logicalId}"] = new Res(stack, logicalId, type, props);
                }
            }

            ExistingVpcs();
            foreach (var r in Of("AWS::EC2::VPC"))
            {
                var cidr = r["CidrBlock"]?.Text;
                if (cidr is null)
                    unsupported.Add(new Unsupported(r.Location, r.Type, "VPC without a literal CidrBlock (IPAM pools are not modeled)"));
                vpcs[r.Key] = new Vpc(r.Key, r.Location, r.Stack.Account, r.Stack.Region, cidr, false, r.Key + "#main", r.NameTag);
            }

            foreach (var vpc in vpcs.Values)
                tables.TryAdd(vpc.MainRouteTableId, (vpc.Location with { LogicalId = vpc.Location.LogicalId + " (main route table)" }, vpc.Id, true, []));
            foreach (var r in Of("AWS::EC2::RouteTable"))
            {
                if (VpcOf(r) is { } vpc)
                    tables[r.Key] = (r.Location, vpc, false, []);
            }

            var peerings = Peerings();
            Routes();
            Acls();
            SecurityGroups();
            var subnets = Subnets();
            var hosts = Hosts();
            var targetGroups = TargetGroups(hosts);
            var loadBalancers = LoadBalancers();
            var services = Services();
            var endpoints = Endpoints(services);

            var routeTables = tables.Select(t => new RouteTable(t.Key, t.Value.Location, t.Value.VpcId, t.Value.IsMain,
                [.. LocalRoute(t.Value.VpcId, t.Value.Location), .. t.Value.Routes])).ToList();
            return new NetworkModel(assembly.Wiring.Name, assembly.Wiring.Mode, [.. vpcs.Values], subnets, routeTables, peerings,
                [.. acls.Select(a => new NetworkAcl(a.Key, a.Value.Location, a.Value.VpcId, a.Value.Entries.OrderBy(e => e.RuleNumber).ToList()))],
                [.. groups.Select(g => new SecurityGroup(g.Key, g.Value.Location, g.Value.VpcId, g.Value.In, g.Value.Out, g.Value.Existing))],
                hosts, loadBalancers, targetGroups, services, endpoints, unsupported, assumptions);
        }

        private IEnumerable<Route> LocalRoute(string vpcId, Location table) =>
            vpcs.TryGetValue(vpcId, out var v) && v.Cidr is { } c ? [new Route(c, RouteTarget.Local, null, table)] : [];

        private bool Included(StackTemplate stack, string logicalId)
        {
            var resource = stack.Template.GetProperty("Resources").GetProperty(logicalId);
            if (!resource.TryGetProperty("Condition", out var c) || c.ValueKind != JsonValueKind.String)
                return true;
            var holds = resolver.Condition(stack.Name, c.GetString()!);
            if (holds is null)
                assumptions.Add($"{stack.Name}/{logicalId}: condition {c.GetString()} is not decidable offline; assumed to hold");
            return holds != false;
        }

        private IEnumerable<Res> Of(string type) => resources.Values.Where(r => r.Type == type);

        /// <summary>The model ID a value names: a resource reference, or a literal (existing) ID.</summary>
        private string? IdOf(CfnValue? value)
        {
            switch (value)
            {
                case CfnRef r:
                    var key = r.ResourceKey;
                    return r.Attribute switch
                    {
                        "MainRouteTableId" => key + "#main",
                        "DefaultSecurityGroup" => key + "#default-sg",
                        "DefaultNetworkAcl" => key + "#default-acl",
                        _ => key,
                    };
                case CfnString s when s.Value.Length > 0:
                    return s.Value;
                default:
                    return null;
            }
        }

        private List<string> IdsOf(CfnValue? value) => CfnValue.ListOf(value).Select(IdOf).OfType<string>().ToList();

        private string? VpcOf(Res r)
        {
            var id = IdOf(r["VpcId"]);
            if (id is null)
                unsupported.Add(new Unsupported(r.Location, r.Type, $"VpcId {r["VpcId"]?.Display() ?? "missing"} is not known offline"));
            else if (!vpcs.ContainsKey(id))
            {
                unsupported.Add(new Unsupported(r.Location, r.Type, $"VPC {id} is neither in the templates nor described in the wiring manifest"));
                vpcs[id] = new Vpc(id, r.Location with { LogicalId = id }, r.Stack.Account, r.Stack.Region, null, true, id + "#main");
                tables.TryAdd(id + "#main", (r.Location with { LogicalId = id + " (main route table)" }, id, true, []));
            }

            return id;
        }

        private void ExistingVpcs()
        {
            foreach (var existing in assembly.Wiring.ExistingVpcs ?? [])
            {
                var stack = assembly.Stacks.Values.FirstOrDefault(s => s.Region == existing.Region && s.Account == existing.Account && s.Template.GetRawText().Contains(existing.Id, StringComparison.Ordinal))
                    ?? assembly.Stacks.Values.FirstOrDefault(s => s.Region == existing.Region && s.Account == existing.Account);
                var stackName = stack?.Name ?? "(existing)";
                vpcs[existing.Id] = new Vpc(existing.Id, new Location(stackName, existing.Id), existing.Account, existing.Region, existing.Cidr, true, existing.Id + "#main");
                tables[existing.Id + "#main"] = (new Location(stackName, existing.Id + " (main route table)"), existing.Id, true, []);
                foreach (var s in existing.Subnets)
                    tables.TryAdd(s.RouteTableId, (new Location(stackName, s.RouteTableId), existing.Id, false, []));
                if (existing.HostSecurityGroupId is { } sg)
                    groups[sg] = (new Location(stackName, sg), existing.Id, [], [], true);
                assumptions.Add($"existing VPC {existing.Id}: only the local route and the routes these templates add are known in its route tables; its network ACLs are assumed to allow the traffic");
            }
        }
    }
}
