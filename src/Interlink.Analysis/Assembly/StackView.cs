using System.Text;
using System.Text.Json;

namespace Interlink.Analysis.Assembly;

/// <summary>
/// A stack template with literal resolution of the intrinsic functions the security rules, cost and diagram need.
/// References to parameters and attributes are unknown; references to resources are followed only as links
/// (<see cref="RefTarget"/>), never as values.
/// </summary>
internal sealed class StackView
{
    private readonly Dictionary<string, TemplateResource> resources = new(StringComparer.Ordinal);
    private readonly HashSet<string> parameters = new(StringComparer.Ordinal);

    public StackView(StackTemplate stack)
    {
        Stack = stack;
        foreach (var (id, type, properties) in stack.Resources())
            resources[id] = new TemplateResource(id, type, properties);
        if (stack.Template.TryGetProperty("Parameters", out var ps) && ps.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ps.EnumerateObject())
                parameters.Add(p.Name);
        }
    }

    public StackTemplate Stack { get; }

    public string Name => Stack.Name;

    public IEnumerable<TemplateResource> Resources => resources.Values;

    public IEnumerable<TemplateResource> OfType(string type) => resources.Values.Where(r => r.Type == type);

    public TemplateResource? Resource(string logicalId) => resources.GetValueOrDefault(logicalId);

    public bool IsParameter(string name) => parameters.Contains(name);

    /// <summary>The parameter a value is a plain Ref to, or null.</summary>
    public string? ParameterRef(JsonElement value) =>
        Single(value, out var fn, out var arg) && fn == "Ref" && arg.ValueKind == JsonValueKind.String && parameters.Contains(arg.GetString()!) ? arg.GetString() : null;

    internal static bool IsNoValue(JsonElement value) =>
        Single(value, out var fn, out var arg) && fn == "Ref" && arg.ValueKind == JsonValueKind.String && arg.GetString() == "AWS::NoValue";

    /// <summary>The logical ID of the resource a <c>Ref</c> or <c>Fn::GetAtt</c> points at, or null.</summary>
    public string? RefTarget(JsonElement value)
    {
        if (!Single(value, out var fn, out var arg))
            return null;
        string? id = fn switch
        {
            "Ref" when arg.ValueKind == JsonValueKind.String => arg.GetString(),
            "Fn::GetAtt" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() > 0 && arg[0].ValueKind == JsonValueKind.String => arg[0].GetString(),
            "Fn::GetAtt" when arg.ValueKind == JsonValueKind.String => arg.GetString()!.Split('.')[0],
            _ => null,
        };
        return id is not null && resources.ContainsKey(id) ? id : null;
    }

    /// <summary>The resource a value points at, or null.</summary>
    public TemplateResource? Target(JsonElement value) => RefTarget(value) is { } id ? resources[id] : null;

    /// <summary>The value as text, unknown parts as holes.</summary>
    public Text Str(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new Text(value.GetString()!, true);
            case JsonValueKind.Number:
                return new Text(value.GetRawText(), true);
            case JsonValueKind.True:
                return new Text("true", true);
            case JsonValueKind.False:
                return new Text("false", true);
        }

        if (!Single(value, out var fn, out var arg))
            return Text.Unknown;
        switch (fn)
        {
            case "Ref" when arg.ValueKind == JsonValueKind.String:
                return Pseudo(arg.GetString()!);
            case "Fn::Join" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2:
            {
                var delimiter = Str(arg[0]);
                var items = List(arg[1]);
                if (items is null || !delimiter.Complete)
                    return Text.Unknown;
                var parts = items.Select(Str).ToList();
                return new Text(string.Join(delimiter.Value, parts.Select(p => p.Value)), parts.All(p => p.Complete));
            }

            case "Fn::Select" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2:
            {
                var index = Int(arg[0]);
                var items = List(arg[1]);
                return index is { } i && items is not null && i >= 0 && i < items.Count ? Str(items[i]) : Text.Unknown;
            }

            case "Fn::Sub":
                return Sub(arg);
            case "Fn::Base64":
                return Str(arg);
            case "Fn::FindInMap":
                return FindInMap(arg) is { } found ? Str(found) : Text.Unknown;
            default:
                return Text.Unknown;
        }
    }

    /// <summary>The value as a list, or null when the list itself is unknown (a list parameter, GetAZs, a condition).</summary>
    public IReadOnlyList<JsonElement>? List(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Where(e => !IsNoValue(e)).ToList();
        if (!Single(value, out var fn, out var arg))
            return null;
        if (fn == "Fn::Split" && arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2)
        {
            var delimiter = Str(arg[0]);
            var source = Str(arg[1]);
            if (!delimiter.Complete || !source.Complete || delimiter.Value.Length == 0)
                return null;
            return source.Value.Split(delimiter.Value).Select(s => JsonSerializer.SerializeToElement(s)).ToList();
        }

        if (fn == "Fn::FindInMap" && FindInMap(arg) is { } found)
            return List(found);
        return null;
    }

    /// <summary>The value as a boolean, or null when unknown.</summary>
    public bool? Bool(JsonElement value)
    {
        var text = Str(value);
        if (!text.Complete)
            return null;
        return bool.TryParse(text.Value, out var b) ? b : null;
    }

    /// <summary>The value as an integer, or null when unknown.</summary>
    public int? Int(JsonElement value)
    {
        var text = Str(value);
        return text.Complete && int.TryParse(text.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    /// <summary>A property as text; null when absent.</summary>
    public Text? Str(TemplateResource resource, string property) => resource.Get(property) is { } v ? Str(v) : null;

    private Text Pseudo(string name) => name switch
    {
        "AWS::Region" => new Text(Stack.Region, true),
        // Unknown in single-account designs: kept as a marker that means "this stack's own account".
        "AWS::AccountId" => new Text(Stack.Account ?? SelfAccount, true),
        "AWS::Partition" => new Text("aws", true),
        "AWS::URLSuffix" => new Text("amazonaws.com", true),
        _ => Text.Unknown,
    };

    /// <summary>What <c>AWS::AccountId</c> reads as when the stack's account is the deploying one.</summary>
    public const string SelfAccount = "${AWS::AccountId}";

    private Text Sub(JsonElement arg)
    {
        string template;
        Dictionary<string, JsonElement> variables = new(StringComparer.Ordinal);
        if (arg.ValueKind == JsonValueKind.String)
        {
            template = arg.GetString()!;
        }
        else if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2 && arg[0].ValueKind == JsonValueKind.String && arg[1].ValueKind == JsonValueKind.Object)
        {
            template = arg[0].GetString()!;
            foreach (var v in arg[1].EnumerateObject())
                variables[v.Name] = v.Value;
        }
        else
        {
            return Text.Unknown;
        }

        var result = new StringBuilder();
        var complete = true;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '$' && i + 1 < template.Length && template[i + 1] == '{')
            {
                var end = template.IndexOf('}', i + 2);
                if (end < 0)
                {
                    result.Append(template, i, template.Length - i);
                    break;
                }

                var name = template[(i + 2)..end];
                Text part;
                if (name.StartsWith('!'))
                    part = new Text("${" + name[1..] + "}", true);
                else if (variables.TryGetValue(name, out var v))
                    part = Str(v);
                else if (name.Contains('.', StringComparison.Ordinal))
                    part = Text.Unknown;
                else
                    part = Pseudo(name);
                result.Append(part.Value);
                complete &= part.Complete;
                i = end;
            }
            else
            {
                result.Append(template[i]);
            }
        }

        return new Text(result.ToString(), complete);
    }

    private JsonElement? FindInMap(JsonElement arg)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() < 3)
            return null;
        var keys = Enumerable.Range(0, 3).Select(i => Str(arg[i])).ToList();
        if (keys.Any(k => !k.Complete) || !Stack.Template.TryGetProperty("Mappings", out var mappings))
            return null;
        return mappings.TryGetProperty(keys[0].Value, out var m) && m.TryGetProperty(keys[1].Value, out var top) && top.TryGetProperty(keys[2].Value, out var v) ? v : null;
    }

    private static bool Single(JsonElement value, out string function, out JsonElement argument)
    {
        function = "";
        argument = default;
        if (value.ValueKind != JsonValueKind.Object)
            return false;
        using var e = value.EnumerateObject();
        if (!e.MoveNext())
            return false;
        var first = e.Current;
        if (e.MoveNext())
            return false;
        if (first.Name != "Ref" && !first.Name.StartsWith("Fn::", StringComparison.Ordinal) && first.Name != "Condition")
            return false;
        function = first.Name;
        argument = first.Value;
        return true;
    }
}
