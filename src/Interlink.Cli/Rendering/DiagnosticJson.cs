using Interlink.Core.Diagnostics;
using Interlink.Core.Validation;

namespace Interlink.Cli.Rendering;

/// <summary>The JSON shape of a validation result (stable: tools read it).</summary>
internal sealed record DiagnosticJson(string File, bool Valid, IReadOnlyList<DiagnosticJson.Item> Diagnostics)
{
    public static DiagnosticJson From(ValidationReport result) =>
        new(result.File, result.IsValid, result.Diagnostics.Select(Item.From).ToList());

    internal sealed record Item(string Code, string Severity, string Path, int? Line, int? Column, string Message, string? Fix)
    {
        public static Item From(Diagnostic d) =>
            new(d.Code, d.Severity.ToString().ToLowerInvariant(), d.Path, d.Location?.Line, d.Location?.Column, d.Message, d.Fix);
    }
}
