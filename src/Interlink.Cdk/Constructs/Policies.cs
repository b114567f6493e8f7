namespace Interlink.Cdk.Constructs;

/// <summary>IAM policy documents as plain objects: one jsii value each instead of a tree of PolicyStatement calls.</summary>
internal static class Policies
{
    /// <summary>Trust policy letting an AWS service assume the role.</summary>
    public static object TrustService(string service) => Trust(new Dictionary<string, object> { ["Service"] = service });

    /// <summary>Trust policy letting principals of another account assume the role.</summary>
    public static object TrustAccount(string account) =>
        Trust(new Dictionary<string, object> { ["AWS"] = $"arn:aws:iam::{account}:root" });

    /// <summary>A policy allowing <paramref name="actions"/> on <paramref name="resources"/>.</summary>
    public static object Allow(string[] actions, object[] resources) => new Dictionary<string, object>
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new object[]
        {
            new Dictionary<string, object> { ["Effect"] = "Allow", ["Action"] = actions, ["Resource"] = resources },
        },
    };

    /// <summary>A policy allowing <paramref name="actions"/> on <paramref name="resources"/> when condition <paramref name="key"/> holds.</summary>
    public static object AllowWhen(string[] actions, object[] resources, string @operator, string key, object value) => new Dictionary<string, object>
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["Effect"] = "Allow",
                ["Action"] = actions,
                ["Resource"] = resources,
                ["Condition"] = new Dictionary<string, object> { [@operator] = new Dictionary<string, object> { [key] = value } },
            },
        },
    };

    private static Dictionary<string, object> Trust(Dictionary<string, object> principal) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new object[]
        {
            new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = "sts:AssumeRole" },
        },
    };
}
