namespace Interlink.Core.Model;

/// <summary>
/// Who deploys the design, so that the roles Interlink creates can trust exactly that principal.
/// </summary>
/// <param name="Account">
/// The account whose credentials run <c>interlink deploy</c> (it assumes each account's CDK bootstrap roles and
/// Interlink's operator roles). Null: the provider's account (the README's bootstrap commands trust it).
/// </param>
/// <param name="BootstrapQualifier">
/// The qualifier given to <c>cdk bootstrap</c> (its default is <c>hnb659fds</c>): bootstrap role names contain it,
/// e.g. <c>cdk-hnb659fds-cfn-exec-role-ACCOUNT-REGION</c>, the role CloudFormation deploys with.
/// </param>
public sealed record DeploymentSpec(string? Account = null, string BootstrapQualifier = DeploymentSpec.DefaultQualifier)
{
    /// <summary>The CDK's default bootstrap qualifier (aws-cdk-lib DefaultStackSynthesizer.DEFAULT_QUALIFIER).</summary>
    public const string DefaultQualifier = "hnb659fds";

    /// <summary>Nothing said: the provider's account, the default qualifier.</summary>
    public static DeploymentSpec Default { get; } = new();
}
