using System.Text.RegularExpressions;
using Interlink.Analysis.Network;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Reachability;

/// <summary>
/// Proves, hop by hop, that each consumer endpoint reaches each provider target on the service port, or
/// says which settings block it and where to fix them.
/// </summary>
public static partial class ReachabilityAnalyzer
{
    private const int EphemeralFrom = 1024;
    private const int EphemeralTo = 65535;

    /// <summary>Analyzes every interface endpoint of <paramref name="model"/>.</summary>
    public static ReachabilityReport Analyze(NetworkModel model)
    {
        var verdicts = new List<Verdict>();
        foreach (var endpoint in model.Endpoints.OrderBy(e => e.Location.Stack, StringComparer.Ordinal))
            verdicts.AddRange(new EndpointWalk(model, endpoint).Run());
        return new ReachabilityReport(model.Name, model.Mode, verdicts, model.Unsupported, model.Assumptions);
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>[^:]+):(root|role/.+|user/.+)$")]
    private static partial Regex PrincipalArn();

    private sealed class Trail
    {
        public List<Hop> Hops { get; } = [];

        public List<Explanation> Failures { get; } = [];

        public Trail Copy()
        {
            var t = new Trail();
            t.Hops.AddRange(Hops);
            t.Failures.AddRange(Failures);
            return t;
        }

        public bool Check(string step, Location at, string what, bool ok, string code, string why)
        {
            Hops.Add(new Hop(step, at.Stack, at.LogicalId, what, ok ? HopStatus.Pass : HopStatus.Fail, ok ? null : code));
            if (!ok && !Failures.Any(f => f.Code == code && f.Stack == at.Stack && f.LogicalId == at.LogicalId && f.Message == why))
                Failures.Add(new Explanation(code, at.Stack, at.LogicalId, why));
            return ok;
        }

        public void Note(string step, Location at, string what, HopStatus status = HopStatus.Info) =>
            Hops.Add(new Hop(step, at.Stack, at.LogicalId, what, status));
    }

    private sealed record Source(string Label, Ipv4Cidr Cidr, Subnet Subnet, Host? Host);

    private sealed class EndpointWalk(NetworkModel model, InterfaceEndpoint endpoint)
    {
        private readonly List<Source> sources = [];
        private int? port;

        public IEnumerable<Verdict> Run()
        {
            var trail = new Trail();
            var service = model.ServiceOf(endpoint);
            var loadBalancers = model.LoadBalancersOf(endpoint);
            port = model.ConsumerPort(endpoint);
            FindSources(trail);
            var endpointSubnets = endpoint.SubnetIds.Select(model.Subnet).OfType<Subnet>().ToList();

            // Consumer side: client egress, ACLs between client and endpoint subnets, endpoint security group.
            foreach (var source in sources)
            {
                if (source.Host is { } host)
                {
                    var targets = endpointSubnets.Select(s => s.ParsedCidr).OfType<Ipv4Cidr>().ToList();
                    var group = FirstGroup(host.SecurityGroupIds, host.Location);
                    var ok = port is { } p && targets.All(t => Allows(host.SecurityGroupIds, egress: true, t, p, null));
                    trail.Check("client egress", group, $"{source.Label}: tcp/{PortText} out to the endpoint subnets {string.Join(", ", targets)}", ok,
                        ExplanationCodes.SgEgressMismatch, $"client {host.Location} security groups do not allow tcp/{PortText} out to every endpoint subnet ({string.Join(", ", targets)}); add an egress rule");
                }

                foreach (var es in endpointSubnets.Where(s => s.Id != source.Subnet.Id && s.ParsedCidr is not null))
                {
                    Acl(trail, source.Subnet, egress: true, es.ParsedCidr!.Value, port ?? 0, port ?? 0, ExplanationCodes.NaclDeny, "client subnet to endpoint");
                    Acl(trail, es, egress: false, source.Cidr, port ?? 0, port ?? 0, ExplanationCodes.NaclDeny, "endpoint subnet from client");
                    Acl(trail, es, egress: true, source.Cidr, EphemeralFrom, EphemeralTo, ExplanationCodes.NaclDeny, "endpoint subnet reply to client");
                    Acl(trail, source.Subnet, egress: false, es.ParsedCidr!.Value, EphemeralFrom, EphemeralTo, ExplanationCodes.NaclDeny, "client subnet reply from endpoint");
                }

                var endpointGroups = endpoint.SecurityGroupIds.Count > 0 ? endpoint.SecurityGroupIds : [endpoint.VpcId + "#default-sg"];
                var okIn = port is { } pp && Allows(endpointGroups, egress: false, source.Cidr, pp, source.Host?.SecurityGroupIds);
                trail.Check("endpoint security group", FirstGroup(endpointGroups, endpoint.Location), $"tcp/{PortText} in from {source.Label} ({source.Cidr})", okIn,
                    ExplanationCodes.EndpointSgBlocks, endpoint.SecurityGroupIds.Count == 0
                        ? $"endpoint {endpoint.Location} has no security group: the VPC default group admits only its own members; give it one that admits tcp/{PortText} from {source.Cidr}"
                        : $"endpoint security group does not admit tcp/{PortText} from {source.Label} ({source.Cidr}); add an ingress rule");
            }

            if (!ServiceChecks(trail, service))
                return [Finish(trail, null)];

            var verdicts = new List<Verdict>();
            foreach (var lb in loadBalancers)
                verdicts.AddRange(LoadBalancerPath(trail.Copy(), service!, lb));
            if (loadBalancers.Count == 0)
            {
                trail.Check("endpoint service", service!.Location, "has a Network Load Balancer", false, ExplanationCodes.ServiceNotFound,
                    $"endpoint service {service.Location} has no Network Load Balancer in the assembly");
                verdicts.Add(Finish(trail, null));
            }

            return verdicts;
        }

        private string PortText => port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";

        private void FindSources(Trail trail)
        {
            var vpcSubnets = model.Subnets.Where(s => s.VpcId == endpoint.VpcId).ToList();
            foreach (var host in model.Hosts)
            {
                var subnet = vpcSubnets.FirstOrDefault(s => s.Id == host.SubnetId);
                if (subnet?.ParsedCidr is not { } cidr)
                    continue;
                var at = host.PrivateIp is not null && Ipv4.TryParse(host.PrivateIp, out var ip) ? new Ipv4Cidr(ip, 32) : cidr;
                sources.Add(new Source($"client {host.Location.LogicalId}", at, subnet, host));
            }

            if (sources.Count > 0)
                return;
            var candidates = vpcSubnets.Where(s => !model.RouteTable(s.RouteTableId)?.Routes.Any(r => r.Target == RouteTarget.InternetGateway) ?? true).ToList();
            foreach (var subnet in candidates.Where(s => s.ParsedCidr is not null))
                sources.Add(new Source($"subnet {subnet.Location.LogicalId}", subnet.ParsedCidr!.Value, subnet, null));
            if (sources.Count == 0)
                trail.Note("consumer", endpoint.Location, "no client host and no private subnet with a known CIDR in the endpoint's VPC", HopStatus.Unverified);
        }

        private bool ServiceChecks(Trail trail, EndpointService? service)
        {
            if (service is null)
            {
                trail.Check("endpoint service", endpoint.Location, $"ServiceName {endpoint.ServiceName} names an endpoint service", false, ExplanationCodes.ServiceNotFound,
                    $"ServiceName {endpoint.ServiceName} names no endpoint service of the assembly; feed it the service's EndpointServiceName output");
                return false;
            }

            var lookedIn = endpoint.ServiceRegion ?? endpoint.Region;
            var found = trail.Check("endpoint service", endpoint.Location, $"ServiceName {endpoint.ServiceName} (looked up in {lookedIn}) names {service.Location}",
                lookedIn == service.Region && (endpoint.ServiceNameRegion is null || endpoint.ServiceNameRegion == service.Region), ExplanationCodes.ServiceNotFound,
                endpoint.ServiceRegion is null && endpoint.Region != service.Region
                    ? $"the endpoint looks for the service in its own Region {endpoint.Region}, but it lives in {service.Region}; set ServiceRegion: {service.Region}"
                    : $"the endpoint looks for the service in {lookedIn} (name Region {endpoint.ServiceNameRegion ?? "?"}), but it lives in {service.Region}");

            if (endpoint.Region != service.Region)
            {
                var supported = service.SupportedRegions ?? [];
                trail.Check("supported Regions", service.Location, $"SupportedRegions [{string.Join(", ", supported)}] include {endpoint.Region}",
                    supported.Contains(endpoint.Region), ExplanationCodes.RegionNotSupported,
                    $"endpoint service SupportedRegions [{string.Join(", ", supported)}] do not include the consumer Region {endpoint.Region}; add it");
            }

            // An account left to the deploy is the same on both sides: the deploying account.
            const string deploying = "(deploying)";
            var account = endpoint.Account ?? deploying;
            var allowed = service.AllowedPrincipals.Any(p => p == "*"
                || (PrincipalArn().Match(p.Replace("${AWS::AccountId}", deploying, StringComparison.Ordinal)) is { Success: true } m && m.Groups["account"].Value == account));
            trail.Check("permission", service.PermissionsLocation ?? service.Location,
                $"allowed principals [{string.Join(", ", service.AllowedPrincipals)}] include account {endpoint.Account ?? "(deploying)"}", allowed, ExplanationCodes.PrincipalNotAllowed,
                $"the endpoint service does not allow the consumer account {endpoint.Account ?? "(deploying)"}; add arn:${{AWS::Partition}}:iam::{endpoint.Account ?? "${AWS::AccountId}"}:root to AllowedPrincipals");
            trail.Note("acceptance", service.Location, service.AcceptanceRequired
                ? "AcceptanceRequired: the deploy accepts the consumer's connection (informational)"
                : "AcceptanceRequired off: connections are accepted automatically");
            return found;
        }

        private IEnumerable<Verdict> LoadBalancerPath(Trail trail, EndpointService service, LoadBalancer lb)
        {
            var lbSubnets = lb.SubnetIds.Select(model.Subnet).OfType<Subnet>().ToList();
            var served = lbSubnets.Select(s => s.Az).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (endpoint.Region == lb.Region)
            {
                foreach (var subnet in endpoint.SubnetIds.Select(model.Subnet).OfType<Subnet>())
                {
                    trail.Check("endpoint AZ", endpoint.Location, $"endpoint subnet {subnet.Location.LogicalId} in {subnet.Az} is served by the NLB ({string.Join(", ", served.Order())})",
                        subnet.Az is not null && served.Contains(subnet.Az), ExplanationCodes.AzNotServed,
                        $"endpoint subnet {subnet.Location.LogicalId} is in {subnet.Az ?? "an unknown AZ"}, where the NLB has no subnet (served: {string.Join(", ", served.Order())}); place the endpoint by AZ ID in a served AZ");
                }
            }
            else
            {
                trail.Note("endpoint AZ", endpoint.Location, $"cross-Region: AWS serves the endpoint in {endpoint.Region} from the NLB's AZs in {lb.Region}");
            }

            if (lb.EnforceSecurityGroupsOnPrivateLink)
            {
                foreach (var source in sources)
                {
                    trail.Check("NLB security group", FirstGroup(lb.SecurityGroupIds, lb.Location), $"tcp/{PortText} in from {source.Label} ({source.Cidr}) (enforced on PrivateLink traffic)",
                        port is { } p && Allows(lb.SecurityGroupIds, egress: false, source.Cidr, p, null), ExplanationCodes.NlbSgBlocks,
                        $"the NLB security group does not admit tcp/{PortText} from the consumer {source.Cidr}, and PrivateLink traffic is enforced: add an ingress rule for the consumer CIDR (traffic is dropped silently otherwise)");
                }
            }
            else
            {
                trail.Note("NLB security group", lb.Location, lb.SecurityGroupIds.Count == 0 ? "no security group: inbound not filtered" : "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic off: PrivateLink traffic not filtered");
            }

            var listener = lb.Listeners.FirstOrDefault(l => l.Port == port);
            if (!trail.Check("listener", listener?.Location ?? lb.Location, $"listener on tcp/{PortText}", listener is not null, ExplanationCodes.NoListener,
                    $"the NLB has no listener on port {PortText}; add one forwarding to the target group"))
                return [Finish(trail, null)];
            var groups = listener!.TargetGroupIds.Select(id => model.TargetGroups.FirstOrDefault(t => t.Id == id)).OfType<TargetGroup>().ToList();
            if (!trail.Check("target group", listener.Location, $"forwards to {string.Join(", ", groups.Select(g => g.Location.LogicalId))}", groups.Count > 0, ExplanationCodes.NoListener,
                    "the listener forwards to no target group of the assembly"))
                return [Finish(trail, null)];

            var verdicts = new List<Verdict>();
            foreach (var group in groups)
            {
                if (group.Targets.Count == 0)
                {
                    var t = trail.Copy();
                    t.Check("targets", group.Location, "has registered targets", false, ExplanationCodes.NoListener, "the target group has no registered targets");
                    verdicts.Add(Finish(t, null));
                }

                foreach (var target in group.Targets)
                    verdicts.Add(TargetPath(trail.Copy(), lb, lbSubnets, group, target));
            }

            return verdicts;
        }

        private Verdict TargetPath(Trail trail, LoadBalancer lb, List<Subnet> lbSubnets, TargetGroup group, Target target)
        {
            // Unknown ports (null) are checked as port 0, which no rule admits: the verdict fails rather than passes.
            var targetPort = group.TrafficPort(target) ?? 0;
            var healthPort = group.HealthCheckPortOf(target) ?? 0;
            var label = $"{target.Ip ?? target.Id}:{targetPort}";
            if (target.Ip is null || !Ipv4.TryParse(target.Ip, out var ip))
            {
                trail.Note("target", group.Location, $"target {target.Id} has no fixed IP: the route and security checks cannot be made offline", HopStatus.Unverified);
                return Finish(trail, label);
            }

            var lbVpc = model.Vpc(lbSubnets.FirstOrDefault()?.VpcId);
            var outside = lbVpc?.ParsedCidr is not { } own || !own.Contains(ip);
            if (outside && group.TargetType == "ip")
            {
                trail.Check("target AZ", group.Location, $"target {target.Ip} outside the NLB's VPC registered with AvailabilityZone {target.AvailabilityZone ?? "(none)"}",
                    target.AvailabilityZone is not null, ExplanationCodes.TargetAzRequired,
                    $"target {target.Ip} is outside the NLB's VPC: register it with AvailabilityZone: all");
            }

            // Forward route from every NLB subnet, longest prefix.
            Vpc? targetVpc = null;
            PeeringConnection? peering = null;
            foreach (var subnet in lbSubnets)
            {
                var table = model.RouteTable(subnet.RouteTableId);
                var route = table?.Routes.Where(r => r.ParsedDestination is { } d && d.Contains(ip)).MaxBy(r => r.ParsedDestination!.Value.Prefix);
                var at = table?.Location ?? subnet.Location;
                if (route is null || route.Target is not (RouteTarget.Local or RouteTarget.Peering))
                {
                    trail.Check("route", at, $"NLB subnet {subnet.Location.LogicalId}: route to {target.Ip}", false, ExplanationCodes.NoRoute,
                        route is null ? $"route table has no route to {target.Ip}; add a route to the provider CIDR over the peering"
                            : $"route table sends {target.Ip} to {route.Target} {route.TargetId} ({route.Location}), not local or a peering");
                    continue;
                }

                if (route.Target == RouteTarget.Local)
                {
                    targetVpc = lbVpc;
                    trail.Check("route", at, $"NLB subnet {subnet.Location.LogicalId}: {target.Ip} is local ({route.Destination})", true, ExplanationCodes.NoRoute, "");
                    continue;
                }

                var p = model.Peerings.FirstOrDefault(x => x.Id == route.TargetId);
                var other = p is null ? null : model.Vpc(p.RequesterVpcId == subnet.VpcId ? p.AccepterVpcId : p.AccepterVpcId == subnet.VpcId ? p.RequesterVpcId : null);
                var ok = other?.ParsedCidr is { } oc && oc.Contains(ip);
                if (trail.Check("route", route.Location, $"NLB subnet {subnet.Location.LogicalId}: {route.Destination} via peering {p?.Location.LogicalId ?? route.TargetId} to {other?.Cidr ?? "?"}", ok,
                        ExplanationCodes.NoRoute, p is null ? $"route {route.Location} names peering {route.TargetId}, which is not in the assembly"
                            : $"route {route.Location} sends {target.Ip} over {p.Location}, whose other VPC ({other?.Cidr ?? "unknown"}) does not hold it"))
                {
                    targetVpc = other;
                    peering = p;
                }
            }

            if (peering is not null)
            {
                trail.Check("peering", peering.Location, $"peering {peering.RequesterRegion}↔{peering.AccepterRegion} accepted ({peering.Acceptance})", peering.Accepted,
                    ExplanationCodes.PeeringNotAccepted, $"{peering.Acceptance}; set PeerRoleArn to a role in the accepter account that may ec2:AcceptVpcPeeringConnection");
            }

            if (group.PreserveClientIp && targetVpc is not null && targetVpc.Region != lb.Region)
            {
                trail.Check("client IP preservation", group.Location, "preserve_client_ip.enabled with targets in another Region", false, ExplanationCodes.ClientIpPreservationAcrossRegions,
                    $"client IP preservation is on but target {target.Ip} is in {targetVpc.Region} (NLB in {lb.Region}); set preserve_client_ip.enabled to false");
            }

            var targetSubnet = targetVpc is null ? null : model.Subnets.FirstOrDefault(s => s.VpcId == targetVpc.Id && s.ParsedCidr is { } c && c.Contains(ip));
            if (targetVpc is not null && targetSubnet is null)
            {
                trail.Check("target subnet", targetVpc.Location, $"{target.Ip} lies in a subnet of {targetVpc.Cidr}", false, ExplanationCodes.NoRoute,
                    $"{target.Ip} is in no subnet of VPC {targetVpc.Location} ({targetVpc.Cidr})");
            }

            var nlbCidrs = lbSubnets.Select(s => s.ParsedCidr).OfType<Ipv4Cidr>().ToList();
            var trafficSources = group.PreserveClientIp ? sources.Select(s => s.Cidr).ToList() : nlbCidrs;
            var targetCidr = new Ipv4Cidr(ip, 32);

            // NLB security group egress to the target.
            if (lb.SecurityGroupIds.Count > 0)
            {
                var ports = healthPort == targetPort ? [targetPort] : new[] { targetPort, healthPort };
                foreach (var p in ports)
                {
                    var health = p != targetPort;
                    trail.Check(health ? "NLB egress (health check)" : "NLB egress", FirstGroup(lb.SecurityGroupIds, lb.Location), $"tcp/{p} out to {target.Ip}",
                        Allows(lb.SecurityGroupIds, egress: true, targetCidr, p, null), health ? ExplanationCodes.HealthCheckBlocked : ExplanationCodes.SgEgressMismatch,
                        $"the NLB security group does not allow tcp/{p}{(health ? " (health check)" : "")} out to {target.Ip}; add an egress rule");
                }
            }

            if (targetSubnet is not null)
            {
                foreach (var subnet in lbSubnets.Where(s => s.ParsedCidr is not null && s.Id != targetSubnet.Id))
                {
                    var from = subnet.ParsedCidr!.Value;
                    Acl(trail, subnet, egress: true, targetCidr, targetPort, targetPort, ExplanationCodes.NaclDeny, "NLB subnet to target");
                    Acl(trail, targetSubnet, egress: false, group.PreserveClientIp ? from : from, targetPort, targetPort, ExplanationCodes.NaclDeny, "target subnet from NLB");
                    if (healthPort != targetPort)
                        Acl(trail, targetSubnet, egress: false, from, healthPort, healthPort, ExplanationCodes.HealthCheckBlocked, "health check into target subnet");
                    Acl(trail, targetSubnet, egress: true, from, EphemeralFrom, EphemeralTo, ExplanationCodes.NaclDeny, "target subnet reply to NLB");
                    Acl(trail, subnet, egress: false, targetCidr, EphemeralFrom, EphemeralTo, ExplanationCodes.NaclDeny, "NLB subnet reply from target");
                }

                TargetGroups(trail, lb, group, targetVpc!, targetSubnet, ip, targetPort, healthPort, trafficSources, nlbCidrs);

                // Return route from the target subnet to each NLB subnet, over the same path.
                var table = model.RouteTable(targetSubnet.RouteTableId);
                foreach (var nlb in lbSubnets.Where(s => s.ParsedCidr is not null))
                {
                    var back = table?.Routes.Where(r => r.ParsedDestination is { } d && d.Contains(nlb.ParsedCidr!.Value)).MaxBy(r => r.ParsedDestination!.Value.Prefix);
                    var ok = back is not null && (peering is null ? back.Target == RouteTarget.Local && targetVpc!.Id == nlb.VpcId : back.Target == RouteTarget.Peering && back.TargetId == peering.Id);
                    trail.Check("return route", ok ? back!.Location : table?.Location ?? targetSubnet.Location,
                        $"target subnet {targetSubnet.Location.LogicalId}: route back to NLB subnet {nlb.Cidr}{(back is null ? "" : $" via {back.Target} {back.Destination}")}", ok,
                        ExplanationCodes.NoReturnRoute, back is null
                            ? $"the target subnet's route table has no route back to the NLB subnet {nlb.Cidr}; add a route to the relay CIDR over {peering?.Location.ToString() ?? "the peering"}"
                            : $"the target subnet's route table sends {nlb.Cidr} to {back.Target} {back.TargetId} ({back.Location}), not back over {peering?.Location.ToString() ?? "the VPC"}");
                }
            }

            return Finish(trail, label);
        }

        private void TargetGroups(Trail trail, LoadBalancer lb, TargetGroup group, Vpc targetVpc, Subnet targetSubnet, uint ip, int targetPort, int healthPort,
            List<Ipv4Cidr> trafficSources, List<Ipv4Cidr> nlbCidrs)
        {
            var text = Ipv4.Format(ip);
            var host = model.Hosts.FirstOrDefault(h => h.PrivateIp == text && model.Subnet(h.SubnetId)?.VpcId == targetVpc.Id);
            IReadOnlyList<string> sgs = host?.SecurityGroupIds ?? model.SecurityGroups.Where(g => g.Existing && g.VpcId == targetVpc.Id).Select(g => g.Id).ToList();
            if (sgs.Count == 0)
            {
                trail.Note("target security group", targetSubnet.Location, $"no host at {text} and no known security group in its VPC: the target's security group is not checked", HopStatus.Unverified);
                return;
            }

            var at = FirstGroup(sgs, host?.Location ?? targetSubnet.Location);
            var sameVpc = targetVpc.Id == model.Subnet(lb.SubnetIds.FirstOrDefault())?.VpcId;
            var lbGroups = sameVpc ? lb.SecurityGroupIds : null;
            var existing = sgs.Select(model.SecurityGroup).Any(g => g?.Existing == true) ? " (rules added by these templates; the group's other rules are not known)" : "";
            foreach (var from in trafficSources)
            {
                trail.Check("target security group", at, $"tcp/{targetPort} in from {from}{existing}", Allows(sgs, egress: false, from, targetPort, lbGroups), ExplanationCodes.SgIngressMismatch,
                    $"target {text} security group does not admit tcp/{targetPort} from {from}; admit the NLB subnets' CIDRs (security group references do not work across peering)");
            }

            foreach (var from in nlbCidrs)
            {
                trail.Check("health check", at, $"{group.HealthCheckProtocol} health check tcp/{healthPort} in from {from}", Allows(sgs, egress: false, from, healthPort, lbGroups),
                    ExplanationCodes.HealthCheckBlocked, $"target {text} does not admit the health check tcp/{healthPort} from NLB subnet {from}; the target stays unhealthy: add an ingress rule");
            }
        }

        private Location FirstGroup(IReadOnlyList<string> ids, Location fallback) => ids.Select(model.SecurityGroup).OfType<SecurityGroup>().FirstOrDefault()?.Location ?? fallback;

        /// <summary>Whether any of <paramref name="groupIds"/> allows TCP <paramref name="port"/> to or from all of <paramref name="peer"/>.</summary>
        private bool Allows(IReadOnlyList<string> groupIds, bool egress, Ipv4Cidr peer, int port, IReadOnlyList<string>? peerGroups)
        {
            foreach (var group in groupIds.Select(model.SecurityGroup).OfType<SecurityGroup>())
            {
                foreach (var rule in egress ? group.Egress : group.Ingress)
                {
                    if (!rule.CoversTcp(port) || rule.PrefixListId is not null)
                        continue;
                    if (rule.Cidr is not null && Ipv4Cidr.TryParse(rule.Cidr, out var c, out _) && c.Contains(peer))
                        return true;

                    // Group references hold within one VPC only.
                    if (rule.GroupId is not null && peerGroups is not null && peerGroups.Contains(rule.GroupId)
                        && model.SecurityGroup(rule.GroupId)?.VpcId is { } v && v == group.VpcId)
                        return true;
                }
            }

            return false;
        }

        private void Acl(Trail trail, Subnet subnet, bool egress, Ipv4Cidr peer, int from, int to, string code, string what)
        {
            var acl = model.NetworkAcl(subnet.NetworkAclId);
            if (acl is null)
                return;
            var direction = egress ? "out" : "in";
            foreach (var entry in acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
            {
                if (!entry.Protocol.IncludesTcp || !Ipv4Cidr.TryParse(entry.Cidr, out var c, out _) || !c.Overlaps(peer))
                    continue;
                var (lo, hi) = entry.TcpPorts;
                if (hi < from || lo > to)
                    continue;
                if (!entry.Allow)
                {
                    trail.Check("network ACL", entry.Location, $"{what}: tcp/{from}{(to != from ? "-" + to : "")} {direction} {peer}", false, code,
                        $"network ACL {acl.Location} rule {entry.RuleNumber} denies tcp/{from}{(to != from ? "-" + to : "")} {direction} {(egress ? "to" : "from")} {peer} on subnet {subnet.Location.LogicalId}");
                    return;
                }

                if (c.Contains(peer) && lo <= from && hi >= to)
                {
                    trail.Check("network ACL", entry.Location, $"{what}: rule {entry.RuleNumber} allows tcp/{from}{(to != from ? "-" + to : "")} {direction} {peer}", true, code, "");
                    return;
                }
            }

            trail.Check("network ACL", acl.Location, $"{what}: tcp/{from}{(to != from ? "-" + to : "")} {direction} {peer}", false, code,
                $"network ACL {acl.Location} has no rule allowing tcp/{from}{(to != from ? "-" + to : "")} {direction} {(egress ? "to" : "from")} {peer} (the final rule denies)");
        }

        private Verdict Finish(Trail trail, string? target) => new(endpoint.Location.Stack, endpoint.Location.LogicalId, endpoint.Account, endpoint.Region,
            sources.Select(s => $"{s.Label} ({s.Cidr})").ToList(), port, target, trail.Failures.Count == 0 && !trail.Hops.Any(h => h.Status == HopStatus.Fail),
            trail.Hops, trail.Failures.FirstOrDefault(), trail.Failures.Skip(1).ToList());
    }
}
