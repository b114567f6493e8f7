namespace Interlink.Analysis.Deployability;

/// <summary>How much a deployability finding matters.</summary>
public enum DeployabilitySeverity
{
    /// <summary>The deploy will fail: <c>plan</c> exits 3.</summary>
    Error,

    /// <summary>Not proven, or works more widely than it should.</summary>
    Warning,

    /// <summary>A requirement outside the templates (on a CDK bootstrap role): the user must make sure of it.</summary>
    Note,
}

/// <summary>One deployability code with why it matters and how to fix it.</summary>
/// <param name="Id">Stable ID (<c>ILD001</c>…).</param>
/// <param name="Severity">Error, warning or note.</param>
/// <param name="Title">One line.</param>
/// <param name="Rationale">Why it matters.</param>
/// <param name="Fix">What to change.</param>
public sealed record DeployabilityRule(string Id, DeployabilitySeverity Severity, string Title, string Rationale, string Fix);

/// <summary>The deployability codes <c>plan</c> reports. IDs never change meaning; retired IDs are not reused.</summary>
public static class DeployabilityRules
{
    /// <summary>ILD001.</summary>
    public static readonly DeployabilityRule NotTrusted = new(
        "ILD001", DeployabilitySeverity.Error, "Role does not trust the principal that must assume it",
        "sts:AssumeRole succeeds only when the role's trust policy names the caller (or its account); CloudFormation (PeerRoleArn) or deploy (operator roles) is refused and the stack rolls back or the step fails.",
        "Add a trust statement allowing sts:AssumeRole to exactly that principal (for PeerRoleArn: the relay account's CDK cfn-exec role; for operator roles: the deploying account).");

    /// <summary>ILD002.</summary>
    public static readonly DeployabilityRule NotAllowed = new(
        "ILD002", DeployabilitySeverity.Error, "Role's policies do not allow the action on a required resource",
        "AWS authorizes an action once per resource type the Service Authorization Reference marks required, each with that resource type's condition keys: one resource or condition left out denies the whole call.",
        "Allow the action on every required resource type (e.g. ec2:AcceptVpcPeeringConnection on the peering connection AND the accepter VPC), with conditions that match the real resources.");

    /// <summary>ILD003.</summary>
    public static readonly DeployabilityRule ExplicitDeny = new(
        "ILD003", DeployabilitySeverity.Error, "An explicit Deny refuses the action",
        "In IAM an explicit Deny overrides every Allow.",
        "Remove or narrow the Deny statement so it does not cover the handshake's action and resources.");

    /// <summary>ILD004.</summary>
    public static readonly DeployabilityRule Unproven = new(
        "ILD004", DeployabilitySeverity.Warning, "Handshake cannot be proven offline",
        "A value the decision depends on (a deploy-time input, an AWS managed policy, a resource tag) is not in the assembly, so nothing was proven either way.",
        "Make the policy refer to the resources by their template references or literal ARNs, or check the permission after deploying.");

    /// <summary>ILD005.</summary>
    public static readonly DeployabilityRule NoRole = new(
        "ILD005", DeployabilitySeverity.Error, "No role for the handshake",
        "The handshake runs as a role the assembly must declare (the peering-accepter role behind PeerRoleArn, a stack's operator role output as OperatorRoleArn); without it the call runs with credentials that cannot act on the resource.",
        "Declare the role in the stack that owns the resource and output or pass its ARN (OperatorRoleArn, PeerRoleArn).");

    /// <summary>ILD006.</summary>
    public static readonly DeployabilityRule BroadTrust = new(
        "ILD006", DeployabilitySeverity.Warning, "Trust wider than the principal that assumes the role",
        "A trust policy naming an account root lets every principal of that account whose identity policy allows sts:AssumeRole assume the role, not just the one that needs it.",
        "Trust the exact role that assumes it (e.g. arn:PARTITION:iam::RELAY:role/cdk-QUALIFIER-cfn-exec-role-RELAY-REGION).");

    /// <summary>ILD007.</summary>
    public static readonly DeployabilityRule BootstrapRequirement = new(
        "ILD007", DeployabilitySeverity.Note, "Permission the CDK bootstrap execution role must have",
        "Some calls of a deploy run with the CloudFormation execution role that 'cdk bootstrap' created, whose policy is outside the templates (AdministratorAccess by default); a narrowed execution policy must still include them.",
        "Keep the named action in the execution policy given to 'cdk bootstrap --cloudformation-execution-policies' for that account and Region.");

    /// <summary>ILD008.</summary>
    public static readonly DeployabilityRule RuntimeBlocked = new(
        "ILD008", DeployabilitySeverity.Error, "Lambda runtime no longer accepted for new functions",
        "After a runtime's create-block date Lambda refuses CreateFunction on it: a fresh deploy of the stack fails (and after the update-block date, so do updates).",
        "Use a supported runtime, or avoid the Lambda function (Interlink sets peering DNS options from deploy).");

    /// <summary>ILD009.</summary>
    public static readonly DeployabilityRule RuntimeDeprecated = new(
        "ILD009", DeployabilitySeverity.Warning, "Lambda runtime deprecated",
        "A deprecated runtime gets no security patches; Lambda blocks creating and then updating functions on it at the dates AWS publishes.",
        "Move the function to a supported runtime before its create-block date.");

    /// <summary>Every deployability code.</summary>
    public static IReadOnlyList<DeployabilityRule> All { get; } =
        [NotTrusted, NotAllowed, ExplicitDeny, Unproven, NoRole, BroadTrust, BootstrapRequirement, RuntimeBlocked, RuntimeDeprecated];

    /// <summary>The rule with <paramref name="id"/>, or null.</summary>
    public static DeployabilityRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
