using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Intrinsics;

// Conditions: the template's Conditions section, Fn::If and the condition functions (Fn::Equals, Fn::And, Fn::Or,
// Fn::Not, Condition), each true, false or not decidable offline (null).
public sealed partial class IntrinsicResolver
{
    private CfnValue If(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 3 || arg[0].ValueKind != JsonValueKind.String)
            return new CfnUnknown("Fn::If needs [condition, then, else]");
        var holds = Condition(stack, arg[0].GetString()!, depth);
        if (holds is { } h)
            return Resolve(stack, arg[h ? 1 : 2], depth);
        var then = Resolve(stack, arg[1], depth);
        var otherwise = Resolve(stack, arg[2], depth);
        return Equals(then, otherwise) ? then : new CfnUnknown($"condition {arg[0].GetString()} not decidable offline");
    }

    private bool? Condition(StackTemplate stack, string name, int depth)
    {
        if (conditions.TryGetValue((stack.Name, name), out var cached))
            return cached;
        var declaration = Section(stack, "Conditions", name);
        if (declaration is null || !resolving.Add(("condition:" + stack.Name, name)))
            return null;
        try
        {
            bool? result = null;
            using (var e = declaration.Value.ValueKind == JsonValueKind.Object ? declaration.Value.EnumerateObject() : default)
            {
                if (declaration.Value.ValueKind == JsonValueKind.Object && e.MoveNext())
                    result = EvaluateCondition(stack, e.Current.Name, e.Current.Value, depth + 1);
            }

            return conditions[(stack.Name, name)] = result;
        }
        finally
        {
            resolving.Remove(("condition:" + stack.Name, name));
        }
    }

    private bool? EvaluateCondition(StackTemplate stack, string function, JsonElement arg, int depth)
    {
        if (depth > MaxDepth)
            return null;
        switch (function)
        {
            case "Condition":
                return arg.ValueKind == JsonValueKind.String ? Condition(stack, arg.GetString()!, depth) : null;
            case "Fn::Equals":
                {
                    if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 2)
                        return null;
                    var a = Resolve(stack, arg[0], depth);
                    var b = Resolve(stack, arg[1], depth);
                    if (a.Text is { } ta && b.Text is { } tb)
                        return ta == tb;
                    if (a is CfnRef or CfnString or CfnNumber or CfnBool && b is CfnRef or CfnString or CfnNumber or CfnBool && (a is CfnRef || b is CfnRef))
                        return Equals(a, b) ? true : null;
                    return null;
                }

            case "Fn::Not":
                {
                    var inner = Operands(stack, arg, depth).ToList();
                    return inner.Count == 1 && inner[0] is { } v ? !v : null;
                }

            case "Fn::And":
                {
                    var all = Operands(stack, arg, depth).ToList();
                    return all.Any(v => v == false) ? false : all.All(v => v == true) ? true : null;
                }

            case "Fn::Or":
                {
                    var all = Operands(stack, arg, depth).ToList();
                    return all.Any(v => v == true) ? true : all.All(v => v == false) ? false : null;
                }

            default:
                return Function(stack, function, arg, depth).AsBool();
        }
    }

    private IEnumerable<bool?> Operands(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var item in arg.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.EnumerateObject().ToList() is [var only])
                yield return EvaluateCondition(stack, only.Name, only.Value, depth + 1);
            else
                yield return Resolve(stack, item, depth + 1).AsBool();
        }
    }
}
