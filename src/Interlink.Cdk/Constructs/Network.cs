using Interlink.Core.Normalization;
using Interlink.Templates.Blueprints;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="Network"/>.</summary>
public sealed class NetworkProps
{
    /// <summary>Prefix of the Name tags (e.g. <c>awsmorocco-relay</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The VPC's resolved layout: a new VPC is created from it; an existing one is only referenced.</summary>
    public required VpcLayout Layout { get; init; }

    /// <summary>Record flow logs of a new VPC to CloudWatch Logs (kept 30 days). Default: true.</summary>
    public bool FlowLogs { get; init; } = true;
}

/// <summary>
/// A VPC exactly as laid out: CIDR, one private subnet (with its own route table) per AZ ID, public subnets and NAT
/// gateways when asked, DNS support and hostnames on, flow logs. For an existing VPC it creates nothing and exposes the
/// IDs the user gave, so that other constructs only add to it. Resources: <see cref="NetworkBlueprint"/>.
/// </summary>
public sealed class Network : ModelConstruct
{
    /// <summary>Creates or references the VPC.</summary>
    public Network(Construct scope, string id, NetworkProps props) : base(scope, id)
    {
        Refs = NetworkBlueprint.Build(Model, props.Name, props.Layout, props.FlowLogs);
        EmitModel();
        VpcId = Text(Refs.VpcId);
        PrivateSubnetIds = Refs.PrivateSubnetIds.Select(Text).ToList();
        PrivateRouteTableIds = Refs.PrivateRouteTableIds.Select(Text).ToList();
    }

    /// <summary>VPC ID (a token for a new VPC).</summary>
    public string VpcId { get; }

    /// <summary>Private subnet IDs, in layout order.</summary>
    public IReadOnlyList<string> PrivateSubnetIds { get; }

    /// <summary>Route table of each private subnet, in layout order.</summary>
    public IReadOnlyList<string> PrivateRouteTableIds { get; }

    /// <summary>What the constructs that build in this network refer to.</summary>
    internal NetworkRefs Refs { get; }
}
