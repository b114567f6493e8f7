using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interlink.Probe;

/// <summary>The probe report as JSON (System.Text.Json, source-generated, camelCase).</summary>
public static class ProbeJson
{
    /// <summary>Serializes <paramref name="report"/>; the per-request results only when <paramref name="includeRequests"/>.</summary>
    public static string Serialize(ProbeReport report, bool includeRequests = false, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        var context = indented ? ProbeJsonContext.Indented : ProbeJsonContext.Default;
        return JsonSerializer.Serialize(includeRequests ? report : report with { Results = null }, context.ProbeReport);
    }

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    public static ProbeReport? Deserialize(string json) => JsonSerializer.Deserialize(json, ProbeJsonContext.Default.ProbeReport);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProbeReport))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext
{
    public static ProbeJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
