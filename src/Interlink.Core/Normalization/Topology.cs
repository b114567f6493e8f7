using Interlink.Core.Model;
using Interlink.Core.Networking;

namespace Interlink.Core.Normalization;

/// <summary>
/// A validated config with every choice made: subnets carved, AZs resolved, accounts filled in, target IPs
/// fixed. Stacks are built from this, never from the raw config.
/// </summary>
/// <param name="Name">Design name (stack and resource prefix).</param>
/// <param name="Mode">Relay or native.</param>
/// <param name="Service">Service ports, health check, acceptance.</param>
/// <param name="Provider">The provider's network.</param>
/// <param name="Targets">Where the NLBs send traffic.</param>
/// <param name="Relays">Relay networks (relay mode).</param>
/// <param name="Consumers">Consumer networks.</param>
/// <param name="Tags">Tags for every resource.</param>
public sealed record Topology(
    string Name,
    DeployMode Mode,
    ServiceSpec Service,
    NetworkSite Provider,
    TargetSet Targets,
    IReadOnlyList<RelaySite> Relays,
    IReadOnlyList<ConsumerSite> Consumers,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Who deploys: the account the operator roles trust and the CDK bootstrap qualifier.</summary>
    public DeploymentSpec Deployment { get; init; } = DeploymentSpec.Default;

    /// <summary>The monitoring asked for (<c>monitoring:</c>), thresholds resolved; <see cref="Interlink.Core.Monitoring.MonitoringPlanner"/> lists its alarms.</summary>
    public MonitoringSpec Monitoring { get; init; } = MonitoringSpec.Default;

    /// <summary>
    /// The account that runs <c>interlink deploy</c>: <c>deployment.account</c>, else the provider's; null when
    /// neither is named (a single-account design: the stack's own account).
    /// </summary>
    public string? DeployerAccount => Deployment.Account ?? Provider.Account;

    /// <summary>The consumers whose Region is <paramref name="region"/>.</summary>
    public IEnumerable<ConsumerSite> ConsumersIn(string region) => Consumers.Where(c => c.Network.Region == region);

    /// <summary>
    /// The provider private subnets whose route tables must route replies back to the relays: one subnet index per
    /// distinct route table, in subnet order. Created VPCs give each subnet its own table; existing subnets may share one.
    /// </summary>
    public IReadOnlyList<int> TargetRouteTableSubnets()
    {
        var subnets = Provider.Vpc.PrivateSubnets;
        return Targets.Ips
            .Select(t => subnets.ToList().IndexOf(t.Subnet))
            .Distinct()
            .Order()
            .DistinctBy(i => subnets[i].ExistingRouteTableId ?? $"subnet-{i}")
            .ToList();
    }
}

/// <summary>A VPC with its owner's account and Region.</summary>
/// <param name="Account">12-digit account, or null for "the deploying account" (single-account designs).</param>
/// <param name="Region">Region code.</param>
/// <param name="Vpc">Its layout.</param>
public sealed record NetworkSite(string? Account, string Region, VpcLayout Vpc);

/// <summary>A VPC's resolved layout.</summary>
/// <param name="ExistingId">ID of an existing VPC, or null when Interlink creates it.</param>
/// <param name="Cidr">The VPC CIDR.</param>
/// <param name="PrivateSubnets">Private subnets, one per AZ.</param>
/// <param name="PublicSubnets">Public subnets (new VPCs with NAT gateways or listed public subnets).</param>
/// <param name="NatGateways">NAT gateways to create.</param>
/// <param name="HostSecurityGroupId">Existing provider VPCs: the service hosts' security group.</param>
public sealed record VpcLayout(
    string? ExistingId,
    Ipv4Cidr Cidr,
    IReadOnlyList<SubnetPlan> PrivateSubnets,
    IReadOnlyList<SubnetPlan> PublicSubnets,
    int NatGateways,
    string? HostSecurityGroupId)
{
    /// <summary>True when the VPC exists already.</summary>
    public bool IsExisting => ExistingId is not null;

    /// <summary>Distinct AZs of the private subnets, in order.</summary>
    public IReadOnlyList<string> Azs => PrivateSubnets.Select(s => s.Az).Distinct().ToList();
}

/// <summary>One subnet.</summary>
/// <param name="Cidr">Its CIDR.</param>
/// <param name="Az">AZ ID (<c>use1-az1</c>) or, when the user wrote one, AZ name.</param>
/// <param name="AzIsId">Whether <paramref name="Az"/> is an AZ ID.</param>
/// <param name="ExistingId">Existing subnet ID, or null.</param>
/// <param name="ExistingRouteTableId">Existing subnet's route table, or null.</param>
public sealed record SubnetPlan(Ipv4Cidr Cidr, string Az, bool AzIsId, string? ExistingId = null, string? ExistingRouteTableId = null);

/// <summary>The service's targets: hosts Interlink creates at fixed IPs, or the user's own IPs.</summary>
/// <param name="CreateHosts">True when Interlink runs the sample service on hosts it creates.</param>
/// <param name="Ips">Every target IP, with the subnet it is in.</param>
/// <param name="InstanceType">Instance type of created hosts.</param>
/// <param name="ImageId">AMI of created hosts pinned in the config, or null (a deploy input resolved once).</param>
public sealed record TargetSet(bool CreateHosts, IReadOnlyList<TargetIp> Ips, string InstanceType, string? ImageId = null);

/// <summary>A target IP and the provider subnet holding it.</summary>
/// <param name="Address">The IPv4 address.</param>
/// <param name="Subnet">Its subnet.</param>
public sealed record TargetIp(uint Address, SubnetPlan Subnet)
{
    /// <summary>Dotted-quad text.</summary>
    public string Text => Ipv4.Format(Address);
}

/// <summary>A relay network in a consumer Region.</summary>
/// <param name="Network">Its VPC, account and Region.</param>
/// <param name="PeeringDns">Whether peering DNS resolution is switched on.</param>
public sealed record RelaySite(NetworkSite Network, bool PeeringDns);

/// <summary>A consumer network.</summary>
/// <param name="Name">Consumer name.</param>
/// <param name="Network">Its VPC, account and Region.</param>
/// <param name="Client">Whether a client host is created.</param>
/// <param name="HostedZone">Friendly private DNS name for the endpoint, or null.</param>
public sealed record ConsumerSite(string Name, NetworkSite Network, bool Client, string? HostedZone);
