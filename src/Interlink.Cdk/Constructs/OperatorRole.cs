using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="OperatorRole"/>.</summary>
public sealed class OperatorRoleProps
{
    /// <summary>The account whose principals may assume the role, 12 digits. Default: null, the stack's own account.</summary>
    public string? TrustedAccount { get; init; }

    /// <summary>Endpoint services whose connections the role may describe, accept and reject. Default: none.</summary>
    public IReadOnlyList<string> EndpointServiceIds { get; init; } = [];

    /// <summary>Peering connections whose options on this stack's side the role may modify and describe. Default: none.</summary>
    public IReadOnlyList<string> PeeringConnectionIds { get; init; } = [];
}

/// <summary>
/// The role <c>interlink deploy</c> assumes for what CloudFormation cannot do: accept or reject endpoint connections,
/// set a peering side's DNS options; each action on exactly the resources it names; trusted by the deploying account
/// only. Must name at least one resource. Resources: <see cref="OperatorRoleBlueprint"/>.
/// </summary>
public sealed class OperatorRole : ModelConstruct
{
    /// <summary>Creates the role.</summary>
    public OperatorRole(Construct scope, string id, OperatorRoleProps props) : base(scope, id)
    {
        var role = OperatorRoleBlueprint.Build(Model, props.TrustedAccount,
            props.EndpointServiceIds.Select(s => (CfnValue)s).ToList(), props.PeeringConnectionIds.Select(p => (CfnValue)p).ToList());
        EmitModel();
        RoleArn = Text(Cfn.GetAtt(role, "Arn"));
    }

    /// <summary>The role's ARN.</summary>
    public string RoleArn { get; }
}
