using System.Globalization;
using System.Text.Json;

namespace Interlink.Analysis.Deployability;

/// <summary>A Lambda runtime's end-of-support dates.</summary>
/// <param name="Identifier">e.g. <c>nodejs20.x</c>.</param>
/// <param name="Deprecated">Deprecation (end of support, phase 1): no more security patches.</param>
/// <param name="CreateBlocked">From this date Lambda refuses to create functions on it (null: not announced).</param>
/// <param name="UpdateBlocked">From this date Lambda refuses to update functions on it (null: not announced).</param>
public sealed record LambdaRuntime(string Identifier, DateOnly? Deprecated, DateOnly? CreateBlocked, DateOnly? UpdateBlocked);

/// <summary>
/// The dated table of Lambda runtimes in <c>lambda-runtimes.json</c> (embedded): AWS Lambda Developer Guide,
/// "Lambda runtimes" (supported and deprecated runtimes, https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
/// as transcribed and dated in the file's <c>source</c>. Update the file when AWS changes a date.
/// </summary>
public static class LambdaRuntimes
{
    /// <summary>Resource name of the embedded table.</summary>
    public const string ResourceName = "Interlink.Analysis.Deployability.lambda-runtimes.json";

    private static readonly Lazy<(string Source, DateOnly AsOf, IReadOnlyDictionary<string, LambdaRuntime> Runtimes)> Loaded = new(Load);

    /// <summary>Where the dates come from.</summary>
    public static string Source => Loaded.Value.Source;

    /// <summary>The date the table was last checked against AWS's page.</summary>
    public static DateOnly AsOf => Loaded.Value.AsOf;

    /// <summary>Every runtime by identifier.</summary>
    public static IReadOnlyDictionary<string, LambdaRuntime> All => Loaded.Value.Runtimes;

    private static (string, DateOnly, IReadOnlyDictionary<string, LambdaRuntime>) Load()
    {
        using var stream = typeof(LambdaRuntimes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var source = root.GetProperty("source");
        var runtimes = new Dictionary<string, LambdaRuntime>(StringComparer.Ordinal);
        foreach (var r in root.GetProperty("runtimes").EnumerateObject())
            runtimes[r.Name] = new LambdaRuntime(r.Name, Date(r.Value, "deprecated"), Date(r.Value, "createBlocked"), Date(r.Value, "updateBlocked"));
        return ($"{source.GetProperty("title").GetString()} ({source.GetProperty("url").GetString()}); {source.GetProperty("transcription").GetString()}",
            DateOnly.ParseExact(source.GetProperty("checkedAt").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), runtimes);
    }

    private static DateOnly? Date(JsonElement runtime, string name) =>
        runtime.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
