using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>
/// IAM policy documents. Every ARN is built with <c>${AWS::Partition}</c> so that templates deploy outside the
/// commercial partition too (aws-cn, aws-us-gov): "Amazon Resource Names (ARNs)", IAM User Guide,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html.
/// </summary>
public static class Policies
{
    /// <summary>Trust policy letting an AWS service assume the role.</summary>
    public static CfnValue TrustService(string service) => Trust(Cfn.Map(("Service", service)));

    /// <summary>
    /// Trust policy letting principals of <paramref name="account"/> assume the role (those its own IAM policies allow
    /// <c>sts:AssumeRole</c> on it); null means the stack's own account.
    /// </summary>
    public static CfnValue TrustAccount(string? account) => Trust(Cfn.Map(("AWS", AccountRoot(account))));

    /// <summary>Trust policy letting exactly the role <paramref name="roleArn"/> assume the role.</summary>
    public static CfnValue TrustRole(CfnValue roleArn) => Trust(Cfn.Map(("AWS", roleArn)));

    /// <summary><c>arn:PARTITION:iam::ACCOUNT:root</c>; null means the stack's own account.</summary>
    public static CfnValue AccountRoot(string? account) => Cfn.Sub($"arn:${{AWS::Partition}}:iam::{account ?? "${AWS::AccountId}"}:root");

    /// <summary>
    /// The ARN of an EC2 resource (<c>arn:PARTITION:ec2:REGION:ACCOUNT:TYPE/ID</c>) in the stack's Region and account;
    /// <paramref name="id"/> may be a reference: it goes into Fn::Sub as a variable, because Fn::Sub's template must be
    /// a literal string.
    /// </summary>
    public static CfnValue Ec2Arn(string resourceType, CfnValue id) =>
        Cfn.Sub($"arn:${{AWS::Partition}}:ec2:${{AWS::Region}}:${{AWS::AccountId}}:{resourceType}/${{Id}}", ("Id", id));

    /// <summary>A policy allowing <paramref name="actions"/> on <paramref name="resources"/>.</summary>
    public static CfnValue Allow(IEnumerable<string> actions, IEnumerable<CfnValue> resources) => Cfn.Map(
        ("Version", "2012-10-17"),
        ("Statement", Cfn.List(Cfn.Map(("Effect", "Allow"), ("Action", Strings(actions)), ("Resource", Cfn.List(resources))))));

    /// <summary>A policy document of <paramref name="statements"/>.</summary>
    public static CfnValue Document(params IEnumerable<CfnValue> statements) => Cfn.Map(("Version", "2012-10-17"), ("Statement", Cfn.List(statements)));

    /// <summary>One Allow statement, with an optional condition block (operator → key → value).</summary>
    public static CfnValue Statement(string sid, IEnumerable<string> actions, IEnumerable<CfnValue> resources, CfnMap? condition = null) => Cfn.Map(
        ("Sid", sid),
        ("Effect", "Allow"),
        ("Action", Strings(actions)),
        ("Resource", Cfn.List(resources)),
        ("Condition", condition));

    /// <summary>An inline role policy.</summary>
    public static CfnValue Inline(string name, CfnValue document) => Cfn.Map(("PolicyDocument", document), ("PolicyName", name));

    /// <summary>A list of literal strings.</summary>
    public static CfnList Strings(IEnumerable<string> values) => Cfn.List(values.Select(v => (CfnValue)v));

    private static CfnValue Trust(CfnMap principal) => Cfn.Map(
        ("Version", "2012-10-17"),
        ("Statement", Cfn.List(Cfn.Map(("Effect", "Allow"), ("Principal", principal), ("Action", "sts:AssumeRole")))));
}
