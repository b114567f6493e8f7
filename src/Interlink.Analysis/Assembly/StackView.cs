using System.Text.Json;
using System.Text.Json.Nodes;
using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Assembly;

/// <summary>
/// A stack template as the security rules, cost, diagram and monitoring report read it: the same values the
/// reachability analysis sees, because every value is resolved by the one <see cref="IntrinsicResolver"/> of the
/// assembly, then shown as <see cref="Text"/> (what could not be known offline becomes a hole) or as a list of
/// template values. References to resources are followed only as links (<see cref="RefTarget"/>), never as values.
/// </summary>
/// <remarks>
/// What the resolver decides, and so what every analysis now sees (issue 14, item 3; before, this class had its own
/// literal-only reading):
/// <list type="bullet">
/// <item>A parameter fed by another stack (wiring manifest) reads as that stack's output; a parameter with a
/// <c>Default</c> reads as the default, which is what deploys unless an input overrides it; any other parameter is
/// unknown. Before, every parameter was unknown, so a rule could not see a wildcard written as a default.</item>
/// <item>AWS::Partition and AWS::URLSuffix follow the Region (aws-cn, aws-us-gov); AWS::StackName is the stack's
/// name. Before, the partition was always <c>aws</c>.</item>
/// <item>Fn::If with a condition decidable offline, Fn::Split, Fn::GetAZs, Fn::Cidr, Fn::ImportValue and list
/// parameters now resolve; before, they were unknown.</item>
/// <item>A property a Fn::If removes (AWS::NoValue under a condition decidable offline) is absent from the stack's
/// resources, as CloudFormation removes it; before, it read as present and unknown ("cannot check").</item>
/// <item>AWS::AccountId of a stack without an account stays the marker <see cref="SelfAccount"/>, a known value
/// meaning "this stack's own account", as the endpoint-service rules need.</item>
/// <item>Fn::Base64 around a whole property (UserData) reads as the text the host receives, not its encoding: the
/// rules judge the script, and encoding a script that holds a reference would make all of it unknown.</item>
/// </list>
/// </remarks>
internal sealed class StackView
{
    private readonly Dictionary<string, TemplateResource> resources = new(StringComparer.Ordinal);
    private readonly HashSet<string> parameters = new(StringComparer.Ordinal);
    private readonly IntrinsicResolver resolver;

    /// <summary>A view of <paramref name="stack"/> whose values <paramref name="resolver"/> (over the stack's assembly) resolves.</summary>
    public StackView(StackTemplate stack, IntrinsicResolver resolver)
    {
        Stack = stack;
        this.resolver = resolver;
        foreach (var (id, type, properties) in stack.Resources())
            resources[id] = new TemplateResource(id, type, properties) { Removes = v => resolver.Resolve(Name, v).IsNoValue };
        if (stack.Template.TryGetProperty("Parameters", out var ps) && ps.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ps.EnumerateObject())
                parameters.Add(p.Name);
        }
    }

    /// <summary>What <c>AWS::AccountId</c> reads as when the stack's account is the deploying one.</summary>
    public const string SelfAccount = "${AWS::AccountId}";

    public StackTemplate Stack { get; }

    public string Name => Stack.Name;

    public IEnumerable<TemplateResource> Resources => resources.Values;

    /// <summary>A view of every stack of <paramref name="assembly"/>, all reading through one resolver (one cache).</summary>
    public static IReadOnlyList<StackView> AllOf(CloudAssembly assembly)
    {
        var resolver = new IntrinsicResolver(assembly);
        return assembly.Stacks.Values.Select(s => new StackView(s, resolver)).ToList();
    }

    public IEnumerable<TemplateResource> OfType(string type) => resources.Values.Where(r => r.Type == type);

    public TemplateResource? Resource(string logicalId) => resources.GetValueOrDefault(logicalId);

    public bool IsParameter(string name) => parameters.Contains(name);

    /// <summary>The parameter a value is a plain Ref to, or null (as written: the diagram follows parameters to their source).</summary>
    public string? ParameterRef(JsonElement value) =>
        Single(value, out var fn, out var arg) && fn == "Ref" && arg.ValueKind == JsonValueKind.String && parameters.Contains(arg.GetString()!) ? arg.GetString() : null;

    internal static bool IsNoValue(JsonElement value) =>
        Single(value, out var fn, out var arg) && fn == "Ref" && arg.ValueKind == JsonValueKind.String && arg.GetString() == "AWS::NoValue";

    /// <summary>The logical ID of the resource of this stack a value resolves to (its Ref or an attribute), or null.</summary>
    public string? RefTarget(JsonElement value) =>
        resolver.Resolve(Name, value) is CfnRef r && r.Stack == Name && resources.ContainsKey(r.LogicalId) ? r.LogicalId : null;

    /// <summary>The resource a value points at, or null.</summary>
    public TemplateResource? Target(JsonElement value) => RefTarget(value) is { } id ? resources[id] : null;

    /// <summary>The value as the resolver gives it, for an analysis that follows references across stacks.</summary>
    public CfnValue Resolve(JsonElement value) => resolver.Resolve(Name, value);

    /// <summary>The value as text, unknown parts as holes.</summary>
    public Text Str(JsonElement value) =>
        Single(value, out var fn, out var arg) && fn == "Fn::Base64" ? Str(arg) : TextOf(resolver.Resolve(Name, value));

    /// <summary>
    /// The value as a list, or null when the list itself is unknown (a parameter given at deploy time, a condition not
    /// decidable offline). A list written as a JSON array keeps its items as written (rules read their properties);
    /// a list an intrinsic function computes gives its resolved items as template values.
    /// </summary>
    public IReadOnlyList<JsonElement>? List(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Where(e => !resolver.Resolve(Name, e).IsNoValue).ToList();
        return resolver.Resolve(Name, value) is CfnList list ? list.Values.Select(v => JsonSerializer.SerializeToElement(AsTemplate(v))).ToList() : null;
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

    private static Text TextOf(CfnValue value) => value switch
    {
        _ when value.IsNoValue => Text.Unknown,
        CfnUnknown { Name: "AWS::AccountId" } => new Text(SelfAccount, true),
        _ when value.Text is { } t => new Text(t, true),
        CfnConcat c => c.Parts.Select(TextOf).Aggregate(new Text("", true), (a, p) => new Text(a.Value + p.Value, a.Complete && p.Complete)),
        _ => Text.Unknown,
    };

    /// <summary>
    /// A resolved value written back as a template value of this stack, so the rules read a computed list's items
    /// like written ones: a resource of this stack as its Ref or Fn::GetAtt, text with holes as a Fn::Join, and what
    /// cannot be written here (a resource of another stack, an unknown) as null, which reads as unknown.
    /// </summary>
    private JsonNode? AsTemplate(CfnValue value) => value switch
    {
        CfnString s => JsonValue.Create(s.Value),
        CfnNumber n => JsonValue.Create(n.Value),
        CfnBool b => JsonValue.Create(b.Value),
        CfnRef { Attribute: null } r when r.Stack == Name => new JsonObject { ["Ref"] = r.LogicalId },
        CfnRef r when r.Stack == Name => new JsonObject { ["Fn::GetAtt"] = new JsonArray(r.LogicalId, r.Attribute) },
        CfnUnknown { Name: "AWS::AccountId" } => new JsonObject { ["Ref"] = "AWS::AccountId" },
        CfnConcat c => new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray(c.Parts.Select(AsTemplate).ToArray())) },
        CfnList l => new JsonArray(l.Values.Select(AsTemplate).ToArray()),
        CfnMap m => new JsonObject(m.Values.Select(kv => KeyValuePair.Create(kv.Key, AsTemplate(kv.Value)))),
        _ => null,
    };

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
