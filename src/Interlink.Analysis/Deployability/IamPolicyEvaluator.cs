namespace Interlink.Analysis.Deployability;

/// <summary>
/// A small, honest IAM policy evaluator for the statements Interlink's templates carry: Allow and Deny (an explicit
/// Deny wins), Action/NotAction with wildcards, Resource/NotResource with ARN wildcards, Principal for trust
/// policies, and the condition operators String(Not)Equals, String(Not)Like, Arn(Not)Equals, Arn(Not)Like (with
/// IfExists). Anything else (other operators, ForAnyValue/ForAllValues, policy variables) is never counted as
/// allowing: it makes the decision unknown. Source: IAM User Guide, "Policy evaluation logic" and "IAM JSON policy
/// elements: Condition operators" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
/// </summary>
public static class IamPolicyEvaluator
{
    /// <summary>Evaluates <paramref name="request"/> against <paramref name="statements"/>.</summary>
    public static IamDecision Evaluate(IReadOnlyList<IamStatement> statements, IamRequest request)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(request);
        IamStatement? allowing = null, unknownAllow = null, unknownDeny = null;
        string? unknownReason = null;
        var misses = new List<IamNearMiss>();
        foreach (var statement in statements)
        {
            var action = ActionMatches(statement, request.Action);
            if (action == Tri.No)
                continue;
            var (applies, reason) = Applies(statement, request);
            var outcome = TriLogic.And(action, applies);
            if (!statement.Allow)
            {
                if (outcome == Tri.Yes)
                    return new IamDecision(IamDecisionKind.ExplicitDeny, statement, misses);
                if (outcome == Tri.Unknown)
                    (unknownDeny, unknownReason) = (statement, reason ?? "a Deny statement may apply");
                continue;
            }

            switch (outcome)
            {
                case Tri.Yes:
                    allowing ??= statement;
                    break;
                case Tri.Unknown:
                    unknownAllow ??= statement;
                    unknownReason ??= reason;
                    break;
                default:
                    misses.Add(new IamNearMiss(statement, reason ?? "does not apply"));
                    break;
            }
        }

        if (allowing is not null && unknownDeny is null)
            return new IamDecision(IamDecisionKind.Allowed, allowing, misses);
        if (allowing is not null || unknownAllow is not null)
            return new IamDecision(IamDecisionKind.Unknown, unknownDeny ?? unknownAllow, misses, unknownReason);
        return new IamDecision(IamDecisionKind.ImplicitDeny, null, misses);
    }

    private static Tri ActionMatches(IamStatement statement, string action)
    {
        var any = statement.Actions.Aggregate(Tri.No, (acc, a) => TriLogic.Or(acc, IamMatch.Glob(a, IamText.Of(action), ignoreCase: true)));
        return statement.NotAction ? TriLogic.Not(any) : any;
    }

    private static (Tri Applies, string? Reason) Applies(IamStatement statement, IamRequest request)
    {
        if (statement.Principal is { } principal)
        {
            var who = PrincipalMatches(principal, request);
            if (who != Tri.Yes)
                return (who, who == Tri.No
                    ? $"its Principal ({Describe(principal)}) does not name {request.Principal?.ToString() ?? "the caller"}"
                    : $"whether its Principal ({Describe(principal)}) names {request.Principal} is known only once deployed");
        }
        else if (statement.Resources.Count > 0 || statement.NotResource)
        {
            var any = statement.Resources.Aggregate(Tri.No, (acc, r) => TriLogic.Or(acc, IamMatch.Glob(r, request.Resource)));
            var resource = statement.NotResource ? TriLogic.Not(any) : any;
            if (resource != Tri.Yes)
                return (resource, resource == Tri.No
                    ? $"its {(statement.NotResource ? "NotResource" : "Resource")} [{string.Join(", ", statement.Resources)}] does not cover {request.Resource}"
                    : $"whether its Resource [{string.Join(", ", statement.Resources)}] covers {request.Resource} is known only once deployed");
        }
        else
            return (Tri.No, "it has no Resource element");

        var result = Tri.Yes;
        string? why = null;
        foreach (var condition in statement.Conditions)
        {
            var (holds, reason) = Condition(condition, request);
            if (holds == Tri.Yes)
                continue;
            result = TriLogic.And(result, holds);
            why ??= reason;
            if (result == Tri.No)
                break;
        }

        return (result, why);
    }

    private static Tri PrincipalMatches(IamPrincipal principal, IamRequest request)
    {
        if (principal.Any)
            return Tri.Yes;
        if (request.Principal is null)
            return Tri.No;
        var result = Tri.No;
        foreach (var named in principal.Aws)
        {
            // An account ID or its root ARN delegates to every principal of that account (whose own identity policy
            // must then allow sts:AssumeRole): IAM User Guide, "AWS JSON policy elements: Principal".
            if (request.PrincipalAccount is { } account
                && (IamMatch.Glob(named, account, wildcards: false) == Tri.Yes || IsRootOf(named, account) == Tri.Yes))
                return Tri.Yes;
            result = TriLogic.Or(result, IamMatch.Glob(named, request.Principal, wildcards: false));
            if (request.PrincipalAccount is { } a)
                result = TriLogic.Or(result, TriLogic.And(Tri.Unknown, IsRootOf(named, a)));
        }

        return result;
    }

    /// <summary>Whether <paramref name="named"/> is <c>arn:PARTITION:iam::ACCOUNT:root</c> for <paramref name="account"/>.</summary>
    internal static Tri IsRootOf(IamText named, IamText account) =>
        IamMatch.Glob("arn:*:iam::" + account + ":root", named, wildcards: true);

    private static (Tri Holds, string Reason) Condition(IamCondition condition, IamRequest request)
    {
        var op = condition.Operator;
        if (op.StartsWith("ForAnyValue:", StringComparison.Ordinal) || op.StartsWith("ForAllValues:", StringComparison.Ordinal))
            return (Tri.Unknown, $"condition {condition} uses a set operator this evaluator does not model");
        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
        if (ifExists)
            op = op[..^"IfExists".Length];
        var negated = op.Contains("Not", StringComparison.Ordinal);
        Func<IamText, IamText, Tri>? compare = op switch
        {
            "StringEquals" or "StringNotEquals" => (p, v) => IamMatch.Glob(p, v, wildcards: false),
            "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase" => (p, v) => IamMatch.Glob(p, v, wildcards: false, ignoreCase: true),
            "StringLike" or "StringNotLike" => (p, v) => IamMatch.Glob(p, v),
            "ArnEquals" or "ArnLike" or "ArnNotEquals" or "ArnNotLike" => IamMatch.Arn,
            _ => null,
        };
        if (compare is null)
            return (Tri.Unknown, $"condition operator {condition.Operator} is not modelled offline");
        if (condition.Values.Any(v => v.ToString().Contains("${aws:", StringComparison.Ordinal)))
            return (Tri.Unknown, $"condition {condition} uses a policy variable");

        var key = request.Context.Keys.FirstOrDefault(k => string.Equals(k, condition.Key, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            if (request.UnknownKeys.Any(k => k.EndsWith(':') || k.EndsWith('/')
                    ? condition.Key.StartsWith(k, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(k, condition.Key, StringComparison.OrdinalIgnoreCase)))
                return (Tri.Unknown, $"{condition.Key} is known only once deployed");

            // A key missing from the request: positive operators fail, negated ones and IfExists hold.
            return ifExists || negated
                ? (Tri.Yes, "")
                : (Tri.No, $"condition {condition.Operator} on {condition.Key}: the request for this resource carries no {condition.Key}");
        }

        var value = request.Context[key];
        var any = condition.Values.Aggregate(Tri.No, (acc, p) => TriLogic.Or(acc, compare(p, value)));
        var holds = negated ? TriLogic.Not(any) : any;
        return (holds, holds == Tri.No
            ? $"condition {condition} does not match {condition.Key} = {value}"
            : $"whether {condition} matches {condition.Key} = {value} is known only once deployed");
    }

    private static string Describe(IamPrincipal principal) =>
        principal.Any ? "*" : string.Join(", ", principal.Aws.Select(a => a.ToString()).Concat(principal.Services));
}
