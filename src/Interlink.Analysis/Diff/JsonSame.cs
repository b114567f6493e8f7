using System.Text.Json;

namespace Interlink.Analysis.Diff;

/// <summary>Deep equality of template values where "absent" (an undefined element) is a value too.</summary>
internal static class JsonSame
{
    /// <summary>True when both are absent, or both present and deeply equal.</summary>
    public static bool Equal(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined
            ? a.ValueKind == b.ValueKind
            : JsonElement.DeepEquals(a, b);
}
