namespace Interlink.Analysis.Deployability;

/// <summary>Whether a handshake is allowed.</summary>
public enum HandshakeStatus
{
    /// <summary>The templates allow it: trust and every required resource.</summary>
    Allowed,

    /// <summary>The templates refuse it: the deploy will fail.</summary>
    Blocked,

    /// <summary>Depends on something not known offline.</summary>
    Unproven,

    /// <summary>Runs with a CDK bootstrap role whose policy is outside the templates: a requirement to meet.</summary>
    Requirement,
}

/// <summary>One step of the trust chain: <paramref name="From"/> assumes <paramref name="To"/>.</summary>
/// <param name="From">The assuming principal.</param>
/// <param name="To">The role assumed (its ARN or <c>stack/logicalId</c>).</param>
/// <param name="Status">Whether its trust policy admits <paramref name="From"/>.</param>
/// <param name="Statement">The trust statement that admits it (or the reason it does not).</param>
public sealed record TrustStep(string From, string To, HandshakeStatus Status, string Statement);

/// <summary>One resource of one action: the resource type the Service Authorization Reference lists, and the verdict.</summary>
/// <param name="ResourceType">e.g. <c>vpc</c>; <c>*</c> for actions without resource-level permissions.</param>
/// <param name="Required">Whether the Service Authorization Reference marks it required.</param>
/// <param name="Arn">The resource's ARN as far as known offline.</param>
/// <param name="Status">Allowed, blocked (denied) or unproven.</param>
/// <param name="Statement">The statement that allows it, or why none does.</param>
/// <param name="ConditionKeys">Condition keys the deciding statement uses.</param>
public sealed record ResourceCheck(string ResourceType, bool Required, string Arn, HandshakeStatus Status, string Statement, IReadOnlyList<string> ConditionKeys);

/// <summary>One action the handshake's principal performs.</summary>
/// <param name="Action">e.g. <c>ec2:AcceptVpcPeeringConnection</c>.</param>
/// <param name="Resources">Each resource type it is authorized against.</param>
/// <param name="Status">Allowed only when every resource is.</param>
public sealed record ActionCheck(string Action, IReadOnlyList<ResourceCheck> Resources, HandshakeStatus Status);

/// <summary>A deploy-time handshake the design relies on, and whether the templates allow it.</summary>
/// <param name="Kind">peering-accept, endpoint-acceptance, peering-dns, multi-region or same-account-peering.</param>
/// <param name="Title">What happens, for people.</param>
/// <param name="Stack">The stack that owns the resource acted on.</param>
/// <param name="LogicalId">The resource acted on.</param>
/// <param name="Principal">Who starts the chain (the CloudFormation execution role, the deploying account).</param>
/// <param name="Role">The role whose policies are checked (or the bootstrap role for requirements).</param>
/// <param name="TrustChain">The assumptions from principal to role.</param>
/// <param name="Actions">The actions, each with every required resource type.</param>
/// <param name="Status">The handshake's verdict.</param>
/// <param name="Code">The deployability code explaining a verdict other than allowed (or a broad-trust warning).</param>
/// <param name="Problem">What blocks it (or what is required), one line.</param>
/// <param name="Fix">What to change.</param>
public sealed record Handshake(
    string Kind,
    string Title,
    string Stack,
    string LogicalId,
    string Principal,
    string Role,
    IReadOnlyList<TrustStep> TrustChain,
    IReadOnlyList<ActionCheck> Actions,
    HandshakeStatus Status,
    string? Code,
    string? Problem,
    string? Fix);

/// <summary>A deployability finding (a blocked or unproven handshake, a requirement, a Lambda runtime).</summary>
/// <param name="Code">ILD code.</param>
/// <param name="Severity">Error, warning or note.</param>
/// <param name="Stack">Stack concerned.</param>
/// <param name="LogicalId">Resource concerned.</param>
/// <param name="Message">What was found.</param>
/// <param name="Fix">What to change.</param>
public sealed record DeployabilityFinding(string Code, DeployabilitySeverity Severity, string Stack, string LogicalId, string Message, string Fix);

/// <summary>The deployability section of a plan.</summary>
/// <param name="Handshakes">Every handshake, in stack order.</param>
/// <param name="Findings">Findings, errors first.</param>
/// <param name="IamData">Provenance of the action → resource-type data.</param>
/// <param name="RuntimeTable">Provenance and date of the Lambda runtime table.</param>
/// <param name="Today">The date runtime dates were compared with.</param>
public sealed record DeployabilityReport(IReadOnlyList<Handshake> Handshakes, IReadOnlyList<DeployabilityFinding> Findings, IamDataSource IamData, string RuntimeTable, DateOnly Today)
{
    /// <summary>Errors.</summary>
    public int Errors => Findings.Count(f => f.Severity == DeployabilitySeverity.Error);

    /// <summary>Warnings.</summary>
    public int Warnings => Findings.Count(f => f.Severity == DeployabilitySeverity.Warning);

    /// <summary>Notes.</summary>
    public int Notes => Findings.Count(f => f.Severity == DeployabilitySeverity.Note);

    /// <summary>True when a handshake is blocked or a runtime can no longer be created: plan exits 3.</summary>
    public bool HasErrors => Errors > 0;
}
