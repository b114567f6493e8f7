using System.Text.Json;

namespace Interlink.Analysis.Diff;

/// <summary>What CloudFormation does when a property changes: update in place, replace, or replace depending on the change.</summary>
public enum Replacement
{
    /// <summary>Updated in place (the registry schema does not list it as create-only).</summary>
    Never,

    /// <summary>Replaced depending on the change (conditionally create-only in the registry schema).</summary>
    Conditional,

    /// <summary>Always replaced (create-only in the registry schema).</summary>
    Always,
}

/// <summary>
/// CloudFormation's update behaviour per resource property, from AWS's CloudFormation registry schemas as
/// packaged in npm <c>@aws-cdk/aws-service-spec</c> and extracted by <c>scripts/extract-update-behaviour.mjs</c>
/// into <c>update-behaviour.json</c> (committed with the package version; a test keeps them equal).
/// </summary>
public static class UpdateBehaviour
{
    private static readonly Lazy<Data> Loaded = new(Load);

    /// <summary>The package and version the data came from, e.g. <c>@aws-cdk/aws-service-spec 0.1.216</c>.</summary>
    public static string Source => Loaded.Value.Source;

    /// <summary>Whether the data covers <paramref name="type"/>.</summary>
    public static bool Knows(string type) => Loaded.Value.Types.ContainsKey(type);

    /// <summary>
    /// What changing <paramref name="property"/> of a <paramref name="type"/> does. A type the data does not cover is
    /// <see cref="Replacement.Conditional"/>: we cannot say it is safe.
    /// </summary>
    public static Replacement Of(string type, string property)
    {
        if (!Loaded.Value.Types.TryGetValue(type, out var properties))
            return Replacement.Conditional;
        return properties.TryGetValue(property, out var replacement) ? replacement : Replacement.Never;
    }

    private sealed record Data(string Source, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Replacement>> Types);

    private static Data Load()
    {
        using var stream = typeof(UpdateBehaviour).Assembly.GetManifestResourceStream("Interlink.Analysis.Diff.update-behaviour.json")
            ?? throw new InvalidOperationException("update-behaviour.json is not embedded");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var source = root.GetProperty("source");
        var types = new Dictionary<string, IReadOnlyDictionary<string, Replacement>>(StringComparer.Ordinal);
        foreach (var type in root.GetProperty("resources").EnumerateObject())
        {
            types[type.Name] = type.Value.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.GetString() == "yes" ? Replacement.Always : Replacement.Conditional,
                StringComparer.Ordinal);
        }

        return new Data($"{source.GetProperty("package").GetString()} {source.GetProperty("version").GetString()}", types);
    }
}
