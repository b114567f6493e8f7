using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>One cdk-nag finding a resource is known to raise, and why it stands.</summary>
/// <param name="Id">The rule, e.g. <c>AwsSolutions-IAM5</c>.</param>
/// <param name="Reason">Why the finding is accepted, with the AWS page that says so.</param>
/// <param name="AppliesToRegex">For granular rules, a regular expression (<c>/…/</c>) of the findings it covers; null for the whole rule.</param>
public sealed record NagSuppression(string Id, string Reason, string? AppliesToRegex = null);

/// <summary>
/// The justified cdk-nag (AwsSolutions) findings on Interlink's resources, written where teams' pipelines look for
/// them: the resource's <c>Metadata.cdk_nag.rules_to_suppress</c>, each with an <c>id</c>, a <c>reason</c> and, for
/// granular rules, <c>applies_to</c> (cdk-nag 2's format, which cdk-nag 3 still writes with
/// <c>writeSuppressionsToCloudFormation</c>). <c>scripts/cdk-nag.mjs</c> runs the rule pack over the templates in CI.
/// </summary>
public static class NagSuppressions
{
    /// <summary>Instances: Interlink's hosts are stateless and replaced only by CloudFormation.</summary>
    public static readonly NagSuppression[] Host =
    [
        new("AwsSolutions-EC28", "The target group's health checks and the UnHealthyHostCount/HealthyHostCount alarms watch the hosts every minute; "
            + "detailed EC2 monitoring would add a cost per instance for metrics no alarm uses (Amazon CloudWatch pricing)."),
        new("AwsSolutions-EC29", "Stateless sample-service and probe hosts owned by the stack: termination protection would stop CloudFormation from "
            + "replacing or deleting them (DisableApiTermination, EC2 User Guide 'Enable termination protection'), and 'interlink destroy' must be able to."),
    ];

    /// <summary>Host roles: Systems Manager's managed policy.</summary>
    public static readonly NagSuppression[] HostRole =
    [
        new("AwsSolutions-IAM4", "AmazonSSMManagedInstanceCore is the policy AWS documents for Systems Manager's core functionality on a managed node "
            + "(Systems Manager User Guide, 'Configure instance permissions required for Systems Manager'); hosts are reached through SSM only, never SSH.",
            "/^Policy::arn:<AWS::Partition>:iam::aws:policy\\/AmazonSSMManagedInstanceCore$/"),
    ];

    /// <summary>The flow-log role: log streams of its own group.</summary>
    public static readonly NagSuppression[] FlowLogRole =
    [
        new("AwsSolutions-IAM5", "VPC Flow Logs create and write log streams whose names they choose inside the one log group of this VPC; the stream "
            + "ARNs are the group ARN followed by ':*' (VPC User Guide, 'IAM role for publishing flow logs to CloudWatch Logs').",
            "/^Resource::<.+\\.Arn>:\\*$/"),
    ];

    /// <summary>The peering-accepter role: the peering does not exist when the role is made.</summary>
    public static readonly NagSuppression[] AccepterRole =
    [
        new("AwsSolutions-IAM5", "The relay stack creates the peering after this role exists, so its ID cannot be named: vpc-peering-connection/* is "
            + "scoped by the conditions ec2:AccepterVpc (the provider VPC) and ec2:RequesterVpc (the relay account's VPCs in its Region), as in the VPC "
            + "Peering Guide's example 'Accept a VPC peering connection'.",
            "/^Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:vpc-peering-connection\\/\\*$/"),
    ];

    /// <summary>The operator role: Describe actions have no resource types.</summary>
    public static readonly NagSuppression[] OperatorRole =
    [
        new("AwsSolutions-IAM5", "ec2:DescribeVpcEndpointConnections and ec2:DescribeVpcPeeringConnections have no resource types in the Service "
            + "Authorization Reference (list_amazonec2), so only Resource '*' grants them; every other action names its exact resources.",
            "/^Resource::\\*$/"),
    ];

    /// <summary>The NLB: access logs exist for TLS listeners only.</summary>
    public static readonly NagSuppression[] LoadBalancer =
    [
        new("AwsSolutions-ELB2", "Network Load Balancer access logs are created only for TLS listeners (Elastic Load Balancing, 'Access logs for your "
            + "Network Load Balancer'); this NLB has a TCP listener, and VPC flow logs record its traffic."),
    ];

    /// <summary>Writes <paramref name="suppressions"/> into <paramref name="resource"/>'s metadata.</summary>
    public static void Apply(ResourceModel resource, params IReadOnlyList<NagSuppression> suppressions) =>
        resource.Metadata = Cfn.Map(("cdk_nag", Cfn.Map(("rules_to_suppress", Cfn.List(suppressions.Select(s => (CfnValue)Cfn.Map(
            ("applies_to", s.AppliesToRegex is null ? null : Cfn.List(Cfn.Map(("regex", s.AppliesToRegex)))),
            ("id", s.Id),
            ("reason", s.Reason))))))));
}
