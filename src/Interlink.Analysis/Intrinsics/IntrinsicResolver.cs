using System.Text;
using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Core.Catalog;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Intrinsics;

/// <summary>
/// Resolves CloudFormation intrinsic functions in the templates of a cloud assembly, offline. Parameters fed
/// by another stack (per the wiring manifest) resolve to that stack's output, resolved in that stack; pseudo
/// parameters come from the stack's environment; what only exists once deployed stays a reference or unknown.
/// </summary>
public sealed class IntrinsicResolver
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

    private CfnValue Ref(StackTemplate stack, string name)
    {
        switch (name)
        {
            case "AWS::Region":
                return new CfnString(stack.Region);
            case "AWS::AccountId":
                return stack.Account is { } a ? new CfnString(a) : new CfnUnknown($"stack {stack.Name} deploys to the deploying account", "AWS::AccountId");
            case "AWS::Partition":
                return new CfnString(Partition(stack.Region));
            case "AWS::URLSuffix":
                return new CfnString(stack.Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com");
            case "AWS::StackName":
                return new CfnString(stack.Name);
            case "AWS::NoValue":
                return CfnValue.NoValue;
            case "AWS::StackId" or "AWS::NotificationARNs":
                return new CfnUnknown($"{name} exists once deployed", name);
        }

        if (Section(stack, "Resources", name) is not null)
            return new CfnRef(stack.Name, name);
        if (Section(stack, "Parameters", name) is not null)
            return Parameter(stack, name);
        return new CfnUnknown($"Ref to {name}, which stack {stack.Name} does not declare", name);
    }

    private static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    private static JsonElement? Section(StackTemplate stack, string section, string name) =>
        stack.Template.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var v) ? v : null;

    private CfnValue Parameter(StackTemplate stack, string name)
    {
        if (parameters.TryGetValue((stack.Name, name), out var cached))
            return cached;
        var declaration = Section(stack, "Parameters", name);
        if (declaration is null)
            return new CfnUnknown($"stack {stack.Name} has no parameter {name}", name);
        var type = declaration.Value.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "String";
        CfnValue value;
        if (assembly.Wiring.Stacks.TryGetValue(stack.Name, out var wired) && wired.Parameters.TryGetValue(name, out var source))
            value = Output(source.Stack, source.Output);
        else if (declaration.Value.TryGetProperty("Default", out var def))
            value = Resolve(stack, def, 0);
        else
            value = new CfnUnknown($"parameter {name} of stack {stack.Name} is given at deploy time", name);

        if ((type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal)) && value is not CfnList and not CfnUnknown)
            value = SplitValue(value, ",");
        return parameters[(stack.Name, name)] = value;
    }

    private static CfnValue GetAtt(StackTemplate stack, JsonElement arg)
    {
        string? resource = null, attribute = null;
        if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2 && arg[0].ValueKind == JsonValueKind.String && arg[1].ValueKind == JsonValueKind.String)
            (resource, attribute) = (arg[0].GetString(), arg[1].GetString());
        else if (arg.ValueKind == JsonValueKind.String && arg.GetString()!.Split('.', 2) is [var r, var a])
            (resource, attribute) = (r, a);
        if (resource is null || attribute is null)
            return new CfnUnknown("Fn::GetAtt needs [resource, attribute]");
        return Section(stack, "Resources", resource) is null
            ? new CfnUnknown($"Fn::GetAtt of {resource}, which stack {stack.Name} does not declare")
            : new CfnRef(stack.Name, resource, attribute);
    }

    private CfnValue Join(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 2)
            return new CfnUnknown("Fn::Join needs [delimiter, list]");
        var delimiter = Resolve(stack, arg[0], depth).Text;
        var list = Resolve(stack, arg[1], depth);
        if (delimiter is null)
            return new CfnUnknown("Fn::Join delimiter not known offline");
        if (list is not CfnList items)
            return new CfnUnknown($"Fn::Join over {list.Display()}, a list known only once deployed");
        var parts = new List<CfnValue>();
        for (var i = 0; i < items.Values.Count; i++)
        {
            if (i > 0)
                parts.Add(new CfnString(delimiter));
            parts.Add(items.Values[i]);
        }

        return CfnValue.Concat(parts);
    }

    private CfnValue Select(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 2)
            return new CfnUnknown("Fn::Select needs [index, list]");
        var index = Resolve(stack, arg[0], depth).AsInt();
        var list = Resolve(stack, arg[1], depth);
        if (index is null)
            return new CfnUnknown("Fn::Select index not known offline");
        if (list is not CfnList items)
            return new CfnUnknown($"Fn::Select from {list.Display()}, a list known only once deployed");
        return index >= 0 && index < items.Values.Count ? items.Values[index.Value] : new CfnUnknown($"Fn::Select index {index} out of range ({items.Values.Count} items)");
    }

    private CfnValue Split(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 2)
            return new CfnUnknown("Fn::Split needs [delimiter, text]");
        var delimiter = Resolve(stack, arg[0], depth).Text;
        return delimiter is null ? new CfnUnknown("Fn::Split delimiter not known offline") : SplitValue(Resolve(stack, arg[1], depth), delimiter);
    }

    /// <summary>Splits text on a delimiter; references inside concatenated text stay whole.</summary>
    internal static CfnValue SplitValue(CfnValue value, string delimiter)
    {
        if (value.Text is { } text)
            return new CfnList(text.Split(delimiter).Select(s => (CfnValue)new CfnString(s)).ToList());
        if (value is CfnRef or CfnUnknown)
            return value is CfnUnknown ? value : new CfnUnknown($"Fn::Split of {value.Display()}, text known only once deployed");
        if (value is not CfnConcat concat)
            return new CfnUnknown($"Fn::Split of {value.Display()}");

        var pieces = new List<CfnValue>();
        var current = new List<CfnValue>();
        foreach (var part in concat.Parts)
        {
            if (part.Text is not { } t)
            {
                current.Add(part);
                continue;
            }

            var chunks = t.Split(delimiter);
            for (var i = 0; i < chunks.Length; i++)
            {
                if (i > 0)
                {
                    pieces.Add(CfnValue.Concat(current));
                    current = [];
                }

                if (chunks[i].Length > 0)
                    current.Add(new CfnString(chunks[i]));
            }
        }

        pieces.Add(CfnValue.Concat(current));
        return new CfnList(pieces);
    }

    private CfnValue Sub(StackTemplate stack, JsonElement arg, int depth)
    {
        string? template = null;
        var variables = new Dictionary<string, CfnValue>(StringComparer.Ordinal);
        if (arg.ValueKind == JsonValueKind.String)
            template = arg.GetString();
        else if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2 && arg[0].ValueKind == JsonValueKind.String && arg[1].ValueKind == JsonValueKind.Object)
        {
            template = arg[0].GetString();
            foreach (var p in arg[1].EnumerateObject())
                variables[p.Name] = Resolve(stack, p.Value, depth);
        }

        if (template is null)
            return new CfnUnknown("Fn::Sub needs text or [text, variables]");

        var parts = new List<CfnValue>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(template, i, template.Length - i);
                break;
            }

            literal.Append(template, i, open - i);
            var close = template.IndexOf('}', open + 2);
            if (close < 0)
            {
                literal.Append(template, open, template.Length - open);
                break;
            }

            var name = template[(open + 2)..close];
            if (name.StartsWith('!'))
                literal.Append("${").Append(name[1..]).Append('}');
            else
            {
                parts.Add(new CfnString(literal.ToString()));
                literal.Clear();
                parts.Add(variables.TryGetValue(name, out var v) ? v
                    : name.Contains('.') && !name.StartsWith("AWS::", StringComparison.Ordinal) ? GetAtt(stack, JsonDocument.Parse(JsonSerializer.Serialize(name)).RootElement)
                    : Ref(stack, name));
            }

            i = close + 1;
        }

        parts.Add(new CfnString(literal.ToString()));
        return CfnValue.Concat(parts);
    }

    private static CfnValue GetAzs(StackTemplate stack, CfnValue region)
    {
        var code = region.Text is { Length: > 0 } r ? r : stack.Region;
        var info = RegionCatalog.Find(code);
        if (info is null)
            return new CfnUnknown($"Fn::GetAZs: Region {code} is not in the catalog");

        // AZ names as an account sees them: letters in order; which zone each names differs per account.
        return new CfnList(Enumerable.Range(0, info.AzIds.Count).Select(i => (CfnValue)new CfnString(code + (char)('a' + i))).ToList());
    }

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

    private CfnValue ImportValue(StackTemplate stack, CfnValue name)
    {
        if (name.Text is not { } export)
            return new CfnUnknown("Fn::ImportValue of a name not known offline");
        foreach (var other in assembly.Stacks.Values)
        {
            if (other.Region != stack.Region || other.Account != stack.Account)
                continue;
            if (!other.Template.TryGetProperty("Outputs", out var outs) || outs.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var o in outs.EnumerateObject())
            {
                if (o.Value.TryGetProperty("Export", out var ex) && ex.TryGetProperty("Name", out var n)
                    && Resolve(other, n, 0).Text == export)
                    return Output(other.Name, o.Name);
            }
        }

        return new CfnUnknown($"no stack in {stack.Account ?? "the deploying account"}/{stack.Region} exports {export}", export);
    }

    private CfnValue FindInMap(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() < 3)
            return new CfnUnknown("Fn::FindInMap needs [map, key, key]");
        var keys = Enumerable.Range(0, 3).Select(i => Resolve(stack, arg[i], depth).Text).ToList();
        if (keys.Any(k => k is null))
            return new CfnUnknown("Fn::FindInMap key not known offline");
        if (Section(stack, "Mappings", keys[0]!) is { } map && map.TryGetProperty(keys[1]!, out var top) && top.TryGetProperty(keys[2]!, out var v))
            return Resolve(stack, v, depth);
        if (arg.GetArrayLength() == 4 && arg[3].ValueKind == JsonValueKind.Object && arg[3].TryGetProperty("DefaultValue", out var def))
            return Resolve(stack, def, depth);
        return new CfnUnknown($"mapping {keys[0]}.{keys[1]}.{keys[2]} not found in stack {stack.Name}");
    }

    private CfnValue Cidr(StackTemplate stack, JsonElement arg, int depth)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 3)
            return new CfnUnknown("Fn::Cidr needs [block, count, bits]");
        var block = Resolve(stack, arg[0], depth).Text;
        var count = Resolve(stack, arg[1], depth).AsInt();
        var bits = Resolve(stack, arg[2], depth).AsInt();
        if (block is null || count is null || bits is null || !Ipv4Cidr.TryParse(block, out var cidr, out _))
            return new CfnUnknown("Fn::Cidr of a block not known offline");
        var prefix = 32 - bits.Value;
        if (prefix < cidr.Prefix || prefix > 32 || count < 1 || count > 256 || (long)count.Value << (32 - prefix) > cidr.Size)
            return new CfnUnknown($"Fn::Cidr cannot carve {count} /{prefix} blocks from {block}");
        return new CfnList(Enumerable.Range(0, count.Value).Select(i => (CfnValue)new CfnString(cidr.Subnet(prefix, i).ToString())).ToList());
    }
}
