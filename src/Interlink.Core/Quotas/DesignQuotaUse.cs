using Interlink.Core.Model;
using Interlink.Core.Validation;

namespace Interlink.Core.Quotas;

/// <summary>
/// What a design, as written, takes of each AWS quota it can reach: the counts the config alone determines. Where
/// Interlink adds to something that exists (an existing VPC, route table or security group) the count is a lower
/// bound, and says so. Malformed values are skipped (their own rules report them).
/// </summary>
public static class DesignQuotaUse
{
    private const string DeployingAccount = "the deploying account";

    /// <summary>Every count of <paramref name="context"/>'s design, over its quota or not.</summary>
    public static IEnumerable<QuotaUse> Of(ValidationContext context) =>
        LoadBalancers(context)
            .Concat(ProviderHosts(context))
            .Concat(Routes(context))
            .Concat(Peerings(context))
            .Concat(Endpoints(context))
            .Concat(Targets(context))
            .Concat(AccountRegion(context));

    // ---- NLB security groups: consumer CIDRs in, target subnets out ----
    private static IEnumerable<QuotaUse> LoadBalancers(ValidationContext context)
    {
        var config = context.Config;
        IEnumerable<(string Path, string Label, IReadOnlyList<ConsumerSpec> Consumers)> services = config.Mode == DeployMode.Native
            ? [("provider", "the provider's NLB", config.Consumers)]
            : config.Relays.Select((r, i) => ($"relays[{i}]", $"the NLB of the relay in {r.Region}", (IReadOnlyList<ConsumerSpec>)config.Consumers.Where(c => c.Region == r.Region).ToList()));
        var targetSubnets = TargetSubnetCount(context);
        var outbound = targetSubnets * Ports(config.Service).Count;
        var pathMtu = targetSubnets * NlbIngressGroups.PathMtuRulesPerTargetSubnet;
        foreach (var (path, label, consumers) in services)
        {
            var cidrs = consumers.Select(c => ValidationContext.Cidr(c.Vpc.Cidr)?.ToString()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var groups = NlbIngressGroups.GroupsFor(cidrs.Count, pathMtu);
            const string fewer = "serve fewer distinct consumer VPC CIDRs from this NLB (consumers whose VPCs share a CIDR share a rule)";
            yield return new QuotaUse(AwsQuotas.SecurityGroupsPerInterface, groups, path,
                $"{label}, admitting {cidrs.Count} consumer CIDRs at {NlbIngressGroups.PerGroup} rules per security group,", fewer);
            yield return new QuotaUse(AwsQuotas.RulesPerInterface, (cidrs.Count * NlbIngressGroups.RulesPerConsumerCidr) + pathMtu, path,
                $"{label}, admitting {cidrs.Count} consumer CIDRs (and ICMP for path MTU discovery from {targetSubnets} target subnets),", fewer);
            yield return new QuotaUse(AwsQuotas.RulesPerSecurityGroup, outbound, "provider.targets",
                $"the outbound rules of {label}'s security group (each target subnet on the target and health-check ports)",
                "put the targets in fewer private subnets");
        }
    }

    // ---- provider host security group: the NLB subnets on the target and health-check ports ----
    private static IEnumerable<QuotaUse> ProviderHosts(ValidationContext context)
    {
        var config = context.Config;
        IEnumerable<VpcSite> nlbSites = config.Mode == DeployMode.Native
            ? [context.ProviderVpc]
            : context.Vpcs.Where(s => s.Role == VpcRole.Relay);
        var nlbCidrs = nlbSites.SelectMany(context.PrivateSubnets).Select(s => s.Cidr).Distinct().Count();
        var existing = config.Provider.Vpc.HostSecurityGroupId is not null;
        // A rule per port per NLB subnet, and ICMP "fragmentation needed" from each NLB subnet for path MTU discovery.
        yield return new QuotaUse(AwsQuotas.RulesPerSecurityGroup, nlbCidrs * (Ports(config.Service).Count + 1),
            config.Mode == DeployMode.Native ? "provider.vpc" : "relays",
            $"the provider hosts' security group{(existing ? " (existing; its own rules come on top)" : "")}, admitting {nlbCidrs} NLB subnets on {Ports(config.Service).Count} port(s) and ICMP,",
            "use fewer relay AZs (each relay private subnet is a rule per port), or serve health checks on the target port");
    }

    // ---- routes: the provider's target route tables route to every relay; a relay's tables route to the provider ----
    private static IEnumerable<QuotaUse> Routes(ValidationContext context)
    {
        var config = context.Config;
        if (config.Mode != DeployMode.Relay)
            yield break;
        var provider = context.ProviderVpc;
        // local + the NAT default route (new VPCs with NAT) + one route per relay.
        var providerRoutes = 1 + (provider.NatGateways > 0 ? 1 : 0) + config.Relays.Count;
        yield return new QuotaUse(AwsQuotas.RoutesPerRouteTable, providerRoutes, "relays",
            $"each route table of the provider's target subnets{(provider.Vpc.IsExisting ? " (existing; its own routes come on top)" : "")}, with a route per relay,",
            "use fewer relays");
        foreach (var relay in context.Vpcs.Where(s => s.Role == VpcRole.Relay))
        {
            // local + the route to the provider + the NAT default route, if any.
            yield return new QuotaUse(AwsQuotas.RoutesPerRouteTable, 2 + (relay.NatGateways > 0 ? 1 : 0), relay.Path,
                $"each private route table of {relay.Label(config)}", "use a route table with fewer routes");
        }
    }

    // ---- peerings: one per relay on the provider VPC ----
    private static IEnumerable<QuotaUse> Peerings(ValidationContext context)
    {
        if (context.Config.Mode != DeployMode.Relay)
            yield break;
        yield return new QuotaUse(AwsQuotas.ActivePeeringsPerVpc, context.Config.Relays.Count, "relays",
            $"the provider VPC{(context.ProviderVpc.Vpc.IsExisting ? " (existing; its own peerings come on top)" : "")}, peered with each relay,", "use fewer relays, or native mode");
    }

    // ---- interface endpoints: one per consumer, several when consumers share an existing VPC ----
    private static IEnumerable<QuotaUse> Endpoints(ValidationContext context)
    {
        var consumers = context.Config.Consumers;
        var byVpc = Enumerable.Range(0, consumers.Count)
            .Where(i => consumers[i].Vpc.Id is not null)
            .GroupBy(i => (consumers[i].Region, consumers[i].Vpc.Id));
        foreach (var vpc in byVpc)
        {
            yield return new QuotaUse(AwsQuotas.InterfaceEndpointsPerVpc, vpc.Count(), $"consumers[{vpc.Last()}].vpc.id",
                $"existing VPC {vpc.Key.Id} in {vpc.Key.Region} (its own endpoints come on top), with an endpoint per consumer in it,",
                "serve the consumers of one VPC through one consumer entry");
        }
    }

    // ---- targets: every NLB's one target group holds every target ----
    private static IEnumerable<QuotaUse> Targets(ValidationContext context)
    {
        var targets = context.Config.Provider.Targets;
        var count = targets.Ips.Count > 0 ? targets.Ips.Count : targets.Instances ?? context.PrivateSubnets(context.ProviderVpc).Count;
        var path = targets.Ips.Count > 0 ? "provider.targets.ips" : "provider.targets.instances";
        yield return new QuotaUse(AwsQuotas.TargetsPerTargetGroup, count, path, "each NLB target group, holding every target,", "use fewer, larger targets");
        yield return new QuotaUse(AwsQuotas.TargetsPerAzPerNlb, count, path, "each NLB (cross-zone load balancing on), with every target,", "use fewer, larger targets");
    }

    // ---- per account and Region: new VPCs, and an Elastic IP per NAT gateway ----
    private static IEnumerable<QuotaUse> AccountRegion(ValidationContext context)
    {
        var config = context.Config;
        var created = context.Vpcs.Where(s => !s.Vpc.IsExisting).GroupBy(s => (Account: AccountOf(config, s) ?? DeployingAccount, s.Region));
        foreach (var group in created)
        {
            var where = $"{(group.Key.Account == DeployingAccount ? DeployingAccount : $"account {group.Key.Account}")} in {group.Key.Region}";
            var last = group.Last().Path;
            yield return new QuotaUse(AwsQuotas.VpcsPerRegion, group.Count(), last,
                $"{where} (its existing VPCs come on top), getting {group.Count()} new VPCs from this design,",
                "use existing VPCs ('vpc: { id: … }') or spread the consumers over more accounts");
            yield return new QuotaUse(AwsQuotas.ElasticIpsPerRegion, group.Sum(s => s.NatGateways), last,
                $"{where} (its existing addresses come on top), with an Elastic IP per NAT gateway of this design,",
                "use fewer NAT gateways ('natGateways'), or no client hosts where none is needed");
        }
    }

    private static string? AccountOf(InterlinkConfig config, VpcSite site)
    {
        var index = site.Role == VpcRole.Provider ? -1 : int.Parse(site.Path[(site.Path.IndexOf('[') + 1)..site.Path.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture);
        return site.Role switch
        {
            VpcRole.Relay => config.Relays[index].Account ?? config.Provider.Account,
            VpcRole.Consumer => config.Consumers[index].Account ?? config.Provider.Account,
            _ => config.Provider.Account,
        };
    }

    private static int TargetSubnetCount(ValidationContext context)
    {
        var targets = context.Config.Provider.Targets;
        var subnets = context.PrivateSubnets(context.ProviderVpc);
        if (targets.Ips.Count == 0)
            return Math.Min(subnets.Count, Math.Max(targets.Instances ?? subnets.Count, 0));
        return subnets.Count(s => targets.Ips.Any(ip => Networking.Ipv4.TryParse(ip, out var a) && s.Cidr.Contains(a)));
    }

    private static IReadOnlyList<int> Ports(ServiceSpec service) =>
        new[] { service.TargetPort, service.HealthCheck.Port ?? service.TargetPort }.Distinct().ToList();
}
