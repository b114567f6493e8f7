using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="PeeringRequest"/>.</summary>
public sealed class PeeringRequestProps
{
    /// <summary>Name tag.</summary>
    public required string Name { get; init; }

    /// <summary>The requester (relay) network.</summary>
    public required Network Network { get; init; }

    /// <summary>The provider VPC's ID.</summary>
    public required string PeerVpcId { get; init; }

    /// <summary>The provider's Region.</summary>
    public required string PeerRegion { get; init; }

    /// <summary>The provider's CIDR, routed over the peering.</summary>
    public required string PeerCidr { get; init; }

    /// <summary>The provider's account. Default: null, the same account as the relay.</summary>
    public string? PeerOwnerId { get; init; }

    /// <summary>Accepter role ARN; set only when the provider's account differs. Default: null.</summary>
    public string? PeerRoleArn { get; init; }
}

/// <summary>
/// The relay's side of the inter-Region peering: the request and a route to the provider CIDR in every relay route
/// table. Resources: <see cref="PeeringBlueprint.Request"/>.
/// </summary>
public sealed class PeeringRequest : ModelConstruct
{
    /// <summary>Creates the peering and routes.</summary>
    public PeeringRequest(Construct scope, string id, PeeringRequestProps props) : base(scope, id)
    {
        var peering = PeeringBlueprint.Request(Model, new PeeringRequestSpec(props.Name, props.Network.Refs, props.PeerVpcId, props.PeerRegion, props.PeerCidr,
            props.PeerOwnerId, props.PeerRoleArn is { } arn ? (CfnValue)arn : null));
        EmitModel();
        PeeringConnectionId = Text(Cfn.Ref(peering));
    }

    /// <summary>The peering connection's ID.</summary>
    public string PeeringConnectionId { get; }
}
