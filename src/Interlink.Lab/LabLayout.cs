using Interlink.Lab.Agent;

namespace Interlink.Lab;

/// <summary>What a namespace stands for.</summary>
public enum LabNodeKind
{
    /// <summary>A VPC's router: one interface per attached network interface, one per peering.</summary>
    Router,

    /// <summary>An instance (provider service host or consumer client).</summary>
    Host,

    /// <summary>A Network Load Balancer: one address per subnet.</summary>
    LoadBalancer,

    /// <summary>An interface endpoint: one address per subnet.</summary>
    Endpoint,
}

/// <summary>A network namespace of the lab.</summary>
/// <param name="Name">Namespace name (always starts with <c>il-</c>).</param>
/// <param name="Kind">What it stands for.</param>
/// <param name="ModelId">The model element (VPC, host, NLB, endpoint).</param>
/// <param name="IpCommands">ip -batch lines run inside it.</param>
/// <param name="Sysctls">/proc/sys paths (under net/) and values.</param>
/// <param name="Nft">nftables ruleset loaded inside it, or empty.</param>
public sealed record LabNamespace(string Name, LabNodeKind Kind, string ModelId, IReadOnlyList<string> IpCommands, IReadOnlyDictionary<string, string> Sysctls, string Nft);

/// <summary>A veth pair between two namespaces (never in the host's own namespace).</summary>
/// <param name="NamespaceA">First namespace.</param>
/// <param name="InterfaceA">Its end.</param>
/// <param name="NamespaceB">Second namespace.</param>
/// <param name="InterfaceB">Its end.</param>
public sealed record LabLink(string NamespaceA, string InterfaceA, string NamespaceB, string InterfaceB);

/// <summary>A host and what runs on it.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="ModelId">Model host ID (or <c>target:IP</c> for a target with no instance in the assembly, <c>client:STACK</c> for a lab client).</param>
/// <param name="Ip">Its address.</param>
/// <param name="Subnet">Subnet model ID.</param>
/// <param name="Az">AZ of its subnet.</param>
/// <param name="Region">Region.</param>
/// <param name="ServicePorts">Ports the sample service listens on (empty: not a target).</param>
public sealed record LabHost(string Namespace, string ModelId, string Ip, string Subnet, string? Az, string Region, IReadOnlyList<int> ServicePorts);

/// <summary>A registered NLB target.</summary>
/// <param name="Number">1-based.</param>
/// <param name="Ip">Address.</param>
/// <param name="Port">Port.</param>
/// <param name="HostNamespace">Namespace of the host holding it.</param>
/// <param name="LoadBalancer">NLB model ID.</param>
public sealed record LabTarget(int Number, string Ip, int Port, string HostNamespace, string LoadBalancer);

/// <summary>A route the lab installs because of a route to a peering; withdrawn by <c>LabFault.CutPeeringAsync</c>.</summary>
/// <param name="Namespace">Router namespace.</param>
/// <param name="Table">Linux routing table.</param>
/// <param name="Destination">Destination CIDR.</param>
/// <param name="Via">Next hop (the other router's address on the peering link).</param>
/// <param name="Device">Peering interface.</param>
/// <param name="RouteTable">Model route table ID.</param>
/// <param name="Stack">Stack of the AWS::EC2::Route.</param>
/// <param name="LogicalId">Logical ID of the AWS::EC2::Route.</param>
public sealed record LabPeeringRoute(string Namespace, int Table, string Destination, string Via, string Device, string RouteTable, string Stack, string LogicalId);

/// <summary>A peering as a link between two VPC routers.</summary>
/// <param name="Id">Peering model ID.</param>
/// <param name="NamespaceA">Requester router.</param>
/// <param name="InterfaceA">Its end.</param>
/// <param name="NamespaceB">Accepter router.</param>
/// <param name="InterfaceB">Its end.</param>
/// <param name="Accepted">Whether the deploy leaves it active (link down otherwise).</param>
/// <param name="Routes">The routes over it.</param>
public sealed record LabPeering(string Id, string NamespaceA, string InterfaceA, string NamespaceB, string InterfaceB, bool Accepted, IReadOnlyList<LabPeeringRoute> Routes);

/// <summary>An interface endpoint and its consumers.</summary>
/// <param name="Id">Endpoint model ID.</param>
/// <param name="Consumer">Consumer stack.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Enis">Its addresses (one per subnet).</param>
/// <param name="EniAzs">The AZ of each address's subnet.</param>
/// <param name="DnsNames">Names that resolve to <paramref name="Enis"/> in its clients' namespaces.</param>
/// <param name="Port">The port consumers connect to.</param>
/// <param name="Connected">Whether the endpoint is connected to the service (else why not, in <paramref name="Reason"/>).</param>
/// <param name="Reason">Why it is not connected.</param>
/// <param name="Clients">Client hosts (namespaces) in its VPC.</param>
/// <param name="LoadBalancerNamespace">NLB namespace it forwards to, when connected.</param>
public sealed record LabEndpoint(string Id, string Consumer, string Namespace, IReadOnlyList<string> Enis, IReadOnlyList<string?> EniAzs, IReadOnlyList<string> DnsNames, int Port, bool Connected, string? Reason,
    IReadOnlyList<string> Clients, string? LoadBalancerNamespace);

/// <summary>
/// An NLB: its data path is nftables in its namespace (DNAT per connection to a healthy target, SNAT to the node's
/// address; see <see cref="Agent.NlbRules"/>, loaded with <see cref="LabNamespace.Nft"/>), and its process only
/// health-checks the targets and rewrites the balancing chains when their health changes.
/// </summary>
/// <param name="Id">NLB model ID.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Config">Its nodes, listeners, targets, health checks and PrivateLink addresses.</param>
public sealed record LabLoadBalancer(string Id, string Namespace, NlbConfig Config);

/// <summary>
/// An endpoint's data path: not a process but nftables DNAT rules in its namespace (see <see cref="LabNamespace.Nft"/>)
/// that send each connection to the NLB over the PrivateLink link with the client's address kept.
/// </summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">The endpoint (for messages).</param>
/// <param name="Ports">Ports it forwards (the NLB's listener ports).</param>
/// <param name="Dnat">Endpoint network interface address → the NLB's address on the link it is DNATed to.</param>
public sealed record LabForwarder(string Namespace, string Name, IReadOnlyList<int> Ports, IReadOnlyDictionary<string, string> Dnat);

/// <summary>Everything the lab builds for one network model; pure data, computed without root.</summary>
/// <param name="Name">Design name.</param>
/// <param name="Namespaces">Namespaces, routers first.</param>
/// <param name="Links">veth pairs.</param>
/// <param name="Hosts">Hosts.</param>
/// <param name="Targets">NLB targets.</param>
/// <param name="Peerings">Peerings.</param>
/// <param name="Endpoints">Endpoints.</param>
/// <param name="LoadBalancers">NLBs (kernel data path, health-checking process).</param>
/// <param name="Forwarders">Endpoints' DNAT to their NLB.</param>
/// <param name="Notes">What the lab could not build faithfully, or chose.</param>
public sealed record LabLayout(string Name, IReadOnlyList<LabNamespace> Namespaces, IReadOnlyList<LabLink> Links, IReadOnlyList<LabHost> Hosts, IReadOnlyList<LabTarget> Targets,
    IReadOnlyList<LabPeering> Peerings, IReadOnlyList<LabEndpoint> Endpoints, IReadOnlyList<LabLoadBalancer> LoadBalancers, IReadOnlyList<LabForwarder> Forwarders, IReadOnlyList<string> Notes);
