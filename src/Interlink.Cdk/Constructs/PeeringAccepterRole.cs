using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;
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

    /// <summary>The requester's VPC ID when known before the relay stack exists. Default: null, any VPC of the account in the Region.</summary>
    public string? RequesterVpcId { get; init; }

    /// <summary>The qualifier the requester account was bootstrapped with. Default: <see cref="Core.Model.DeploymentSpec.DefaultQualifier"/>.</summary>
    public string BootstrapQualifier { get; init; } = Core.Model.DeploymentSpec.DefaultQualifier;
}

/// <summary>
/// In the provider account: the role CloudFormation assumes, while it creates the relay stack's peering with
/// <c>PeerRoleArn</c>, to accept it; only the relay account's CDK CloudFormation execution role may assume it.
/// Resources: <see cref="PeeringBlueprint.AccepterRole"/>.
/// </summary>
public sealed class PeeringAccepterRole : ModelConstruct
{
    /// <summary>Creates the role.</summary>
    public PeeringAccepterRole(Construct scope, string id, PeeringAccepterRoleProps props) : base(scope, id)
    {
        var role = PeeringBlueprint.AccepterRole(Model, new AccepterRoleSpec(props.RequesterAccount, props.RequesterRegion, props.VpcId, props.RequesterVpcId, props.BootstrapQualifier));
        EmitModel();
        RoleArn = Text(Cfn.GetAtt(role, "Arn"));
    }

    /// <summary>The role's ARN.</summary>
    public string RoleArn { get; }
}
