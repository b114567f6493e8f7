using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Network;

/// <summary>
/// Builds the <see cref="NetworkModel"/> of a cloud assembly from its resolved templates, plus the wiring
/// manifest's description of VPCs that exist already (the templates only name their IDs).
/// </summary>
public static class NetworkModelBuilder
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

    private sealed class Builder(CloudAssembly assembly)
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

        private List<PeeringConnection> Peerings()
        {
            var list = new List<PeeringConnection>();
            foreach (var r in Of("AWS::EC2::VPCPeeringConnection"))
            {
                var requester = VpcOf(r);
                var accepter = IdOf(r["PeerVpcId"]);
                if (requester is null || accepter is null)
                {
                    if (accepter is null)
                        unsupported.Add(new Unsupported(r.Location, r.Type, $"PeerVpcId {r["PeerVpcId"]?.Display()} is not known offline"));
                    continue;
                }

                var owner = r["PeerOwnerId"];
                var accepterAccount = owner is null ? r.Stack.Account : owner.Text;
                var sameAccount = owner is null || owner.Text == r.Stack.Account || (owner is CfnUnknown { Name: "AWS::AccountId" } && r.Stack.Account is null);
                var role = r["PeerRoleArn"];
                bool accepted;
                string how;
                if (sameAccount)
                    (accepted, how) = (true, "same account: CloudFormation accepts it");
                else if (role is null)
                    (accepted, how) = (false, $"cross-account (peer owner {accepterAccount ?? owner!.Display()}) without PeerRoleArn: the request stays pending-acceptance");
                else if (role.Display().Split(':') is [_, _, _, _, var roleAccount, ..] && accepterAccount is not null && roleAccount != accepterAccount && role.Text is not null)
                    (accepted, how) = (false, $"PeerRoleArn {role.Display()} is not in the accepter account {accepterAccount}");
                else
                    (accepted, how) = (true, $"cross-account: accepted through PeerRoleArn {role.Display()}");
                var region = r["PeerRegion"]?.Text ?? r.Stack.Region;
                list.Add(new PeeringConnection(r.Key, r.Location, requester, accepter, r.Stack.Region, region, r.Stack.Account, sameAccount ? r.Stack.Account : accepterAccount, accepted, how));
            }

            return list;
        }

        private void Routes()
        {
            foreach (var r in Of("AWS::EC2::Route"))
            {
                var table = IdOf(r["RouteTableId"]);
                if (table is null || !tables.TryGetValue(table, out var t))
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, $"route table {r["RouteTableId"]?.Display()} is not known"));
                    continue;
                }

                var destination = r["DestinationCidrBlock"]?.Text;
                if (destination is null)
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, "only IPv4 DestinationCidrBlock routes are modeled"));
                    continue;
                }

                var (target, id) = r["VpcPeeringConnectionId"] is { } p ? (RouteTarget.Peering, IdOf(p))
                    : r["NatGatewayId"] is { } n ? (RouteTarget.NatGateway, IdOf(n))
                    : r["GatewayId"] is { } g ? (IdOf(g) == "local" ? RouteTarget.Local : RouteTarget.InternetGateway, IdOf(g))
                    : (RouteTarget.Other, IdOf(r["TransitGatewayId"] ?? r["NetworkInterfaceId"] ?? r["InstanceId"] ?? r["VpcEndpointId"]));
                t.Routes.Add(new Route(destination, target, id, r.Location));
            }
        }

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

        private List<Subnet> Subnets()
        {
            var associations = Of("AWS::EC2::SubnetRouteTableAssociation").Select(r => (Subnet: IdOf(r["SubnetId"]), Table: IdOf(r["RouteTableId"]), r.Location))
                .Where(a => a.Subnet is not null && a.Table is not null).GroupBy(a => a.Subnet!).ToDictionary(g => g.Key, g => g.Last());
            var aclAssociations = Of("AWS::EC2::SubnetNetworkAclAssociation").Select(r => (Subnet: IdOf(r["SubnetId"]), Acl: IdOf(r["NetworkAclId"])))
                .Where(a => a.Subnet is not null && a.Acl is not null).GroupBy(a => a.Subnet!).ToDictionary(g => g.Key, g => g.Last().Acl);
            var list = new List<Subnet>();
            foreach (var r in Of("AWS::EC2::Subnet"))
            {
                if (VpcOf(r) is not { } vpc)
                    continue;
                var assoc = associations.GetValueOrDefault(r.Key);
                list.Add(new Subnet(r.Key, r.Location, vpc, r["CidrBlock"]?.Text, r["AvailabilityZoneId"]?.Text, r["AvailabilityZone"]?.Text,
                    assoc.Table ?? vpcs[vpc].MainRouteTableId, assoc.Table is null ? null : assoc.Location, aclAssociations.GetValueOrDefault(r.Key), r.NameTag));
            }

            foreach (var existing in assembly.Wiring.ExistingVpcs ?? [])
            {
                foreach (var s in existing.Subnets)
                {
                    var assoc = associations.GetValueOrDefault(s.Id);
                    list.Add(new Subnet(s.Id, vpcs[existing.Id].Location with { LogicalId = s.Id }, existing.Id, s.Cidr, s.AzId, null,
                        assoc.Table ?? s.RouteTableId, assoc.Location, aclAssociations.GetValueOrDefault(s.Id)));
                }
            }

            return list;
        }

        private List<Host> Hosts()
        {
            var list = new List<Host>();
            foreach (var r in Of("AWS::EC2::Instance"))
            {
                var nic = CfnValue.ListOf(r["NetworkInterfaces"]).FirstOrDefault();
                var template = IdOf(r["LaunchTemplate"]?["LaunchTemplateId"]) is { } lt && resources.TryGetValue(lt, out var ltr) ? ltr["LaunchTemplateData"] : null;
                var subnet = IdOf(r["SubnetId"] ?? nic?["SubnetId"]);
                if (subnet is null)
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, "instance without a SubnetId (default subnet) is not modeled"));
                    continue;
                }

                var sgs = IdsOf(r["SecurityGroupIds"]);
                if (sgs.Count == 0)
                    sgs = IdsOf(nic?["GroupSet"]);
                if (sgs.Count == 0)
                    sgs = IdsOf(template?["SecurityGroupIds"]);
                if (sgs.Count == 0)
                    sgs = IdsOf(CfnValue.ListOf(template?["NetworkInterfaces"]).FirstOrDefault()?["Groups"]);
                if (sgs.Count == 0 && (r["SecurityGroups"] is not null || template?["SecurityGroups"] is not null))
                    unsupported.Add(new Unsupported(r.Location, r.Type, "security groups by name are not modeled"));
                if (sgs.Count == 0 && VpcOfSubnet(subnet) is { } vpc)
                    sgs = [vpc + "#default-sg"];
                list.Add(new Host(r.Key, r.Location, subnet, (r["PrivateIpAddress"] ?? nic?["PrivateIpAddress"])?.Text, sgs, r.NameTag));
            }

            return list;
        }

        private string? VpcOfSubnet(string subnet) =>
            resources.TryGetValue(subnet, out var s) ? IdOf(s["VpcId"]) : assembly.Wiring.ExistingVpcs?.FirstOrDefault(v => v.Subnets.Any(x => x.Id == subnet))?.Id;

        private List<TargetGroup> TargetGroups(List<Host> hosts)
        {
            var list = new List<TargetGroup>();
            foreach (var r in Of("AWS::ElasticLoadBalancingV2::TargetGroup"))
            {
                var type = r["TargetType"]?.Text ?? "instance";
                var protocol = r["Protocol"]?.Text ?? "TCP";
                var attributes = CfnValue.ListOf(r["TargetGroupAttributes"]).Where(a => a["Key"]?.Text is not null).GroupBy(a => a["Key"]!.Text!).ToDictionary(g => g.Key, g => g.Last()["Value"]?.Text);
                var preserve = attributes.GetValueOrDefault("preserve_client_ip.enabled") is { } p
                    ? string.Equals(p, "true", StringComparison.OrdinalIgnoreCase)
                    : type == "instance" || protocol.Contains("UDP", StringComparison.OrdinalIgnoreCase);
                var health = r["HealthCheckPort"]?.Text;
                var targets = new List<Target>();
                foreach (var t in CfnValue.ListOf(r["Targets"]))
                {
                    var id = IdOf(t["Id"]);
                    if (id is null)
                    {
                        unsupported.Add(new Unsupported(r.Location, r.Type, $"target {t["Id"]?.Display()} is not known offline"));
                        continue;
                    }

                    var ip = type == "ip" ? id : hosts.FirstOrDefault(h => h.Id == id)?.PrivateIp;
                    targets.Add(new Target(id, ip, t["Port"]?.AsInt(), t["AvailabilityZone"]?.Text));
                }

                if (type is "alb" or "lambda")
                    unsupported.Add(new Unsupported(r.Location, r.Type, $"target type {type} is not modeled"));
                list.Add(new TargetGroup(r.Key, r.Location, IdOf(r["VpcId"]), type, r["Port"]?.AsInt(), protocol,
                    health is null or "traffic-port" ? null : int.TryParse(health, out var hp) ? hp : null,
                    r["HealthCheckProtocol"]?.Text ?? protocol, preserve, targets));
            }

            return list;
        }

        private List<LoadBalancer> LoadBalancers()
        {
            var listeners = Of("AWS::ElasticLoadBalancingV2::Listener").Select(r => (Lb: IdOf(r["LoadBalancerArn"]), Listener: new Listener(r.Location, r["Port"]?.AsInt(), r["Protocol"]?.Text ?? "",
                CfnValue.ListOf(r["DefaultActions"]).Where(a => a["Type"]?.Text == "forward")
                    .SelectMany(a => a["TargetGroupArn"] is { } tg ? [IdOf(tg)] : CfnValue.ListOf(a["ForwardConfig"]?["TargetGroups"]).Select(x => IdOf(x["TargetGroupArn"])))
                    .OfType<string>().ToList()))).ToList();
            var list = new List<LoadBalancer>();
            foreach (var r in Of("AWS::ElasticLoadBalancingV2::LoadBalancer"))
            {
                var type = r["Type"]?.Text ?? "application";
                var subnets = IdsOf(r["Subnets"]);
                if (subnets.Count == 0)
                    subnets = CfnValue.ListOf(r["SubnetMappings"]).Select(m => IdOf(m["SubnetId"])).OfType<string>().ToList();
                var sgs = IdsOf(r["SecurityGroups"]);
                var enforce = sgs.Count > 0 && !string.Equals(r["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"]?.Text, "off", StringComparison.OrdinalIgnoreCase);
                if (type != "network")
                    unsupported.Add(new Unsupported(r.Location, r.Type, $"load balancer type {type}: only Network Load Balancers front endpoint services"));
                list.Add(new LoadBalancer(r.Key, r.Location, type, r["Scheme"]?.Text ?? "internet-facing", r.Stack.Region, subnets, sgs, enforce,
                    listeners.Where(l => l.Lb == r.Key).Select(l => l.Listener).ToList()));
            }

            return list;
        }

        private List<EndpointService> Services()
        {
            var permissions = Of("AWS::EC2::VPCEndpointServicePermissions").Select(r => (Service: IdOf(r["ServiceId"]), r.Location,
                Principals: CfnValue.ListOf(r["AllowedPrincipals"]).Select(p => p.Display()).ToList())).ToList();
            var list = new List<EndpointService>();
            foreach (var r in Of("AWS::EC2::VPCEndpointService"))
            {
                if (r["GatewayLoadBalancerArns"] is not null)
                    unsupported.Add(new Unsupported(r.Location, r.Type, "Gateway Load Balancer endpoint services are not modeled"));
                var mine = permissions.Where(p => p.Service == r.Key).ToList();
                var regions = r["SupportedRegions"] is { } sr ? CfnValue.ListOf(sr).Select(v => v.Display()).ToList() : null;
                list.Add(new EndpointService(r.Key, r.Location, r.Stack.Account, r.Stack.Region, IdsOf(r["NetworkLoadBalancerArns"]),
                    r["AcceptanceRequired"]?.AsBool() ?? false, mine.SelectMany(p => p.Principals).ToList(), mine.FirstOrDefault().Location, regions));
            }

            return list;
        }

        private List<InterfaceEndpoint> Endpoints(List<EndpointService> services)
        {
            var list = new List<InterfaceEndpoint>();
            foreach (var r in Of("AWS::EC2::VPCEndpoint"))
            {
                var type = r["VpcEndpointType"]?.Text ?? "Gateway";
                if (type != "Interface")
                    continue;
                if (VpcOf(r) is not { } vpc)
                    continue;
                var name = r["ServiceName"] ?? new CfnUnknown("no ServiceName");
                var parts = name is CfnConcat c ? c.Parts : [name];
                var service = parts.OfType<CfnRef>().Select(p => p.ResourceKey).FirstOrDefault(k => services.Any(s => s.Id == k));
                var text = name.Display();
                var nameRegion = text.StartsWith("com.amazonaws.vpce.", StringComparison.Ordinal) && text.Split('.') is { Length: > 4 } segments ? segments[3] : null;
                list.Add(new InterfaceEndpoint(r.Key, r.Location, r.Stack.Account, r.Stack.Region, vpc, IdsOf(r["SubnetIds"]), IdsOf(r["SecurityGroupIds"]),
                    text, service, nameRegion, r["ServiceRegion"]?.Text));
            }

            return list;
        }
    }
}
