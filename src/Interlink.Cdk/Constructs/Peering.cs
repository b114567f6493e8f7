using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="PeeringAccepterRole"/>.</summary>
public sealed class PeeringAccepterRoleProps
{
    /// <summary>Role name; the requester's stack builds the same ARN from it.</summary>
    public required string RoleName { get; init; }

    /// <summary>The relay (requester) account allowed to assume the role.</summary>
    public required string RequesterAccount { get; init; }

    /// <summary>The provider VPC the peering may attach to.</summary>
    public required string VpcId { get; init; }
}

/// <summary>
/// In the provider account: a role the relay account assumes so that CloudFormation can accept its peering
/// request. It may accept peerings to the provider VPC and nothing else.
/// </summary>
public sealed class PeeringAccepterRole : Construct
{
    /// <summary>Creates the role.</summary>
    public PeeringAccepterRole(Construct scope, string id, PeeringAccepterRoleProps props) : base(scope, id)
    {
        var role = new CfnRole(this, "Role", new CfnRoleProps
        {
            RoleName = props.RoleName,
            AssumeRolePolicyDocument = Policies.TrustAccount(props.RequesterAccount),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty
                {
                    PolicyName = "accept-peering-to-provider-vpc",
                    // Accept peerings into the provider VPC only: the condition names the accepter VPC.
                    PolicyDocument = Policies.AllowWhen(
                        ["ec2:AcceptVpcPeeringConnection"],
                        [Amazon.CDK.Fn.Sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*")],
                        "ArnEquals",
                        "ec2:AccepterVpc",
                        // Fn::Sub's template must be a literal string: the VPC ID (a Ref for a new VPC) goes in as a variable.
                        Amazon.CDK.Fn.Sub(
                            "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${ProviderVpcId}",
                            new Dictionary<string, string> { ["ProviderVpcId"] = props.VpcId })),
                },
            },
        });
        RoleArn = role.AttrArn;
    }

    /// <summary>The role's ARN.</summary>
    public string RoleArn { get; }

    /// <summary>The ARN of role <paramref name="roleName"/> in <paramref name="account"/>, built without a cross-account reference.</summary>
    public static string ArnOf(string account, string roleName) => Amazon.CDK.Fn.Sub($"arn:${{AWS::Partition}}:iam::{account}:role/{roleName}");
}

/// <summary>Properties of <see cref="PeeringRequest"/>.</summary>
public sealed class PeeringRequestProps
{
    /// <summary>Name tag.</summary>
    public required string Name { get; init; }

    /// <summary>The requester (relay) network.</summary>
    public required Network Network { get; init; }

    /// <summary>The provider VPC's ID (a parameter: it lives in another stack, maybe another account).</summary>
    public required string PeerVpcId { get; init; }

    /// <summary>The provider's Region.</summary>
    public required string PeerRegion { get; init; }

    /// <summary>The provider's CIDR, routed over the peering.</summary>
    public required string PeerCidr { get; init; }

    /// <summary>The provider's account. Default: null (the same account as the relay).</summary>
    public string? PeerOwnerId { get; init; }

    /// <summary>Accepter role ARN; set only when the provider's account differs. Default: null.</summary>
    public string? PeerRoleArn { get; init; }
}

/// <summary>
/// The relay's side of the inter-Region peering: the request (accepted through the provider's role across
/// accounts, automatically within one), and a route to the provider CIDR in every relay route table.
/// </summary>
public sealed class PeeringRequest : Construct
{
    /// <summary>Creates the peering and routes.</summary>
    public PeeringRequest(Construct scope, string id, PeeringRequestProps props) : base(scope, id)
    {
        var peering = new CfnVPCPeeringConnection(this, "Connection", new CfnVPCPeeringConnectionProps
        {
            VpcId = props.Network.VpcId,
            PeerVpcId = props.PeerVpcId,
            PeerRegion = props.PeerRegion,
            PeerOwnerId = props.PeerOwnerId,
            PeerRoleArn = props.PeerRoleArn,
            Tags = [Network.NameTag(props.Name)],
        });
        PeeringConnectionId = peering.Ref;
        PeerRoutes.Add(this, "ToProvider", props.Network.PrivateRouteTableIds, props.PeerCidr, peering.Ref);
    }

    /// <summary>The peering connection's ID.</summary>
    public string PeeringConnectionId { get; }
}

/// <summary>Routes to a peer CIDR over a peering, one per route table: the return path needs them as much as the forward path.</summary>
public static class PeerRoutes
{
    /// <summary>Adds a route to <paramref name="cidr"/> via <paramref name="peeringId"/> in each of <paramref name="routeTableIds"/>.</summary>
    public static void Add(Construct scope, string idPrefix, IReadOnlyList<string> routeTableIds, string cidr, string peeringId)
    {
        for (var i = 0; i < routeTableIds.Count; i++)
        {
            _ = new CfnRoute(scope, $"{idPrefix}{i + 1}", new CfnRouteProps
            {
                RouteTableId = routeTableIds[i],
                DestinationCidrBlock = cidr,
                VpcPeeringConnectionId = peeringId,
            });
        }
    }
}
