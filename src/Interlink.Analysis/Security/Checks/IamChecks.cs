using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// ILS014 (wildcard action), ILS015 (wildcard resource for actions that change things), ILS017 (role trusting '*'
/// without a condition): roles, users, groups and policies of each template.
/// </summary>
internal sealed class IamChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
    {
        foreach (var r in view.Resources)
        {
            switch (r.Type)
            {
                case "AWS::IAM::Role":
                    Trust(view, r);
                    Inline(view, r);
                    Managed(view, r);
                    break;
                case "AWS::IAM::User":
                case "AWS::IAM::Group":
                    Inline(view, r);
                    Managed(view, r);
                    break;
                case "AWS::IAM::Policy":
                case "AWS::IAM::ManagedPolicy":
                    if (r.Get("PolicyDocument") is { } doc)
                        Statements(view, r.LogicalId, r.Get("PolicyName") is { } n ? view.Str(n).ToString() : r.LogicalId, doc);
                    break;
            }
        }
    }

    private void Inline(StackView view, TemplateResource r)
    {
        if (r.Get("Policies") is not { } policies || view.List(policies) is not { } list)
            return;
        foreach (var policy in list.Where(p => p.ValueKind == JsonValueKind.Object))
        {
            var name = policy.TryGetProperty("PolicyName", out var n) ? view.Str(n).ToString() : "?";
            if (policy.TryGetProperty("PolicyDocument", out var doc))
                Statements(view, r.LogicalId, $"{r.LogicalId}/{name}", doc);
        }
    }

    private void Managed(StackView view, TemplateResource r)
    {
        if (r.Get("ManagedPolicyArns") is not { } arns || view.List(arns) is not { } list)
            return;
        foreach (var arn in list.Select(view.Str))
        {
            if (arn.Value.EndsWith(":policy/AdministratorAccess", StringComparison.Ordinal) || arn.Value.EndsWith(":policy/PowerUserAccess", StringComparison.Ordinal))
                Add(SecurityRules.IamWildcardAction, view, r.LogicalId, $"{r.LogicalId} attaches the managed policy {arn}");
        }
    }

    private static readonly string[] ReadOnlyPrefixes = ["Describe", "List", "Get"];

    private void Statements(StackView view, string logicalId, string policy, JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("Statement", out var statements))
            return;
        var list = statements.ValueKind == JsonValueKind.Array ? view.List(statements) ?? [] : [statements];
        foreach (var s in list.Where(s => s.ValueKind == JsonValueKind.Object))
        {
            var effect = s.TryGetProperty("Effect", out var e) ? view.Str(e).Value : "Allow";
            if (effect != "Allow")
                continue;
            if (s.TryGetProperty("NotAction", out _))
                Add(SecurityRules.IamWildcardAction, view, logicalId, $"policy {policy} allows NotAction: everything except the listed actions");
            var actions = Strings(view, s, "Action");
            foreach (var action in actions.Where(a => a.Complete && (a.Value == "*" || a.Value.EndsWith(":*", StringComparison.Ordinal))))
                Add(SecurityRules.IamWildcardAction, view, logicalId, $"policy {policy} allows Action '{action.Value}'");
            if (s.TryGetProperty("NotResource", out _))
                Add(SecurityRules.IamWildcardResource, view, logicalId, $"policy {policy} allows NotResource: every resource except the listed ones");
            var changing = actions.Where(a => !a.Complete || !IsReadOnly(a.Value)).ToList();
            if (changing.Count == 0)
                continue;
            var resources = Strings(view, s, "Resource");
            var names = string.Join(", ", changing.Select(a => a.ToString()));
            if (resources.Any(r => r is { Complete: true, Value: "*" }))
                Add(SecurityRules.IamWildcardResource, view, logicalId, $"policy {policy} allows {names} on Resource '*'");
            else if (resources.Any(r => r.IsUnknown))
                Add(SecurityRules.IamWildcardResource, view, logicalId, $"policy {policy}: a Resource of {names} is known only at deploy time", cannotCheck: true);
        }
    }

    private static bool IsReadOnly(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var verb = colon < 0 ? action : action[(colon + 1)..];
        return verb.Length > 0 && verb != "*" && ReadOnlyPrefixes.Any(p => verb.StartsWith(p, StringComparison.Ordinal));
    }

    private static List<Text> Strings(StackView view, JsonElement statement, string property)
    {
        if (!statement.TryGetProperty(property, out var v))
            return [];
        var values = v.ValueKind == JsonValueKind.Array ? view.List(v) ?? [] : [v];
        return values.Select(x => ValueOf(view, x)).ToList();
    }

    // A Ref or GetAtt to a resource of the template names that one resource (its ARN, its name): specific, never '*'.
    private static Text ValueOf(StackView view, JsonElement value) =>
        view.RefTarget(value) is { } id ? new Text($"<{id}>", true) : view.Str(value);

    private void Trust(StackView view, TemplateResource role)
    {
        if (role.Get("AssumeRolePolicyDocument") is not { ValueKind: JsonValueKind.Object } doc || !doc.TryGetProperty("Statement", out var statements))
            return;
        var list = statements.ValueKind == JsonValueKind.Array ? view.List(statements) ?? [] : [statements];
        foreach (var s in list.Where(s => s.ValueKind == JsonValueKind.Object))
        {
            if ((s.TryGetProperty("Effect", out var e) ? view.Str(e).Value : "Allow") != "Allow" || s.TryGetProperty("Condition", out _))
                continue;
            if (!s.TryGetProperty("Principal", out var principal))
                continue;
            var open = principal.ValueKind == JsonValueKind.String && view.Str(principal).Value == "*";
            if (principal.ValueKind == JsonValueKind.Object && principal.TryGetProperty("AWS", out var aws))
            {
                var values = aws.ValueKind == JsonValueKind.Array ? view.List(aws) ?? [] : [aws];
                open |= values.Select(view.Str).Any(p => p.Complete && p.Value == "*");
            }

            if (open)
                Add(SecurityRules.OpenTrust, view, role.LogicalId, $"role {role.LogicalId} trusts Principal '*' with no condition");
        }
    }
}
