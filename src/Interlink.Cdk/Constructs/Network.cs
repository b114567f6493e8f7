using Interlink.Core.Networking;
using Interlink.Templates.Blueprints;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="Network"/>.</summary>
public sealed class NetworkProps
{
    /// <summary>Prefix of the Name tags (e.g. <c>awsmorocco-relay</c>); at most 200 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The VPC's IPv4 CIDR, e.g. <c>10.10.0.0/16</c>.</summary>
    public required string Cidr { get; init; }

    /// <summary>Private subnets, inside <see cref="Cidr"/>; each gets its own route table. At least one.</summary>
    public required IReadOnlyList<SubnetSpec> PrivateSubnets { get; init; }

    /// <summary>Public subnets, which hold the NAT gateways. Default: none.</summary>
    public IReadOnlyList<SubnetSpec> PublicSubnets { get; init; } = [];

    /// <summary>
    /// NAT gateways, one in each of the first public subnets; private subnets route to them in turn. Default: 0, no
    /// NAT: nothing in the private subnets reaches the internet (hosts then cannot reach Systems Manager or S3).
    /// </summary>
    public int NatGateways { get; init; }

    /// <summary>
    /// An existing VPC's ID: nothing is created, and the subnets' <see cref="SubnetSpec.ExistingSubnetId"/> and
    /// <see cref="SubnetSpec.ExistingRouteTableId"/> are referred to. Default: null, a new VPC is created.
    /// </summary>
    public string? ExistingVpcId { get; init; }

    /// <summary>Record flow logs of a new VPC to CloudWatch Logs, kept 30 days. Default: true.</summary>
    public bool FlowLogs { get; init; } = true;
}

/// <summary>
/// A VPC exactly as laid out: CIDR, one private subnet (with its own route table) per entry, public subnets and NAT
/// gateways when asked, DNS support and hostnames on, flow logs. For an existing VPC it creates nothing and exposes the
/// IDs given, so that other constructs only add to it. Resources: <see cref="NetworkBlueprint"/>.
/// </summary>
public sealed class Network : ModelConstruct
{
    /// <summary>Creates or references the VPC.</summary>
    public Network(Construct scope, string id, NetworkProps props) : base(scope, id)
    {
        Validate(props);
        Refs = NetworkBlueprint.Build(Model, new NetworkSpec(props.Name, props.Cidr, props.PrivateSubnets, props.PublicSubnets, props.NatGateways,
            props.ExistingVpcId, props.FlowLogs));
        EmitModel();
        VpcId = Text(Refs.VpcId);
        PrivateSubnetIds = Refs.PrivateSubnetIds.Select(Text).ToList();
        PrivateRouteTableIds = Refs.PrivateRouteTableIds.Select(Text).ToList();
    }

    /// <summary>VPC ID (a token for a new VPC).</summary>
    public string VpcId { get; }

    /// <summary>Private subnet IDs, in the order given.</summary>
    public IReadOnlyList<string> PrivateSubnetIds { get; }

    /// <summary>Route table of each private subnet, in the order given.</summary>
    public IReadOnlyList<string> PrivateRouteTableIds { get; }

    /// <summary>What the constructs that build in this network refer to.</summary>
    internal NetworkRefs Refs { get; }

    private static void Validate(NetworkProps props)
    {
        // Name tags hold up to 256 characters ("Tag restrictions", Amazon EC2 User Guide,
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html); Interlink appends suffixes such as
        // "-private-use1-az1" to the prefix.
        if (props.Name.Length is 0 or > 200)
            throw new ArgumentException($"Name must be 1 to 200 characters (got {props.Name.Length})", nameof(props));
        if (!Ipv4Cidr.TryParse(props.Cidr, out var vpc, out var problem))
            throw new ArgumentException($"Cidr '{props.Cidr}' is not an IPv4 CIDR: {problem}", nameof(props));
        if (props.PrivateSubnets.Count == 0)
            throw new ArgumentException("a network needs at least one private subnet", nameof(props));
        foreach (var subnet in props.PrivateSubnets.Concat(props.PublicSubnets))
        {
            if (!Ipv4Cidr.TryParse(subnet.Cidr, out var cidr, out problem))
                throw new ArgumentException($"subnet '{subnet.Cidr}' is not an IPv4 CIDR: {problem}", nameof(props));
            if (!vpc.Contains(cidr))
                throw new ArgumentException($"subnet {subnet.Cidr} is not inside the VPC's {props.Cidr}", nameof(props));
        }

        if (props.NatGateways < 0 || props.NatGateways > props.PublicSubnets.Count)
            throw new ArgumentException($"NatGateways {props.NatGateways} needs as many public subnets (there are {props.PublicSubnets.Count})", nameof(props));
    }
}
