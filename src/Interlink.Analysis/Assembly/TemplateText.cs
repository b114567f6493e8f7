using System.Text.Json;

namespace Interlink.Analysis.Assembly;

/// <summary>
/// A template value as text, as <see cref="StackView"/> renders the <see cref="Intrinsics.IntrinsicResolver"/>'s value,
/// with what cannot be known offline replaced by <see cref="Hole"/>: a resource's Ref or attribute, a parameter given
/// at deploy time, a condition not decidable offline. <see cref="Complete"/> is false when any part is unknown.
/// </summary>
/// <param name="Value">The text, holes included.</param>
/// <param name="Complete">True when nothing in it is unknown.</param>
internal readonly record struct Text(string Value, bool Complete)
{
    /// <summary>Marks an unknown part.</summary>
    public const string Hole = "\u2047";

    public static Text Unknown => new(Hole, false);

    /// <summary>True when nothing at all is known (the whole value is one unknown).</summary>
    public bool IsUnknown => !Complete && Value.Replace(Hole, "", StringComparison.Ordinal).Length == 0;

    public override string ToString() => Complete ? Value : Value.Replace(Hole, "<unknown>", StringComparison.Ordinal);
}

/// <summary>One resource of a template (or an object inside one, read the same way).</summary>
internal sealed record TemplateResource(string LogicalId, string Type, JsonElement Properties)
{
    /// <summary>
    /// Whether the resolver removes a property (a Fn::If choosing AWS::NoValue under a condition decidable offline); set
    /// by <see cref="StackView"/> on a stack's resources, so a rule sees such a property absent, as reachability does.
    /// </summary>
    internal Func<JsonElement, bool>? Removes { get; init; }

    /// <summary>A property, or null when absent (or AWS::NoValue, or removed by a condition).</summary>
    public JsonElement? Get(string name) =>
        Properties.ValueKind == JsonValueKind.Object && Properties.TryGetProperty(name, out var v) && !StackView.IsNoValue(v) && Removes?.Invoke(v) != true ? v : null;
}
