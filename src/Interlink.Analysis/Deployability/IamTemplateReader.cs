using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Deployability;

/// <summary>An IAM role declared in a template, with every policy that applies to it.</summary>
/// <param name="Stack">Stack that declares it.</param>
/// <param name="LogicalId">Its logical ID.</param>
/// <param name="RoleName">Its fixed name, when it has one.</param>
/// <param name="Trust">Statements of its trust policy (AssumeRolePolicyDocument).</param>
/// <param name="Permissions">Statements of its inline policies and of the AWS::IAM::Policy/ManagedPolicy resources attached to it.</param>
/// <param name="Unevaluated">Managed policies named by ARN whose documents are not in the assembly (e.g. AWS managed policies).</param>
public sealed record IamRole(string Stack, string LogicalId, string? RoleName, IReadOnlyList<IamStatement> Trust, IReadOnlyList<IamStatement> Permissions, IReadOnlyList<string> Unevaluated)
{
    /// <summary><c>stack/logicalId</c>.</summary>
    public string Key => $"{Stack}/{LogicalId}";
}

/// <summary>Reads IAM roles and their policies from an assembly's templates, resolving intrinsics offline.</summary>
public sealed class IamTemplateReader(CloudAssembly assembly, IntrinsicResolver resolver)
{
    private readonly Dictionary<string, IamRole> cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The role an ARN value names: a <c>Fn::GetAtt Role.Arn</c> (also through parameters wired to outputs), or an ARN
    /// ending in <c>:role/NAME</c> for a role with that fixed name in a stack of the same account. Null when the
    /// assembly declares no such role.
    /// </summary>
    public IamRole? FindRole(CfnValue arn)
    {
        if (arn is CfnRef { Attribute: "Arn" } r && Type(r.Stack, r.LogicalId) == "AWS::IAM::Role")
            return Role(r.Stack, r.LogicalId);
        var text = IamText.From(arn);
        foreach (var stack in assembly.Stacks.Values)
        {
            foreach (var (logicalId, type, properties) in stack.Resources())
            {
                if (type != "AWS::IAM::Role" || properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("RoleName", out var n))
                    continue;
                var name = resolver.Resolve(stack.Name, n).Text;
                var account = stack.Account is { } a ? IamText.Of(a) : new IamText([IamText.DeployingAccount]);
                if (name is not null && IamMatch.Glob("arn:*:iam::" + account + ":role/" + name, text) == Tri.Yes)
                    return Role(stack.Name, logicalId);
            }
        }

        return null;
    }

    /// <summary>The role <paramref name="logicalId"/> of <paramref name="stack"/> with its policies.</summary>
    public IamRole Role(string stack, string logicalId)
    {
        var key = $"{stack}/{logicalId}";
        if (cache.TryGetValue(key, out var cached))
            return cached;
        var template = assembly.Stacks[stack];
        var properties = template.Resources().First(r => r.LogicalId == logicalId).Properties;
        var trust = properties.TryGetProperty("AssumeRolePolicyDocument", out var doc)
            ? Statements($"{key} trust policy", resolver.Resolve(stack, doc))
            : [];
        var permissions = new List<IamStatement>();
        var unevaluated = new List<string>();
        if (properties.TryGetProperty("Policies", out var inline))
        {
            foreach (var policy in CfnValue.ListOf(resolver.Resolve(stack, inline)))
                permissions.AddRange(Statements($"{key} policy '{policy["PolicyName"]?.Display()}'", policy["PolicyDocument"]));
        }

        var managedArns = properties.TryGetProperty("ManagedPolicyArns", out var m) ? CfnValue.ListOf(resolver.Resolve(stack, m)) : [];
        foreach (var arn in managedArns)
        {
            if (arn is CfnRef { Attribute: null } mp && Type(mp.Stack, mp.LogicalId) == "AWS::IAM::ManagedPolicy")
                continue; // read below with the policies that name the role
            unevaluated.Add(arn.Display());
        }

        foreach (var (policyId, type, p) in template.Resources())
        {
            if (type is not ("AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy") || p.ValueKind != JsonValueKind.Object)
                continue;
            var roles = p.TryGetProperty("Roles", out var rs) ? CfnValue.ListOf(resolver.Resolve(stack, rs)) : [];
            var attached = roles.Any(v => v is CfnRef { Attribute: null } rr && rr.Stack == stack && rr.LogicalId == logicalId)
                || managedArns.Any(v => v is CfnRef { Attribute: null } mr && mr.LogicalId == policyId);
            if (attached && p.TryGetProperty("PolicyDocument", out var pd))
                permissions.AddRange(Statements($"{stack}/{policyId}", resolver.Resolve(stack, pd)));
        }

        var name = properties.TryGetProperty("RoleName", out var rn) ? resolver.Resolve(stack, rn).Text : null;
        return cache[key] = new IamRole(stack, logicalId, name, trust, permissions, unevaluated);
    }

    /// <summary>Every role in the assembly.</summary>
    public IEnumerable<IamRole> Roles() =>
        assembly.Stacks.Values.SelectMany(s => s.Resources().Where(r => r.Type == "AWS::IAM::Role").Select(r => Role(s.Name, r.LogicalId)));

    /// <summary>Statements of a resolved policy document.</summary>
    public static IReadOnlyList<IamStatement> Statements(string source, CfnValue? document)
    {
        var result = new List<IamStatement>();
        var statements = CfnValue.ListOf(document?["Statement"]);
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            var sid = s["Sid"]?.Text;
            var label = $"{source} statement {i + 1}{(sid is null ? "" : $" ({sid})")}";
            var notAction = s["NotAction"] is not null;
            var notResource = s["NotResource"] is not null;
            result.Add(new IamStatement(
                label,
                s["Effect"]?.Text != "Deny",
                Texts(notAction ? s["NotAction"] : s["Action"]),
                notAction,
                Texts(notResource ? s["NotResource"] : s["Resource"]),
                notResource,
                Conditions(s["Condition"]),
                s["Principal"] is { } p ? Principal(p) : null));
        }

        return result;
    }

    private static IReadOnlyList<IamText> Texts(CfnValue? value) => CfnValue.ListOf(value).Select(IamText.From).ToList();

    private static IReadOnlyList<IamCondition> Conditions(CfnValue? value)
    {
        if (value is not CfnMap operators)
            return [];
        return operators.Values
            .SelectMany(op => op.Value is CfnMap keys
                ? keys.Values.Select(k => new IamCondition(op.Key, k.Key, Texts(k.Value)))
                : [new IamCondition(op.Key, "?", [])])
            .ToList();
    }

    private static IamPrincipal Principal(CfnValue value)
    {
        if (value.Text == "*")
            return new IamPrincipal(true, [], []);
        var aws = Texts(value["AWS"]);
        var services = CfnValue.ListOf(value["Service"]).Select(v => v.Text ?? v.Display()).ToList();
        return new IamPrincipal(aws.Any(a => a.Literal == "*"), aws, services);
    }

    private string? Type(string stack, string logicalId) =>
        assembly.Stacks.TryGetValue(stack, out var s) ? s.Resources().FirstOrDefault(r => r.LogicalId == logicalId).Type : null;
}
