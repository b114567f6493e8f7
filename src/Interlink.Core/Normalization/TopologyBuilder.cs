using Interlink.Core.Catalog;
using Interlink.Core.Model;
using Interlink.Core.Networking;
using Interlink.Core.Validation;

namespace Interlink.Core.Normalization;

/// <summary>Turns a config that passed validation into a <see cref="Topology"/>.</summary>
public static class TopologyBuilder
{
    /// <summary>Builds the topology of <paramref name="report"/>; throws if the report is not valid.</summary>
    public static Topology Build(ValidationReport report)
    {
        if (!report.IsValid || report.Config is not { } config)
            throw new InvalidOperationException($"{report.File} is not valid; validate before building a topology");
        return Build(config);
    }

    /// <summary>Builds the topology of a config known to be valid.</summary>
    public static Topology Build(InterlinkConfig config)
    {
        var sites = VpcSite.All(config).ToList();
        var provider = new NetworkSite(config.Provider.Account, config.Provider.Region, Layout(sites[0]));
        var relays = config.Relays.Select((r, i) => new RelaySite(
            new NetworkSite(r.Account ?? config.Provider.Account, r.Region, Layout(sites[1 + i])),
            r.PeeringDns)).ToList();
        var consumers = config.Consumers.Select((c, i) => new ConsumerSite(
            c.Name,
            new NetworkSite(c.Account ?? config.Provider.Account, c.Region, Layout(sites[1 + config.Relays.Count + i])),
            c.Client, c.HostedZone)).ToList();
        return new Topology(config.Name, config.Mode, config.Service, provider, Targets(config.Provider.Targets, provider.Vpc), relays, consumers, config.Tags)
        {
            Deployment = config.Deployment,
            Monitoring = config.Monitoring,
        };
    }

    private static VpcLayout Layout(VpcSite site)
    {
        var vpc = site.Vpc;
        var cidr = Ipv4Cidr.Parse(vpc.Cidr!);
        var region = RegionCatalog.Find(site.Region)!;
        if (vpc.IsExisting)
        {
            var existing = vpc.Subnets.Select(s => new SubnetPlan(Ipv4Cidr.Parse(s.Cidr), s.AzId, AzIsId: true, s.Id, s.RouteTableId)).ToList();
            return new VpcLayout(vpc.Id, cidr, existing, [], 0, vpc.HostSecurityGroupId);
        }

        var nat = site.NatGateways;
        SubnetPlan Plan(SubnetSite s) => new(s.Cidr, s.Az, RegionCatalog.ResolveAz(region, s.Az).Kind == AzKind.Id);
        var privateSubnets = SubnetLayout.Private(site).Select(Plan).ToList();
        var publicSubnets = SubnetLayout.Public(site, needed: nat > 0).Select(Plan).ToList();
        return new VpcLayout(null, cidr, privateSubnets, publicSubnets, nat, null);
    }

    private static TargetSet Targets(TargetsSpec targets, VpcLayout provider)
    {
        if (targets.Ips.Count > 0)
        {
            var ips = targets.Ips.Select(text =>
            {
                // The config is valid: TargetRules has proven that every IP parses and lies in a private subnet.
                _ = Ipv4.TryParse(text, out var ip);
                return new TargetIp(ip, provider.PrivateSubnets.First(s => s.Cidr.Contains(ip)));
            }).ToList();
            return new TargetSet(CreateHosts: false, ips, targets.InstanceType);
        }

        // Default: one host per private subnet, so the service survives the loss of an AZ.
        var count = targets.Instances ?? provider.PrivateSubnets.Count;
        var subnets = provider.PrivateSubnets;
        var hosts = Enumerable.Range(0, count)
            .Select(i => new TargetIp(TargetLayout.HostIp(subnets.Select(s => s.Cidr).ToList(), i), subnets[i % subnets.Count]))
            .ToList();
        return new TargetSet(CreateHosts: true, hosts, targets.InstanceType, targets.ImageId);
    }
}
