using System.Text;
using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Intrinsics;

// The public surface, the caches and the walk over a template value, with the dispatch to each intrinsic function.
// The functions themselves are in IntrinsicResolver.References.cs (Ref, parameters, Fn::GetAtt, Fn::ImportValue),
// IntrinsicResolver.Functions.cs (functions that compute a value) and IntrinsicResolver.Conditions.cs (conditions, Fn::If).

/// <summary>
/// Resolves CloudFormation intrinsic functions in the templates of a cloud assembly, offline. Parameters fed
/// by another stack (per the wiring manifest) resolve to that stack's output, resolved in that stack; pseudo
/// parameters come from the stack's environment; what only exists once deployed stays a reference or unknown.
/// </summary>
public sealed partial class IntrinsicResolver
{
    private const int MaxDepth = 64;
    private readonly CloudAssembly assembly;
    private readonly Dictionary<(string Stack, string Output), CfnValue> outputs = [];
    private readonly Dictionary<(string Stack, string Parameter), CfnValue> parameters = [];
    private readonly Dictionary<(string Stack, string Condition), bool?> conditions = [];
    private readonly HashSet<(string, string)> resolving = [];

    /// <summary>A resolver over <paramref name="assembly"/>.</summary>
    public IntrinsicResolver(CloudAssembly assembly) => this.assembly = assembly;

    /// <summary>Resolves <paramref name="value"/> as written in stack <paramref name="stack"/>'s template.</summary>
    public CfnValue Resolve(string stack, JsonElement value) => Resolve(Stack(stack), value, 0);

    /// <summary>The value of output <paramref name="output"/> of <paramref name="stack"/>, or unknown.</summary>
    public CfnValue Output(string stack, string output)
    {
        if (outputs.TryGetValue((stack, output), out var cached))
            return cached;
        if (!assembly.Stacks.TryGetValue(stack, out var template))
            return new CfnUnknown($"stack {stack} is not in the assembly");
        if (!resolving.Add(("output:" + stack, output)))
            return new CfnUnknown($"output {stack}.{output} refers to itself");
        try
        {
            CfnValue result = template.Template.TryGetProperty("Outputs", out var all) && all.ValueKind == JsonValueKind.Object
                && all.TryGetProperty(output, out var o) && o.TryGetProperty("Value", out var v)
                ? Resolve(template, v, 0)
                : new CfnUnknown($"stack {stack} has no output {output}");
            return outputs[(stack, output)] = result;
        }
        finally
        {
            resolving.Remove(("output:" + stack, output));
        }
    }

    /// <summary>The value of parameter <paramref name="name"/> of <paramref name="stack"/>.</summary>
    public CfnValue Parameter(string stack, string name) => Parameter(Stack(stack), name);

    /// <summary>Whether condition <paramref name="name"/> of <paramref name="stack"/> holds; null when not decidable offline.</summary>
    public bool? Condition(string stack, string name) => Condition(Stack(stack), name, 0);

    private StackTemplate Stack(string name) =>
        assembly.Stacks.TryGetValue(name, out var s) ? s : throw new ArgumentException($"stack {name} is not in the assembly", nameof(name));

    private CfnValue Resolve(StackTemplate stack, JsonElement value, int depth)
    {
        if (depth > MaxDepth)
            return new CfnUnknown("nested too deeply");
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new CfnString(value.GetString()!);
            case JsonValueKind.Number:
                return new CfnNumber(value.GetDouble());
            case JsonValueKind.True:
                return new CfnBool(true);
            case JsonValueKind.False:
                return new CfnBool(false);
            case JsonValueKind.Array:
                return new CfnList(value.EnumerateArray().Select(v => Resolve(stack, v, depth + 1)).Where(v => !v.IsNoValue).ToList());
            case JsonValueKind.Object:
                break;
            default:
                return new CfnUnknown("null value");
        }

        using (var e = value.EnumerateObject())
        {
            if (e.MoveNext())
            {
                var first = e.Current;
                if (!e.MoveNext() && (first.Name == "Ref" || first.Name.StartsWith("Fn::", StringComparison.Ordinal) || first.Name == "Condition"))
                    return Function(stack, first.Name, first.Value, depth);
            }
        }

        var map = new Dictionary<string, CfnValue>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            var v = Resolve(stack, p.Value, depth + 1);
            if (!v.IsNoValue)
                map[p.Name] = v;
        }

        return new CfnMap(map);
    }

    private CfnValue Function(StackTemplate stack, string name, JsonElement arg, int depth)
    {
        var d = depth + 1;
        switch (name)
        {
            case "Ref":
                return arg.ValueKind == JsonValueKind.String ? Ref(stack, arg.GetString()!) : new CfnUnknown("Ref needs a name");
            case "Fn::GetAtt":
                return GetAtt(stack, arg);
            case "Fn::Join":
                return Join(stack, arg, d);
            case "Fn::Select":
                return Select(stack, arg, d);
            case "Fn::Split":
                return Split(stack, arg, d);
            case "Fn::Sub":
                return Sub(stack, arg, d);
            case "Fn::GetAZs":
                return GetAzs(stack, Resolve(stack, arg, d));
            case "Fn::If":
                return If(stack, arg, d);
            case "Fn::Base64":
                {
                    var v = Resolve(stack, arg, d);
                    return v.Text is { } t ? new CfnString(Convert.ToBase64String(Encoding.UTF8.GetBytes(t))) : new CfnUnknown("Fn::Base64 of text not known offline");
                }

            case "Fn::ImportValue":
                return ImportValue(stack, Resolve(stack, arg, d));
            case "Fn::FindInMap":
                return FindInMap(stack, arg, d);
            case "Fn::Cidr":
                return Cidr(stack, arg, d);
            case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" or "Condition":
                {
                    var b = EvaluateCondition(stack, name, arg, d);
                    return b is { } v ? new CfnBool(v) : new CfnUnknown($"{name} not decidable offline");
                }

            default:
                return new CfnUnknown($"{name} is not supported offline", name);
        }
    }

    private static JsonElement? Section(StackTemplate stack, string section, string name) =>
        stack.Template.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var v) ? v : null;
}
