namespace Interlink.Templates.Model;

/// <summary>
/// The names of the CDK bootstrap resources a stack deploys through, as aws-cdk-lib 2.160.0's
/// <c>DefaultStackSynthesizer</c> renders them (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.DefaultStackSynthesizer.html,
/// its <c>DEFAULT_*</c> constants): <c>cdk-QUALIFIER-ROLE-ACCOUNT-REGION</c>, with <c>${AWS::AccountId}</c> where the
/// account is left to the deploying credentials, and <c>${AWS::Partition}</c> in ARNs.
/// </summary>
public static class BootstrapNames
{
    /// <summary>The version of the bootstrap stack the deploy role needs (the synthesizer's <c>minDeployRoleVersion</c>).</summary>
    public const int RequiredVersion = 6;

    /// <summary>The version the lookup role needs.</summary>
    public const int LookupRoleVersion = 8;

    /// <summary>The SSM parameter holding the bootstrap version.</summary>
    public static string VersionParameter(StackEnvironment env) => $"/cdk-bootstrap/{env.Qualifier}/version";

    /// <summary>The asset bucket as a template value: a literal for a known account, else a <c>Fn::Sub</c>.</summary>
    public static CfnValue AssetBucket(StackEnvironment env) =>
        env.Account is null ? Cfn.Sub(AssetBucketName(env)) : AssetBucketName(env);

    /// <summary>The asset bucket's name, with <c>${AWS::AccountId}</c> for an unknown account.</summary>
    public static string AssetBucketName(StackEnvironment env) => $"cdk-{env.Qualifier}-assets-{Account(env)}-{env.Region}";

    /// <summary>The ARN of bootstrap role <paramref name="role"/> (<c>deploy-role</c>, <c>cfn-exec-role</c>, …).</summary>
    public static string RoleArn(StackEnvironment env, string role) =>
        $"arn:${{AWS::Partition}}:iam::{Account(env)}:role/cdk-{env.Qualifier}-{role}-{Account(env)}-{env.Region}";

    /// <summary>The account part of names: the account, or <c>${AWS::AccountId}</c>.</summary>
    public static string Account(StackEnvironment env) => env.Account ?? "${AWS::AccountId}";
}
