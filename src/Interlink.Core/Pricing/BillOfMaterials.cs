using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;

namespace Interlink.Core.Pricing;

/// <summary>Hosts of one instance type.</summary>
/// <param name="InstanceType">EC2 instance type.</param>
/// <param name="Count">How many.</param>
/// <param name="VolumeGb">Total EBS gp3 GB of their volumes.</param>
public sealed record HostGroup(string InstanceType, int Count, int VolumeGb);

/// <summary>A pair of Regions service traffic crosses, with the share of all service traffic that takes it.</summary>
/// <param name="From">The consumers' (or relay's) Region.</param>
/// <param name="To">The provider's Region.</param>
/// <param name="Share">Fraction (0..1) of the service traffic that crosses between these Regions.</param>
public sealed record InterRegionPath(string From, string To, decimal Share);

/// <summary>
/// What a design runs that AWS bills for, independent of traffic. Built from a topology
/// (<see cref="For"/>) or, in Interlink.Analysis, read from a cloud assembly.
/// </summary>
/// <param name="Mode">The design.</param>
/// <param name="LoadBalancers">Network Load Balancers.</param>
/// <param name="EndpointAzs">Interface endpoint AZs summed over every consumer endpoint (each is billed per AZ-hour).</param>
/// <param name="Endpoints">Interface endpoints.</param>
/// <param name="NatGateways">NAT gateways Interlink creates.</param>
/// <param name="Hosts">Hosts Interlink creates, by instance type.</param>
/// <param name="InterRegionPaths">Region pairs service traffic crosses, with their shares of the traffic.</param>
/// <param name="NativeRemoteRegions">Native mode: Regions other than the provider's that the endpoint service serves (counted for the comparison; AWS charges nothing per Region).</param>
/// <param name="Peerings">VPC peering connections (no hourly charge; listed for the comparison).</param>
/// <param name="Assumptions">What was assumed to get here, one sentence each.</param>
public sealed record BillOfMaterials(
    DeployMode Mode,
    int LoadBalancers,
    int EndpointAzs,
    int Endpoints,
    int NatGateways,
    IReadOnlyList<HostGroup> Hosts,
    IReadOnlyList<InterRegionPath> InterRegionPaths,
    int NativeRemoteRegions,
    int Peerings,
    IReadOnlyList<string> Assumptions)
{
    /// <summary>Root volume of every host Interlink creates (the CDK's <c>HardenedHost</c> default).</summary>
    public const int HostVolumeGb = 8;

    /// <summary>Instance type of consumer client hosts.</summary>
    public const string ClientInstanceType = "t4g.nano";

    /// <summary>Alarms, dashboards, topics and notifications of the design's monitoring (<see cref="Monitoring.MonitoringPlanner"/>).</summary>
    public MonitoringUsage Monitoring { get; init; } = MonitoringUsage.None;

    /// <summary>Share of the service traffic that crosses a Region boundary (sum over the paths).</summary>
    public decimal InterRegionShare => InterRegionPaths.Sum(p => p.Share);

    /// <summary>
    /// The bill of materials of <paramref name="topology"/> built in <paramref name="mode"/>, which may differ from the
    /// topology's own mode: relay from a native topology assumes one relay VPC per consumer Region whose AZ count is
    /// the largest of that Region's consumers; native from a relay topology drops the relays and peerings and puts
    /// one NLB next to the provider.
    /// </summary>
    public static BillOfMaterials For(Topology topology, DeployMode mode)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var assumptions = new List<string>();
        var providerRegion = topology.Provider.Region;
        var consumers = topology.Consumers;
        var consumerCount = Math.Max(1, consumers.Count);
        assumptions.Add(consumers.Count == 0
            ? "no consumers: no traffic is priced"
            : $"service traffic is shared evenly by the {consumers.Count} consumer(s) and counts both directions");

        var endpointAzs = consumers.Sum(c => Math.Max(1, c.Network.Vpc.Azs.Count));
        var nat = topology.Provider.Vpc.NatGateways + consumers.Sum(c => c.Network.Vpc.NatGateways);
        var hosts = new List<HostGroup>();
        if (topology.Targets.CreateHosts && topology.Targets.Ips.Count > 0)
            hosts.Add(new HostGroup(topology.Targets.InstanceType, topology.Targets.Ips.Count, topology.Targets.Ips.Count * HostVolumeGb));
        else if (!topology.Targets.CreateHosts)
            assumptions.Add("the service's own hosts (target IPs) are not priced: they run whichever design is chosen");
        var clients = consumers.Count(c => c.Client);
        if (clients > 0)
            hosts.Add(new HostGroup(ClientInstanceType, clients, clients * HostVolumeGb));
        hosts = hosts.GroupBy(h => h.InstanceType, StringComparer.Ordinal)
            .Select(g => new HostGroup(g.Key, g.Sum(h => h.Count), g.Sum(h => h.VolumeGb)))
            .ToList();

        int loadBalancers, peerings, remoteRegions;
        var paths = new List<InterRegionPath>();
        if (mode == DeployMode.Relay)
        {
            // One relay per consumer Region: the topology's own, or (from a native topology) one assumed per Region.
            var relayRegions = consumers.Select(c => c.Network.Region).Distinct(StringComparer.Ordinal).ToList();
            if (topology.Mode == DeployMode.Relay)
            {
                loadBalancers = topology.Relays.Count;
                nat += topology.Relays.Sum(r => r.Network.Vpc.NatGateways);
            }
            else
            {
                loadBalancers = relayRegions.Count;
                var azs = string.Join(", ", relayRegions.Select(r => $"{r}: {topology.ConsumersIn(r).Max(c => c.Network.Vpc.Azs.Count)} AZ(s)"));
                assumptions.Add($"relay design assumed: one relay VPC (NLB, no NAT gateway) per consumer Region with the consumers' AZ count ({azs})");
            }

            peerings = loadBalancers;
            remoteRegions = 0;
            foreach (var region in relayRegions.Where(r => r != providerRegion))
                paths.Add(new InterRegionPath(region, providerRegion, (decimal)topology.ConsumersIn(region).Count() / consumerCount));
            if (relayRegions.Contains(providerRegion))
                assumptions.Add($"consumers in {providerRegion} reach the provider over a same-Region peering; its transfer is not priced");
        }
        else
        {
            loadBalancers = 1;
            peerings = 0;
            if (topology.Mode == DeployMode.Relay)
                assumptions.Add("native design assumed: one NLB in the provider VPC, no relay VPCs, no peerings");
            var remote = consumers.Select(c => c.Network.Region).Where(r => r != providerRegion).Distinct(StringComparer.Ordinal).ToList();
            remoteRegions = remote.Count;
            foreach (var region in remote)
                paths.Add(new InterRegionPath(region, providerRegion, (decimal)topology.ConsumersIn(region).Count() / consumerCount));
            assumptions.Add("native cross-Region PrivateLink: no premium — AWS bills the standard endpoint hours and data processing plus cross-Region data transfer (aws.amazon.com/privatelink/pricing)");
        }

        assumptions.Add("NAT gateways carry no service traffic (only host updates and Systems Manager), so NAT GB is priced at 0");
        var monitoring = MonitoringPlanner.Usage(topology, mode);
        if (!topology.Monitoring.Enabled)
            assumptions.Add("monitoring: false — no alarms, dashboards or notifications priced");
        return new BillOfMaterials(mode, loadBalancers, endpointAzs, consumers.Count, nat, hosts, paths, remoteRegions, peerings, assumptions) { Monitoring = monitoring };
    }
}
