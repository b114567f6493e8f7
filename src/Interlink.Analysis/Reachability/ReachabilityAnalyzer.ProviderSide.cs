using Interlink.Analysis.Network;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Reachability;

public static partial class ReachabilityAnalyzer
{
    // The provider side of an endpoint's path: the NLB (AZs, security group, listener), then each target (route there
    // and back, peering, client IP preservation, ACLs, the NLB's egress and the target's security group).
    private sealed partial class EndpointWalk
    {
        private IEnumerable<Verdict> LoadBalancerPath(Trail trail, EndpointService service, LoadBalancer lb)
        {
            var lbSubnets = lb.SubnetIds.Select(model.Subnet).OfType<Subnet>().ToList();
            var served = lbSubnets.Select(s => s.Az).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (endpoint.Region == lb.Region)
            {
                foreach (var subnet in endpoint.SubnetIds.Select(model.Subnet).OfType<Subnet>())
                {
                    trail.Check("endpoint AZ", endpoint.Location, $"endpoint subnet {subnet.Label} in {subnet.Az} is served by the NLB ({string.Join(", ", served.Order())})",
                        subnet.Az is not null && served.Contains(subnet.Az), ExplanationCodes.AzNotServed,
                        $"endpoint subnet {subnet.Label} is in {subnet.Az ?? "an unknown AZ"}, where the NLB has no subnet (served: {string.Join(", ", served.Order())}); place the endpoint by AZ ID in a served AZ");
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
                    trail.Check("route", at, $"NLB subnet {subnet.Label}: route to {target.Ip}", false, ExplanationCodes.NoRoute,
                        route is null ? $"route table has no route to {target.Ip}; add a route to the provider CIDR over the peering"
                            : $"route table sends {target.Ip} to {route.Target} {route.TargetId} ({route.Location}), not local or a peering");
                    continue;
                }

                if (route.Target == RouteTarget.Local)
                {
                    targetVpc = lbVpc;
                    trail.Check("route", at, $"NLB subnet {subnet.Label}: {target.Ip} is local ({route.Destination})", true, ExplanationCodes.NoRoute, "");
                    continue;
                }

                var p = model.Peerings.FirstOrDefault(x => x.Id == route.TargetId);
                var other = p is null ? null : model.Vpc(p.RequesterVpcId == subnet.VpcId ? p.AccepterVpcId : p.AccepterVpcId == subnet.VpcId ? p.RequesterVpcId : null);
                var ok = other?.ParsedCidr is { } oc && oc.Contains(ip);
                if (trail.Check("route", route.Location, $"NLB subnet {subnet.Label}: {route.Destination} via peering {p?.Location.LogicalId ?? route.TargetId} to {other?.Cidr ?? "?"}", ok,
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
                        $"target subnet {targetSubnet.Label}: route back to NLB subnet {nlb.Cidr}{(back is null ? "" : $" via {back.Target} {back.Destination}")}", ok,
                        ExplanationCodes.NoReturnRoute, back is null
                            ? $"the target subnet's route table has no route back to the NLB subnet {nlb.Cidr}; add a route to the relay CIDR over {peering?.Location.ToString() ?? "the peering"}"
                            : $"the target subnet's route table sends {nlb.Cidr} to {back.Target} {back.TargetId} ({back.Location}), not back over {peering?.Location.ToString() ?? "the VPC"}");
                }
            }

            return Finish(trail, label, targetVpc, targetSubnet);
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
    }
}
