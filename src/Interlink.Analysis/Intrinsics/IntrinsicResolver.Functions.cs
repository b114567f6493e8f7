using System.Text;
using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Core.Catalog;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Intrinsics;

// The functions that compute a value from their arguments: Fn::Join, Fn::Select, Fn::Split, Fn::Sub, Fn::GetAZs,
// Fn::FindInMap and Fn::Cidr.
public sealed partial class IntrinsicResolver
{
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
