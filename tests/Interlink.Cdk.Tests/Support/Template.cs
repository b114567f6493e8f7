namespace Interlink.Cdk.Tests.Support;

/// <summary>One resource of a synthesized template.</summary>
public sealed record Resource(string LogicalId, string Type, JsonElement Properties)
{
    public bool Has(string property) => Properties.ValueKind == JsonValueKind.Object && Properties.TryGetProperty(property, out _);

    public JsonElement Prop(string property) =>
        Properties.TryGetProperty(property, out var value) ? value : throw new Xunit.Sdk.XunitException($"{LogicalId} ({Type}) has no {property}");

    public string Str(string property) => Prop(property).GetString()!;

    public int Int(string property) => Prop(property).GetInt32();

    public bool Bool(string property) => Prop(property).GetBoolean();
}

/// <summary>A stack's CloudFormation template, parsed with System.Text.Json.</summary>
public sealed class Template
{
    public Template(string stackName, JsonElement root)
    {
        StackName = stackName;
        Root = root;
        Resources = root.TryGetProperty("Resources", out var resources)
            ? resources.EnumerateObject().Select(r => new Resource(
                r.Name,
                r.Value.GetProperty("Type").GetString()!,
                r.Value.TryGetProperty("Properties", out var p) ? p : default)).ToList()
            : [];
        Parameters = Section("Parameters");
        Outputs = Section("Outputs");
    }

    public string StackName { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }

    public IReadOnlyDictionary<string, JsonElement> Outputs { get; }

    public IEnumerable<Resource> OfType(string type) => Resources.Where(r => r.Type == type);

    public Resource Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"{StackName}: expected exactly one {type}, found {matches.Count}");
        return matches[0];
    }

    public Resource this[string logicalId] => Resources.Single(r => r.LogicalId == logicalId);

    /// <summary>The resource a <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, attr]}</c> points at.</summary>
    public Resource Target(JsonElement reference)
    {
        var id = Json.RefName(reference) ?? Json.GetAttTarget(reference)
            ?? throw new Xunit.Sdk.XunitException($"{StackName}: {reference} is not a Ref or Fn::GetAtt");
        return Resources.SingleOrDefault(r => r.LogicalId == id) ?? throw new Xunit.Sdk.XunitException($"{StackName}: no resource {id}");
    }

    /// <summary>Resource counts by type.</summary>
    public SortedDictionary<string, int> TypeCounts() =>
        new(Resources.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    /// <summary>Subnets whose route table has no route to an internet gateway.</summary>
    public IReadOnlyList<Resource> PrivateSubnets()
    {
        var publicTables = OfType("AWS::EC2::Route")
            .Where(r => r.Has("GatewayId"))
            .Select(r => Json.RefName(r.Prop("RouteTableId")))
            .ToHashSet();
        var publicSubnets = OfType("AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => publicTables.Contains(Json.RefName(a.Prop("RouteTableId"))))
            .Select(a => Json.RefName(a.Prop("SubnetId")))
            .ToHashSet();
        return OfType("AWS::EC2::Subnet").Where(s => !publicSubnets.Contains(s.LogicalId)).ToList();
    }

    /// <summary>Route tables associated with <see cref="PrivateSubnets"/>, in subnet order.</summary>
    public IReadOnlyList<string> PrivateRouteTables() =>
        PrivateSubnets()
            .Select(s => OfType("AWS::EC2::SubnetRouteTableAssociation").Single(a => Json.RefName(a.Prop("SubnetId")) == s.LogicalId))
            .Select(a => Json.RefName(a.Prop("RouteTableId"))!)
            .ToList();

    private Dictionary<string, JsonElement> Section(string name) =>
        Root.TryGetProperty(name, out var section)
            ? section.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}

/// <summary>Reading CloudFormation JSON: intrinsic functions and plain values.</summary>
public static class Json
{
    public static string? RefName(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;

    public static string? GetAttTarget(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Fn::GetAtt", out var g) && g.ValueKind == JsonValueKind.Array ? g[0].GetString() : null;

    public static bool IsIntrinsic(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.EnumerateObject().Count() == 1
        && e.EnumerateObject().First().Name is var name
        && (name == "Ref" || name == "Condition" || name.StartsWith("Fn::", StringComparison.Ordinal));

    /// <summary>The element as compact JSON (no whitespace), for substring checks.</summary>
    public static string Compact(JsonElement e) => JsonSerializer.Serialize(e);

    public static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>Every element of <paramref name="root"/>, depth first, with its path.</summary>
    public static IEnumerable<(string Path, JsonElement Element)> Walk(JsonElement root, string path = "")
    {
        yield return (path, root);
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in root.EnumerateObject())
            {
                foreach (var inner in Walk(p.Value, $"{path}/{p.Name}"))
                    yield return inner;
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                foreach (var inner in Walk(item, $"{path}[{i++}]"))
                    yield return inner;
            }
        }
    }

    /// <summary>Every property named <paramref name="name"/> anywhere under <paramref name="root"/>.</summary>
    public static IEnumerable<(string Path, JsonElement Value)> FindProperty(JsonElement root, string name) =>
        Walk(root)
            .Where(x => x.Element.ValueKind == JsonValueKind.Object && x.Element.TryGetProperty(name, out _))
            .Select(x => ($"{x.Path}/{name}", x.Element.GetProperty(name)));
}
