using System.Globalization;
using Interlink.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Interlink.Core.Loading;

/// <summary>
/// Reads one YAML mapping into typed values, recording each value's position and reporting unknown keys,
/// missing keys and wrong types with their YAML path. It never throws on bad input: a bad value is
/// reported and read as absent, so one run reports every problem in the file.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly DiagnosticBag _diagnostics;

    private MappingReader(YamlMappingNode node, string path, DiagnosticBag diagnostics)
    {
        _node = node;
        Path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>YAML path of this mapping.</summary>
    public string Path { get; }

    /// <summary>
    /// A reader for <paramref name="node"/> if it is a mapping; otherwise reports a wrong type and returns null.
    /// Keys outside <paramref name="knownKeys"/> are reported with the closest known key.
    /// </summary>
    public static MappingReader? Open(YamlNode? node, string path, DiagnosticBag diagnostics, IReadOnlyCollection<string> knownKeys)
    {
        if (node is null || IsNull(node))
            return null;
        Record(node, path, diagnostics);
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(LoadCodes.WrongType, path, $"expected a mapping of keys, found {Describe(node)}",
                $"write '{LastSegment(path)}:' followed by indented 'key: value' lines");
            return null;
        }

        var reader = new MappingReader(mapping, path, diagnostics);
        reader.ReportUnknownKeys(knownKeys);
        return reader;
    }

    /// <summary>Whether <paramref name="key"/> is present with a non-null value.</summary>
    public bool Has(string key) => Child(key) is { } node && !IsNull(node);

    /// <summary>Whether <paramref name="key"/> is present as a single value (not a mapping or list), e.g. <c>monitoring: false</c>.</summary>
    public bool IsScalar(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode && !IsNull(node);

    /// <summary>Text of scalar <paramref name="key"/>, or null (reported when <paramref name="required"/>).</summary>
    public string? String(string key, bool required = false, string? example = null)
    {
        var node = Child(key, required, example);
        if (node is null)
            return null;
        if (node is YamlScalarNode scalar)
            return scalar.Value ?? "";
        WrongType(key, node, "a single value", example);
        return null;
    }

    /// <summary>Integer <paramref name="key"/>, or null when absent or not an integer (reported).</summary>
    public int? Int(string key, bool required = false, string? example = null)
    {
        var text = String(key, required, example);
        if (text is null)
            return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        _diagnostics.Error(LoadCodes.WrongType, YamlPath.Key(Path, key), $"'{text}' is not a whole number",
            WellKnownPorts.TryGetValue(text, out var port) ? $"write the port number: {port} for {text.ToLowerInvariant()}" : $"write a number, e.g. {example ?? "80"}");
        return null;
    }

    // A protocol written where its port belongs ("port: https") is a common slip; the fix names the number.
    private static readonly Dictionary<string, int> WellKnownPorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http"] = 80, ["https"] = 443, ["ssh"] = 22, ["rdp"] = 3389, ["postgres"] = 5432, ["mysql"] = 3306, ["redis"] = 6379,
    };

    /// <summary>Boolean <paramref name="key"/>, or <paramref name="fallback"/> when absent or invalid (reported).</summary>
    public bool Bool(string key, bool fallback)
    {
        var text = String(key);
        if (text is null)
            return fallback;
        if (bool.TryParse(text, out var value))
            return value;
        _diagnostics.Error(LoadCodes.WrongType, YamlPath.Key(Path, key), $"'{text}' is not true or false", "write true or false");
        return fallback;
    }

    /// <summary>Enum <paramref name="key"/> written in lower case, or <paramref name="fallback"/> when absent or invalid (reported).</summary>
    public TEnum Enum<TEnum>(string key, TEnum fallback)
        where TEnum : struct, Enum
    {
        var text = String(key);
        if (text is null)
            return fallback;
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && !text.Any(char.IsDigit) && !text.Contains(','))
            return value;
        var names = System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        _diagnostics.Error(LoadCodes.WrongType, YamlPath.Key(Path, key),
            $"'{text}' is not one of {string.Join(", ", names)}{Suggest.DidYouMean(text, names)}",
            $"write one of: {string.Join(" | ", names)}");
        return fallback;
    }

    /// <summary>A nested mapping, or null when absent (reported when <paramref name="required"/>) or not a mapping (reported).</summary>
    public MappingReader? Mapping(string key, IReadOnlyCollection<string> knownKeys, bool required = false) =>
        Open(Child(key, required), YamlPath.Key(Path, key), _diagnostics, knownKeys);

    /// <summary>The items of sequence <paramref name="key"/> with their paths; empty when absent or not a sequence (reported).</summary>
    public IReadOnlyList<(YamlNode Node, string Path)> Sequence(string key, bool required = false, string? example = null)
    {
        var node = Child(key, required, example);
        if (node is null)
            return [];
        if (node is not YamlSequenceNode sequence)
        {
            WrongType(key, node, "a list", example);
            return [];
        }

        var items = new List<(YamlNode, string)>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = YamlPath.Index(YamlPath.Key(Path, key), i);
            Record(sequence.Children[i], itemPath, _diagnostics);
            items.Add((sequence.Children[i], itemPath));
        }

        return items;
    }

    /// <summary>Sequence <paramref name="key"/> of single values; non-scalar items are reported and skipped.</summary>
    public IReadOnlyList<string> StringList(string key, bool required = false, string? example = null)
    {
        var values = new List<string>();
        foreach (var (node, path) in Sequence(key, required, example))
        {
            if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
                values.Add(value);
            else
                _diagnostics.Error(LoadCodes.WrongType, path, $"expected a single value, found {Describe(node)}",
                    $"write each item as '- value'{(example is null ? "" : $", e.g. - {example}")}");
        }

        return values;
    }

    /// <summary>All entries of a mapping of text to text (tags); non-scalar values are reported and skipped.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = Child(key);
        if (node is null)
            return map;
        if (node is not YamlMappingNode mapping)
        {
            WrongType(key, node, "a mapping of names to values", "Team: payments");
            return map;
        }

        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var path = YamlPath.Key(YamlPath.Key(Path, key), name);
            Record(IsNull(v) ? k : v, path, _diagnostics);
            if (v is YamlScalarNode { Value: { } value })
                map[name] = value;
            else
                _diagnostics.Error(LoadCodes.WrongType, path, $"expected a single value, found {Describe(v)}", "write 'name: value'");
        }

        return map;
    }

    /// <summary>Reports that keys <paramref name="a"/> and <paramref name="b"/> cannot be used together.</summary>
    public void Conflict(string a, string b, string fix) =>
        _diagnostics.Error(LoadCodes.ConflictingKeys, YamlPath.Key(Path, b), $"'{a}' and '{b}' cannot be used together", fix);

    /// <summary>Reports <paramref name="key"/> present where it does not apply.</summary>
    public void NotApplicable(string key, string why, string fix)
    {
        if (Has(key))
            _diagnostics.Error(LoadCodes.ConflictingKeys, YamlPath.Key(Path, key), $"'{key}' {why}", fix);
    }

    /// <summary>Reports that <paramref name="key"/> is missing.</summary>
    public void Missing(string key, string? example) =>
        _diagnostics.Error(LoadCodes.MissingKey, YamlPath.Key(Path, key), $"'{key}' is required",
            example is null ? $"add '{key}:'" : $"add '{key}: {example}'");

    private YamlNode? Child(string key, bool required = false, string? example = null)
    {
        if (_node.Children.TryGetValue(new YamlScalarNode(key), out var node) && !IsNull(node))
        {
            Record(node, YamlPath.Key(Path, key), _diagnostics);
            return node;
        }

        if (required)
            Missing(key, example);
        return null;
    }

    private void ReportUnknownKeys(IReadOnlyCollection<string> knownKeys)
    {
        foreach (var (key, value) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            var path = YamlPath.Key(Path, name);
            // The first record of a path wins: an unknown key is reported at the key, anything said about a known
            // key's value (wrong type, bad CIDR, unknown Region…) at the value, unless there is none to point at.
            Record(knownKeys.Contains(name) && !IsNull(value) ? value : key, path, _diagnostics);
            if (knownKeys.Contains(name))
                continue;
            var allowed = knownKeys.Count == 0 ? "nothing" : string.Join(", ", knownKeys);
            _diagnostics.Error(LoadCodes.UnknownKey, path, $"unknown key '{name}'{Suggest.DidYouMean(name, knownKeys)}",
                NestedHint(name) is { } nested ? $"{nested}, or use one of: {allowed}" : $"use one of: {allowed}");
        }
    }

    /// <summary>
    /// "'x' is a key of provider.vpc: indent it like the keys under 'vpc' (line 7)" when a sibling mapping accepts
    /// <paramref name="name"/>: the key was most likely written one level too shallow, which is still valid YAML, so
    /// only the reader can tell.
    /// </summary>
    private string? NestedHint(string name)
    {
        foreach (var (key, value) in _node.Children)
        {
            if (key is YamlScalarNode { Value: { } sibling } && value is YamlMappingNode mapping
                && ConfigKeys.Nested.TryGetValue(sibling, out var keys) && keys.Contains(name, StringComparer.Ordinal))
                return mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow
                    ? $"'{name}' is a key of {YamlPath.Key(Path, sibling)}: move it inside the {{ }} of '{sibling}' (line {value.Start.Line})"
                    : $"'{name}' is a key of {YamlPath.Key(Path, sibling)}: indent it like the keys under '{sibling}' (line {value.Start.Line})";
        }

        return null;
    }

    private void WrongType(string key, YamlNode node, string expected, string? example) =>
        _diagnostics.Error(LoadCodes.WrongType, YamlPath.Key(Path, key), $"expected {expected}, found {Describe(node)}",
            example is null ? $"write {expected} for '{key}'" : $"write e.g. '{key}: {example}'");

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar
        && (scalar.Value is null || scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    internal static void Record(YamlNode node, string path, DiagnosticBag diagnostics) =>
        diagnostics.SourceMap.Record(path, (int)node.Start.Line, (int)node.Start.Column);

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported value",
    };

    private static string LastSegment(string path)
    {
        var parent = YamlPath.Parent(path);
        return parent.Length == 0 ? path : path[(parent.Length + 1)..];
    }
}
