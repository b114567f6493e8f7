using System.Text.RegularExpressions;
using Interlink.Analysis.Network;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Reachability;

/// <summary>
/// Proves, hop by hop, that each consumer endpoint reaches each provider target on the service port, or
/// says which settings block it and where to fix them. The consumer side and the service checks are here; the provider
/// side (NLB, listener, route to and security of each target) is in ReachabilityAnalyzer.ProviderSide.cs.
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

    private sealed partial class EndpointWalk(NetworkModel model, InterfaceEndpoint endpoint)
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
                sources.Add(new Source($"client {host.Label}", at, subnet, host));
            }

            if (sources.Count > 0)
                return;
            var candidates = vpcSubnets.Where(s => !model.RouteTable(s.RouteTableId)?.Routes.Any(r => r.Target == RouteTarget.InternetGateway) ?? true).ToList();
            foreach (var subnet in candidates.Where(s => s.ParsedCidr is not null))
                sources.Add(new Source($"subnet {subnet.Label}", subnet.ParsedCidr!.Value, subnet, null));
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

        private Verdict Finish(Trail trail, string? target, Vpc? targetVpc = null, Subnet? targetSubnet = null) => new(endpoint.Location.Stack, endpoint.Location.LogicalId, endpoint.Account, endpoint.Region,
            sources.Select(s => $"{s.Label} ({s.Cidr})").ToList(), port, target, trail.Failures.Count == 0 && !trail.Hops.Any(h => h.Status == HopStatus.Fail),
            trail.Hops, trail.Failures.FirstOrDefault(), trail.Failures.Skip(1).ToList())
        {
            ConsumerVpc = model.Vpc(endpoint.VpcId)?.Label,
            TargetVpc = targetVpc?.Label,
            TargetSubnet = targetSubnet?.Label,
            TargetHost = targetSubnet is null ? null : model.Hosts.FirstOrDefault(h => h.SubnetId == targetSubnet.Id && h.PrivateIp is not null && target?.StartsWith(h.PrivateIp + ":", StringComparison.Ordinal) == true)?.Label,
        };
    }
}
