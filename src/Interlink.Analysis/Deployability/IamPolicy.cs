namespace Interlink.Analysis.Deployability;

/// <summary>One condition of a statement: <c>{"ArnEquals": {"ec2:AccepterVpc": [...]}}</c> is one condition per key.</summary>
/// <param name="Operator">The operator as written (e.g. <c>ArnEquals</c>, <c>StringLikeIfExists</c>).</param>
/// <param name="Key">The condition key.</param>
/// <param name="Values">Its values (any of them may match).</param>
public sealed record IamCondition(string Operator, string Key, IReadOnlyList<IamText> Values)
{
    /// <inheritdoc />
    public override string ToString() => $"{Operator} {Key} = [{string.Join(", ", Values)}]";
}

/// <summary>The principal element of a resource-based (trust) policy statement.</summary>
/// <param name="Any">True for <c>"Principal": "*"</c> (or <c>{"AWS": "*"}</c>).</param>
/// <param name="Aws">AWS principals: account IDs, account roots, role or user ARNs.</param>
/// <param name="Services">Service principals (e.g. <c>lambda.amazonaws.com</c>).</param>
public sealed record IamPrincipal(bool Any, IReadOnlyList<IamText> Aws, IReadOnlyList<string> Services);

/// <summary>One IAM policy statement, read from a template.</summary>
/// <param name="Source">Where it is, for people: <c>stack/logicalId policy 'name' statement n (Sid)</c>.</param>
/// <param name="Allow">Effect Allow (else Deny).</param>
/// <param name="Actions">Action (or NotAction) patterns.</param>
/// <param name="NotAction">True when <paramref name="Actions"/> came from NotAction.</param>
/// <param name="Resources">Resource (or NotResource) patterns; empty in trust policies.</param>
/// <param name="NotResource">True when <paramref name="Resources"/> came from NotResource.</param>
/// <param name="Conditions">Conditions, all of which must hold.</param>
/// <param name="Principal">The principal element (trust policies), else null.</param>
public sealed record IamStatement(
    string Source,
    bool Allow,
    IReadOnlyList<IamText> Actions,
    bool NotAction,
    IReadOnlyList<IamText> Resources,
    bool NotResource,
    IReadOnlyList<IamCondition> Conditions,
    IamPrincipal? Principal = null);

/// <summary>
/// What one authorization check asks: an action on one resource with the request context AWS would supply.
/// Per the Service Authorization Reference, an action that names several resource types is authorized once per
/// resource, each with the condition keys of its own resource type.
/// </summary>
/// <param name="Action">e.g. <c>ec2:AcceptVpcPeeringConnection</c>.</param>
/// <param name="Resource">The resource's ARN (or <c>*</c> for actions without resource-level permissions).</param>
/// <param name="Context">Condition keys present in the request and their values.</param>
/// <param name="UnknownKeys">Keys present in the request whose values are unknown offline (e.g. resource tags); an entry ending in <c>:</c> or <c>/</c> is a prefix (<c>aws:</c>, <c>aws:ResourceTag/</c>).</param>
/// <param name="Principal">The calling principal (trust policies), else null.</param>
/// <param name="PrincipalAccount">The calling principal's account (trust policies), else null.</param>
public sealed record IamRequest(
    string Action,
    IamText Resource,
    IReadOnlyDictionary<string, IamText> Context,
    IReadOnlySet<string> UnknownKeys,
    IamText? Principal = null,
    IamText? PrincipalAccount = null);

/// <summary>The outcome of evaluating a request against a set of statements.</summary>
public enum IamDecisionKind
{
    /// <summary>An Allow statement matches and no Deny does.</summary>
    Allowed,

    /// <summary>No Allow statement matches (the default deny).</summary>
    ImplicitDeny,

    /// <summary>A Deny statement matches: nothing else counts.</summary>
    ExplicitDeny,

    /// <summary>The answer depends on a value only known once deployed.</summary>
    Unknown,
}

/// <summary>A statement that names the action but does not apply, with why.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Reason">What does not match.</param>
public sealed record IamNearMiss(IamStatement Statement, string Reason);

/// <summary>Result of <see cref="IamPolicyEvaluator.Evaluate"/>.</summary>
/// <param name="Kind">Allowed, implicitly or explicitly denied, or unknown.</param>
/// <param name="Statement">The statement that decided (the allowing or denying one), when one did.</param>
/// <param name="NearMisses">Allow statements for the action that fail on resource, principal or condition.</param>
/// <param name="Reason">For unknown: what cannot be told offline.</param>
public sealed record IamDecision(IamDecisionKind Kind, IamStatement? Statement, IReadOnlyList<IamNearMiss> NearMisses, string? Reason = null)
{
    /// <summary>True when allowed.</summary>
    public bool IsAllowed => Kind == IamDecisionKind.Allowed;
}
