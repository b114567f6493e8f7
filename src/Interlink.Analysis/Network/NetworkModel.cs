using Interlink.Core.Networking;

namespace Interlink.Analysis.Network;

/// <summary>
/// Where a setting lives: the stack and logical ID to fix. For a resource that exists already (named by ID
/// only), <see cref="LogicalId"/> is that ID and <see cref="Stack"/> the stack that names it.
/// </summary>
/// <param name="Stack">Stack name.</param>
/// <param name="LogicalId">Logical ID (or physical ID of an existing resource).</param>
public sealed record Location(string Stack, string LogicalId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Stack}/{LogicalId}";
}

/// <summary>The network a cloud assembly will deploy, across every stack, account and Region.</summary>
/// <param name="Name">Design name.</param>
/// <param name="Mode">relay or native.</param>
/// <param name="Vpcs">VPCs.</param>
/// <param name="Subnets">Subnets.</param>
/// <param name="RouteTables">Route tables (including each VPC's main table).</param>
/// <param name="Peerings">Peering connections.</param>
/// <param name="NetworkAcls">Network ACLs (subnets without one use the VPC default, which allows all).</param>
/// <param name="SecurityGroups">Security groups.</param>
/// <param name="Hosts">Instances.</param>
/// <param name="LoadBalancers">Network Load Balancers.</param>
/// <param name="TargetGroups">Target groups.</param>
/// <param name="EndpointServices">VPC endpoint services.</param>
/// <param name="Endpoints">Interface endpoints.</param>
/// <param name="Unsupported">What the model cannot represent.</param>
/// <param name="Assumptions">What the model assumed where the templates are silent (existing resources).</param>
public sealed record NetworkModel(
    string Name,
    string Mode,
    IReadOnlyList<Vpc> Vpcs,
    IReadOnlyList<Subnet> Subnets,
    IReadOnlyList<RouteTable> RouteTables,
    IReadOnlyList<PeeringConnection> Peerings,
    IReadOnlyList<NetworkAcl> NetworkAcls,
    IReadOnlyList<SecurityGroup> SecurityGroups,
    IReadOnlyList<Host> Hosts,
    IReadOnlyList<LoadBalancer> LoadBalancers,
    IReadOnlyList<TargetGroup> TargetGroups,
    IReadOnlyList<EndpointService> EndpointServices,
    IReadOnlyList<InterfaceEndpoint> Endpoints,
    IReadOnlyList<Unsupported> Unsupported,
    IReadOnlyList<string> Assumptions)
{
    private Dictionary<string, Vpc>? vpcs;
    private Dictionary<string, Subnet>? subnets;
    private Dictionary<string, RouteTable>? tables;
    private Dictionary<string, SecurityGroup>? groups;
    private Dictionary<string, NetworkAcl>? acls;

    /// <summary>The VPC with ID <paramref name="id"/>.</summary>
    public Vpc? Vpc(string? id) => id is null ? null : (vpcs ??= Vpcs.ToDictionary(v => v.Id)).GetValueOrDefault(id);

    /// <summary>The subnet with ID <paramref name="id"/>.</summary>
    public Subnet? Subnet(string? id) => id is null ? null : (subnets ??= Subnets.ToDictionary(v => v.Id)).GetValueOrDefault(id);

    /// <summary>The route table with ID <paramref name="id"/>.</summary>
    public RouteTable? RouteTable(string? id) => id is null ? null : (tables ??= RouteTables.ToDictionary(v => v.Id)).GetValueOrDefault(id);

    /// <summary>The security group with ID <paramref name="id"/>.</summary>
    public SecurityGroup? SecurityGroup(string? id) => id is null ? null : (groups ??= SecurityGroups.ToDictionary(v => v.Id)).GetValueOrDefault(id);

    /// <summary>The network ACL with ID <paramref name="id"/>.</summary>
    public NetworkAcl? NetworkAcl(string? id) => id is null ? null : (acls ??= NetworkAcls.ToDictionary(v => v.Id)).GetValueOrDefault(id);

    /// <summary>The endpoint service <paramref name="endpoint"/> names, when it is one of the assembly.</summary>
    public EndpointService? ServiceOf(InterfaceEndpoint endpoint) => EndpointServices.FirstOrDefault(s => s.Id == endpoint.ServiceId);

    /// <summary>The load balancers of the service <paramref name="endpoint"/> names (none when it names none of the assembly).</summary>
    public IReadOnlyList<LoadBalancer> LoadBalancersOf(InterfaceEndpoint endpoint) =>
        ServiceOf(endpoint) is { } service ? LoadBalancers.Where(l => service.LoadBalancerIds.Contains(l.Id)).ToList() : [];

    /// <summary>
    /// The port a consumer connects to through <paramref name="endpoint"/>: a single TCP port its security groups admit that a
    /// listener of its service serves, else the first single port they admit, else the first listener port; null when
    /// neither says. Plan's reachability proves this port and the lab probes it, so both ask here.
    /// </summary>
    public int? ConsumerPort(InterfaceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var admitted = endpoint.SecurityGroupIds.Select(SecurityGroup).OfType<SecurityGroup>().SelectMany(g => g.Ingress)
            .Select(r => r.SingleTcpPort).OfType<int>().Distinct().ToList();
        var listeners = LoadBalancersOf(endpoint).SelectMany(l => l.Listeners).Select(l => l.Port).OfType<int>().ToList();
        return admitted.FirstOrDefault(listeners.Contains) is var both and > 0 ? both
            : admitted.Count > 0 ? admitted[0]
            : listeners.Count > 0 ? listeners[0] : null;
    }
}

/// <summary>A VPC.</summary>
/// <param name="Id">Model ID (<c>stack/logicalId</c>, or the VPC ID of an existing one).</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Account">Account (null: the deploying account).</param>
/// <param name="Region">Region.</param>
/// <param name="Cidr">Primary CIDR, or null when not known.</param>
/// <param name="Existing">True when the VPC exists already and only its ID is in the templates.</param>
/// <param name="MainRouteTableId">Its main route table.</param>
/// <param name="Name">Its <c>Name</c> tag, or null.</param>
public sealed record Vpc(string Id, Location Location, string? Account, string Region, string? Cidr, bool Existing, string MainRouteTableId, string? Name = null)
{
    /// <summary>How a user names it: its <c>Name</c> tag, then the logical ID (logical IDs repeat across stacks).</summary>
    public string Label => Name is null ? Location.LogicalId : $"{Name} ({Location.LogicalId})";

    /// <summary>The parsed CIDR.</summary>
    public Ipv4Cidr? ParsedCidr => Cidr is not null && Ipv4Cidr.TryParse(Cidr, out var c, out _) ? c : null;
}

/// <summary>A subnet.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="Cidr">CIDR, or null when not known.</param>
/// <param name="AzId">AZ ID, or null.</param>
/// <param name="AzName">AZ name, or null.</param>
/// <param name="RouteTableId">Effective route table (explicit association, else the VPC main table).</param>
/// <param name="RouteTableAssociation">The association that sets it, or null when the main table applies.</param>
/// <param name="NetworkAclId">Associated network ACL, or null for the VPC default (allows all).</param>
/// <param name="Name">Its <c>Name</c> tag, or null.</param>
public sealed record Subnet(string Id, Location Location, string VpcId, string? Cidr, string? AzId, string? AzName, string RouteTableId, Location? RouteTableAssociation, string? NetworkAclId, string? Name = null)
{
    /// <summary>How a user names it: its <c>Name</c> tag, then the logical ID (logical IDs repeat across stacks).</summary>
    public string Label => Name is null ? Location.LogicalId : $"{Name} ({Location.LogicalId})";

    /// <summary>The parsed CIDR.</summary>
    public Ipv4Cidr? ParsedCidr => Cidr is not null && Ipv4Cidr.TryParse(Cidr, out var c, out _) ? c : null;

    /// <summary>The AZ ID, else the name.</summary>
    public string? Az => AzId ?? AzName;
}

/// <summary>Where a route sends traffic.</summary>
public enum RouteTarget
{
    /// <summary>Inside the VPC.</summary>
    Local,

    /// <summary>Internet gateway.</summary>
    InternetGateway,

    /// <summary>NAT gateway.</summary>
    NatGateway,

    /// <summary>VPC peering connection.</summary>
    Peering,

    /// <summary>Anything else (transit gateway, instance, ENI, endpoint...).</summary>
    Other,
}

/// <summary>A route table.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="IsMain">True for a VPC's main table.</param>
/// <param name="Routes">Its routes, the implicit local route first.</param>
public sealed record RouteTable(string Id, Location Location, string VpcId, bool IsMain, IReadOnlyList<Route> Routes);

/// <summary>A route.</summary>
/// <param name="Destination">Destination CIDR.</param>
/// <param name="Target">Kind of target.</param>
/// <param name="TargetId">Target ID (peering, gateway), or null for local.</param>
/// <param name="Location">Where it is declared (the table for the implicit local route).</param>
public sealed record Route(string Destination, RouteTarget Target, string? TargetId, Location Location)
{
    /// <summary>The parsed destination.</summary>
    public Ipv4Cidr? ParsedDestination => Ipv4Cidr.TryParse(Destination, out var c, out _) ? c : null;
}

/// <summary>A VPC peering connection.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="RequesterVpcId">Requester VPC.</param>
/// <param name="AccepterVpcId">Accepter VPC.</param>
/// <param name="RequesterRegion">Requester Region.</param>
/// <param name="AccepterRegion">Accepter Region.</param>
/// <param name="RequesterAccount">Requester account (null: deploying).</param>
/// <param name="AccepterAccount">Accepter account (null: deploying).</param>
/// <param name="Accepted">Whether the deploy leaves it active.</param>
/// <param name="Acceptance">How it is accepted, or why it is not.</param>
public sealed record PeeringConnection(string Id, Location Location, string RequesterVpcId, string AccepterVpcId, string RequesterRegion, string AccepterRegion,
    string? RequesterAccount, string? AccepterAccount, bool Accepted, string Acceptance);

/// <summary>A network ACL.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="Entries">Its entries (the implicit final deny is not listed).</param>
public sealed record NetworkAcl(string Id, Location Location, string VpcId, IReadOnlyList<NetworkAclEntry> Entries);

/// <summary>A network ACL entry.</summary>
/// <param name="Location">Where it is declared.</param>
/// <param name="RuleNumber">Rule number (lowest first).</param>
/// <param name="Egress">Outbound when true.</param>
/// <param name="Allow">Allow or deny.</param>
/// <param name="Protocol">Protocol (-1 all, 6 tcp...).</param>
/// <param name="Cidr">CIDR.</param>
/// <param name="FromPort">First port (null: all).</param>
/// <param name="ToPort">Last port (null: all).</param>
public sealed record NetworkAclEntry(Location Location, int RuleNumber, bool Egress, bool Allow, IpProtocol Protocol, string Cidr, int? FromPort, int? ToPort)
{
    /// <summary>
    /// The ports the entry covers for TCP: all of them for every protocol (whatever PortRange says), else its PortRange,
    /// an absent bound meaning the end of the range.
    /// </summary>
    public (int From, int To) TcpPorts => Protocol.IsAll ? (0, 65535) : (FromPort ?? 0, ToPort ?? 65535);
}

/// <summary>A security group.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="VpcId">Its VPC, or null when not known.</param>
/// <param name="Ingress">Inbound rules.</param>
/// <param name="Egress">Outbound rules.</param>
/// <param name="Existing">True when the group exists already: rules it has outside these templates are not known.</param>
public sealed record SecurityGroup(string Id, Location Location, string? VpcId, IReadOnlyList<SecurityGroupRule> Ingress, IReadOnlyList<SecurityGroupRule> Egress, bool Existing);

/// <summary>A security group rule.</summary>
/// <param name="Location">Where it is declared (the group for inline rules).</param>
/// <param name="Protocol">tcp, udp, icmp, -1 (all) or a number.</param>
/// <param name="FromPort">First port (null: all).</param>
/// <param name="ToPort">Last port (null: all).</param>
/// <param name="Cidr">Peer CIDR, or null.</param>
/// <param name="GroupId">Peer security group, or null.</param>
/// <param name="PrefixListId">Peer prefix list, or null (not supported by the analysis).</param>
/// <param name="Implicit">True for AWS's default allow-all egress of a group declared without egress rules.</param>
public sealed record SecurityGroupRule(Location Location, IpProtocol Protocol, int? FromPort, int? ToPort, string? Cidr, string? GroupId, string? PrefixListId, bool Implicit = false)
{
    /// <summary>Whether the rule covers TCP port <paramref name="port"/>.</summary>
    public bool CoversTcp(int port) =>
        Protocol.IsAll || (Protocol.IsTcp && (FromPort is null or -1 || (FromPort <= port && (ToPort ?? FromPort) >= port)));

    /// <summary>
    /// The one TCP port the rule names (FromPort = ToPort, above 0), or null for a range, every port or another protocol.
    /// A consumer's port is read from such rules (<see cref="NetworkModel.ConsumerPort"/>).
    /// </summary>
    public int? SingleTcpPort => Protocol.IsTcp && FromPort is > 0 && FromPort == ToPort ? FromPort : null;
}

/// <summary>An instance.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="SubnetId">Its subnet.</param>
/// <param name="PrivateIp">Fixed private IP, or null (any address of the subnet).</param>
/// <param name="SecurityGroupIds">Its security groups (the instance's, else its launch template's).</param>
/// <param name="Name">Its <c>Name</c> tag, or null.</param>
public sealed record Host(string Id, Location Location, string SubnetId, string? PrivateIp, IReadOnlyList<string> SecurityGroupIds, string? Name = null)
{
    /// <summary>How a user names it: its <c>Name</c> tag, then the logical ID (logical IDs repeat across stacks).</summary>
    public string Label => Name is null ? Location.LogicalId : $"{Name} ({Location.LogicalId})";
}


/// <summary>A Network Load Balancer.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Type">network, application or gateway.</param>
/// <param name="Scheme">internal or internet-facing.</param>
/// <param name="Region">Region.</param>
/// <param name="SubnetIds">Subnets (one per AZ).</param>
/// <param name="SecurityGroupIds">Security groups (none: not evaluated).</param>
/// <param name="EnforceSecurityGroupsOnPrivateLink">Whether inbound rules apply to PrivateLink traffic (default on when it has groups).</param>
/// <param name="Listeners">Listeners.</param>
public sealed record LoadBalancer(string Id, Location Location, string Type, string Scheme, string Region, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds,
    bool EnforceSecurityGroupsOnPrivateLink, IReadOnlyList<Listener> Listeners);

/// <summary>A listener.</summary>
/// <param name="Location">Where it is declared.</param>
/// <param name="Port">Port.</param>
/// <param name="Protocol">Protocol.</param>
/// <param name="TargetGroupIds">Target groups it forwards to.</param>
public sealed record Listener(Location Location, int? Port, string Protocol, IReadOnlyList<string> TargetGroupIds);

/// <summary>A target group.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="TargetType">instance, ip, alb or lambda.</param>
/// <param name="Port">Default target port.</param>
/// <param name="Protocol">Protocol.</param>
/// <param name="HealthCheckPort">Health-check port (null: the traffic port).</param>
/// <param name="HealthCheckProtocol">Health-check protocol.</param>
/// <param name="PreserveClientIp">Whether client IP preservation is on (ip targets default off over TCP).</param>
/// <param name="Targets">Registered targets.</param>
public sealed record TargetGroup(string Id, Location Location, string? VpcId, string TargetType, int? Port, string Protocol, int? HealthCheckPort, string HealthCheckProtocol,
    bool PreserveClientIp, IReadOnlyList<Target> Targets)
{
    /// <summary>
    /// The port <paramref name="target"/> receives traffic on: its own registration port, else the group's (ELBv2 API
    /// Reference, RegisterTargets: "By default, the load balancer routes requests to registered targets using the protocol
    /// and port for the target group. Alternatively, you can override the port for a target when you register it.",
    /// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RegisterTargets.html); null when neither is known.
    /// </summary>
    public int? TrafficPort(Target target) => target.Port ?? Port;

    /// <summary>
    /// The port health checks of <paramref name="target"/> go to: <see cref="HealthCheckPort"/>, else its traffic port
    /// (ELBv2 API Reference, CreateTargetGroup HealthCheckPort: "If the protocol is HTTP, HTTPS, TCP, TLS, UDP, or TCP_UDP,
    /// the default is traffic-port, which is the port on which each target receives traffic from the load balancer",
    /// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html); null when neither is known.
    /// </summary>
    public int? HealthCheckPortOf(Target target) => HealthCheckPort ?? TrafficPort(target);
}

/// <summary>A registered target.</summary>
/// <param name="Id">Its IP (ip targets) or instance model ID.</param>
/// <param name="Ip">The IP traffic goes to, when known.</param>
/// <param name="Port">Port (null: the group's).</param>
/// <param name="AvailabilityZone">AvailabilityZone as registered (all, a zone, or null).</param>
public sealed record Target(string Id, string? Ip, int? Port, string? AvailabilityZone);

/// <summary>A VPC endpoint service.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Account">Owner account (null: deploying).</param>
/// <param name="Region">Home Region.</param>
/// <param name="LoadBalancerIds">Its Network Load Balancers.</param>
/// <param name="AcceptanceRequired">Whether connections wait for acceptance (CloudFormation: false when omitted; the CDK writes true).</param>
/// <param name="AllowedPrincipals">Principals allowed to connect.</param>
/// <param name="PermissionsLocation">Where the permissions are declared, or null when there are none.</param>
/// <param name="SupportedRegions">Regions consumers may connect from (null: the home Region only).</param>
public sealed record EndpointService(string Id, Location Location, string? Account, string Region, IReadOnlyList<string> LoadBalancerIds, bool AcceptanceRequired,
    IReadOnlyList<string> AllowedPrincipals, Location? PermissionsLocation, IReadOnlyList<string>? SupportedRegions);

/// <summary>An interface VPC endpoint.</summary>
/// <param name="Id">Model ID.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Account">Account (null: deploying).</param>
/// <param name="Region">Region.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="SubnetIds">Subnets it has a network interface in.</param>
/// <param name="SecurityGroupIds">Security groups (none: the VPC default group).</param>
/// <param name="ServiceName">The service name as resolved (references shown as <c>${stack/logicalId}</c>).</param>
/// <param name="ServiceId">The endpoint service it names, when it is one in the assembly.</param>
/// <param name="ServiceNameRegion">The Region written in the service name, when readable.</param>
/// <param name="ServiceRegion">ServiceRegion (cross-Region), or null.</param>
public sealed record InterfaceEndpoint(string Id, Location Location, string? Account, string Region, string VpcId, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds,
    string ServiceName, string? ServiceId, string? ServiceNameRegion, string? ServiceRegion);

/// <summary>Something in the templates the model cannot represent; analysis never treats it as passing.</summary>
/// <param name="Location">Where.</param>
/// <param name="Type">Resource type.</param>
/// <param name="Reason">What is not supported.</param>
public sealed record Unsupported(Location Location, string Type, string Reason);
