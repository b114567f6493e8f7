using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Network;

public static partial class NetworkModelBuilder
{
    // What serves and what connects: hosts, target groups, load balancers with their listeners, endpoint services
    // with their permissions, and interface endpoints.
    private sealed partial class Builder
    {
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
