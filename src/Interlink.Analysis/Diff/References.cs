using System.Text.Json;
using System.Text.RegularExpressions;

namespace Interlink.Analysis.Diff;

/// <summary>Which logical IDs and parameters a template value refers to (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>).</summary>
internal static partial class References
{
    /// <summary>The names among <paramref name="names"/> that <paramref name="value"/> refers to.</summary>
    public static IReadOnlySet<string> In(JsonElement value, IReadOnlySet<string> names)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (names.Count > 0)
            Walk(value, names, found, depth: 0);
        return found;
    }

    private static void Walk(JsonElement value, IReadOnlySet<string> names, HashSet<string> found, int depth)
    {
        // Templates are machine-written and shallow; the bound keeps a hostile one from exhausting the stack.
        if (depth > 64)
            return;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (property.Name == "Ref" && property.Value.ValueKind == JsonValueKind.String)
                        Add(property.Value.GetString()!, names, found);
                    else if (property.Name == "Fn::GetAtt")
                        GetAtt(property.Value, names, found);
                    else if (property.Name == "Fn::Sub")
                        Sub(property.Value, names, found);
                    Walk(property.Value, names, found, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    Walk(item, names, found, depth + 1);
                break;
        }
    }

    private static void GetAtt(JsonElement value, IReadOnlySet<string> names, HashSet<string> found)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String)
            Add(value[0].GetString()!, names, found);
        else if (value.ValueKind == JsonValueKind.String)
            Add(value.GetString()!.Split('.')[0], names, found);
    }

    private static void Sub(JsonElement value, IReadOnlySet<string> names, HashSet<string> found)
    {
        var template = value.ValueKind == JsonValueKind.String ? value
            : value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? value[0] : default;
        if (template.ValueKind != JsonValueKind.String)
            return;
        foreach (Match match in SubVariable().Matches(template.GetString()!))
            Add(match.Groups[1].Value.Split('.')[0], names, found);
    }

    private static void Add(string name, IReadOnlySet<string> names, HashSet<string> found)
    {
        if (names.Contains(name))
            found.Add(name);
    }

    // ${Name} or ${Name.Attribute}; ${!Literal} is not a variable.
    [GeneratedRegex(@"\$\{(?!!)([A-Za-z0-9:._]+)\}")]
    private static partial Regex SubVariable();
}
