using Amazon.CDK;

namespace Interlink.Cdk.Constructs;

/// <summary>
/// IAM policy documents as plain objects: one jsii value each instead of a tree of PolicyStatement calls. Every
/// ARN is built with <c>${AWS::Partition}</c> so that templates deploy outside the commercial partition too
/// (aws-cn, aws-us-gov): "Amazon Resource Names (ARNs)", IAM User Guide,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html.
/// </summary>
internal static class Policies
{
    /// <summary>Trust policy letting an AWS service assume the role.</summary>
    public static object TrustService(string service) => Trust(new Dictionary<string, object> { ["Service"] = service });

    /// <summary>
    /// Trust policy letting principals of <paramref name="account"/> assume the role (those its own IAM policies allow
    /// <c>sts:AssumeRole</c> on it); null means the stack's own account.
    /// </summary>
    public static object TrustAccount(string? account) => Trust(new Dictionary<string, object> { ["AWS"] = AccountRoot(account) });

    /// <summary>Trust policy letting exactly the role <paramref name="roleArn"/> assume the role.</summary>
    public static object TrustRole(object roleArn) => Trust(new Dictionary<string, object> { ["AWS"] = roleArn });

    /// <summary><c>arn:PARTITION:iam::ACCOUNT:root</c>; null means the stack's own account.</summary>
    public static string AccountRoot(string? account) =>
        Fn.Sub($"arn:${{AWS::Partition}}:iam::{account ?? "${AWS::AccountId}"}:root");

    /// <summary>
    /// The ARN of an EC2 resource (<c>arn:PARTITION:ec2:REGION:ACCOUNT:TYPE/ID</c>). Region and account default to the
    /// stack's; <paramref name="id"/> may be a token (a Ref to a parameter or resource): it goes into Fn::Sub as a
    /// variable, because Fn::Sub's template must be a literal string.
    /// </summary>
    public static string Ec2Arn(string resourceType, string id, string? region = null, string? account = null) =>
        Fn.Sub(
            $"arn:${{AWS::Partition}}:ec2:{region ?? "${AWS::Region}"}:{account ?? "${AWS::AccountId}"}:{resourceType}/${{Id}}",
            new Dictionary<string, string> { ["Id"] = id });

    /// <summary>A policy allowing <paramref name="actions"/> on <paramref name="resources"/>.</summary>
    public static object Allow(string[] actions, object[] resources) => new Dictionary<string, object>
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new object[]
        {
            new Dictionary<string, object> { ["Effect"] = "Allow", ["Action"] = actions, ["Resource"] = resources },
        },
    };

    /// <summary>A policy document of <paramref name="statements"/>.</summary>
    public static object Document(params object[] statements) => new Dictionary<string, object>
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = statements,
    };

    /// <summary>One Allow statement, with an optional condition block (operator → key → value).</summary>
    public static object Statement(string sid, string[] actions, object[] resources, Dictionary<string, object>? condition = null)
    {
        var statement = new Dictionary<string, object>
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Action"] = actions,
            ["Resource"] = resources,
        };
        if (condition is not null)
            statement["Condition"] = condition;
        return statement;
    }

    private static Dictionary<string, object> Trust(Dictionary<string, object> principal) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new object[]
        {
            new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = "sts:AssumeRole" },
        },
    };
}
