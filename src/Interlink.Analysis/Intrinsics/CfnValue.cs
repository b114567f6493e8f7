using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Interlink.Analysis.Intrinsics;

/// <summary>
/// A template value after intrinsic functions are resolved as far as is possible offline: a literal, a list,
/// a map, a reference to a resource (whose physical ID exists only once deployed), text mixing literals and
/// references, or an unknown with the reason.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CfnString), "string")]
[JsonDerivedType(typeof(CfnNumber), "number")]
[JsonDerivedType(typeof(CfnBool), "bool")]
[JsonDerivedType(typeof(CfnList), "list")]
[JsonDerivedType(typeof(CfnMap), "map")]
[JsonDerivedType(typeof(CfnRef), "ref")]
[JsonDerivedType(typeof(CfnConcat), "concat")]
[JsonDerivedType(typeof(CfnUnknown), "unknown")]
public abstract record CfnValue
{
    /// <summary>AWS::NoValue: the property is removed.</summary>
    public static readonly CfnValue NoValue = new CfnUnknown("AWS::NoValue", "AWS::NoValue");

    /// <summary>The literal text of a string, number or bool; null otherwise.</summary>
    public virtual string? Text => null;

    /// <summary>True when this is the AWS::NoValue marker.</summary>
    public bool IsNoValue => ReferenceEquals(this, NoValue);

    /// <summary>Items when this is a list, else null.</summary>
    public IReadOnlyList<CfnValue>? Items => (this as CfnList)?.Values;

    /// <summary>A readable rendering: references as <c>${stack/logicalId.attr}</c>, unknowns as <c>${?name}</c>.</summary>
    public abstract string Display();

    /// <summary>This value as a boolean when it is a literal that reads as one.</summary>
    public bool? AsBool() => this switch
    {
        CfnBool b => b.Value,
        CfnString s when bool.TryParse(s.Value, out var v) => v,
        _ => null,
    };

    /// <summary>This value as an integer when it is a literal that reads as one.</summary>
    public int? AsInt() => this switch
    {
        CfnNumber n when n.Value == Math.Floor(n.Value) => (int)n.Value,
        CfnString s when int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>The value of <paramref name="key"/> when this is a map.</summary>
    public CfnValue? this[string key] => this is CfnMap m && m.Values.TryGetValue(key, out var v) ? v : null;

    /// <summary>This value as a list: a list's items, a single value as one item, nothing for null.</summary>
    public static IReadOnlyList<CfnValue> ListOf(CfnValue? value) => value switch
    {
        null => [],
        CfnList l => l.Values,
        _ when value.IsNoValue => [],
        _ => [value],
    };

    /// <summary>Concatenates parts, merging adjacent literals; a single part is returned as is.</summary>
    public static CfnValue Concat(IEnumerable<CfnValue> parts)
    {
        var merged = new List<CfnValue>();
        var text = new StringBuilder();
        var hasText = false;
        foreach (var part in parts.SelectMany(p => p is CfnConcat c ? c.Parts : [p]))
        {
            if (part.Text is { } t)
            {
                text.Append(t);
                hasText = true;
                continue;
            }

            if (hasText)
            {
                merged.Add(new CfnString(text.ToString()));
                text.Clear();
                hasText = false;
            }

            merged.Add(part);
        }

        if (hasText || merged.Count == 0)
            merged.Add(new CfnString(text.ToString()));
        return merged.Count == 1 ? merged[0] : new CfnConcat(merged);
    }
}

/// <summary>A literal string.</summary>
/// <param name="Value">The string.</param>
public sealed record CfnString(string Value) : CfnValue
{
    /// <inheritdoc />
    public override string? Text => Value;

    /// <inheritdoc />
    public override string Display() => Value;
}

/// <summary>A literal number.</summary>
/// <param name="Value">The number.</param>
public sealed record CfnNumber(double Value) : CfnValue
{
    /// <inheritdoc />
    public override string? Text => Value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string Display() => Text!;
}

/// <summary>A literal boolean.</summary>
/// <param name="Value">The boolean.</param>
public sealed record CfnBool(bool Value) : CfnValue
{
    /// <inheritdoc />
    public override string? Text => Value ? "true" : "false";

    /// <inheritdoc />
    public override string Display() => Text!;
}

/// <summary>A list.</summary>
/// <param name="Values">Its items.</param>
public sealed record CfnList(IReadOnlyList<CfnValue> Values) : CfnValue
{
    /// <inheritdoc />
    public override string Display() => "[" + string.Join(", ", Values.Select(v => v.Display())) + "]";

    /// <inheritdoc />
    public bool Equals(CfnList? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;
}

/// <summary>A map (an object value, e.g. a resource's properties).</summary>
/// <param name="Values">Its entries.</param>
public sealed record CfnMap(IReadOnlyDictionary<string, CfnValue> Values) : CfnValue
{
    /// <inheritdoc />
    public override string Display() => "{" + string.Join(", ", Values.Select(kv => $"{kv.Key}: {kv.Value.Display()}")) + "}";

    /// <inheritdoc />
    public bool Equals(CfnMap? other) =>
        other is not null && Values.Count == other.Values.Count
        && Values.All(kv => other.Values.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v));

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;
}

/// <summary>A resource (its Ref when <paramref name="Attribute"/> is null, else a Fn::GetAtt).</summary>
/// <param name="Stack">Stack that declares the resource.</param>
/// <param name="LogicalId">Its logical ID.</param>
/// <param name="Attribute">The attribute, or null for Ref.</param>
public sealed record CfnRef(string Stack, string LogicalId, string? Attribute = null) : CfnValue
{
    /// <summary>The resource's identity in the network model: <c>stack/logicalId</c>.</summary>
    public string ResourceKey => $"{Stack}/{LogicalId}";

    /// <inheritdoc />
    public override string Display() => "${" + ResourceKey + (Attribute is null ? "" : "." + Attribute) + "}";
}

/// <summary>Text made of literals and references or unknowns (e.g. a Fn::Join over a Ref).</summary>
/// <param name="Parts">The parts, adjacent literals merged.</param>
public sealed record CfnConcat(IReadOnlyList<CfnValue> Parts) : CfnValue
{
    /// <inheritdoc />
    public override string Display() => string.Concat(Parts.Select(p => p.Display()));

    /// <inheritdoc />
    public bool Equals(CfnConcat? other) => other is not null && Parts.SequenceEqual(other.Parts);

    /// <inheritdoc />
    public override int GetHashCode() => Parts.Count;
}

/// <summary>A value that cannot be known offline.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Name">What it stands for when it has a name (e.g. <c>AWS::AccountId</c>), else null.</param>
public sealed record CfnUnknown(string Reason, string? Name = null) : CfnValue
{
    /// <inheritdoc />
    public override string Display() => "${" + (Name ?? "?" + Reason) + "}";
}
