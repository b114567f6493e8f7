using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using Interlink.Core.Model;

namespace Interlink.Core.Validation;

/// <summary>The outcome of validating a config file.</summary>
/// <param name="File">The file as named by the user.</param>
/// <param name="Config">The model, when the file could be read; trust it only when <see cref="IsValid"/>.</param>
/// <param name="Diagnostics">Every finding, ordered by position in the file.</param>
public sealed record ValidationReport(string File, InterlinkConfig? Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when there is a model and no errors.</summary>
    public bool IsValid => Config is not null && Diagnostics.All(d => d.Severity != Severity.Error);

    /// <summary>Findings of <paramref name="severity"/>.</summary>
    public IEnumerable<Diagnostic> Of(Severity severity) => Diagnostics.Where(d => d.Severity == severity);
}

/// <summary>Loads a config and runs every rule on it.</summary>
public static class ConfigValidator
{
    /// <summary>Loads and validates the file at <paramref name="path"/>.</summary>
    public static ValidationReport ValidateFile(string path) => Validate(ConfigLoader.LoadFile(path), path);

    /// <summary>Loads and validates config <paramref name="text"/>, named <paramref name="fileName"/> in locations.</summary>
    public static ValidationReport ValidateText(string text, string fileName) => Validate(ConfigLoader.LoadText(text, fileName), fileName);

    /// <summary>
    /// Runs every rule on a config built in code (e.g. the same design in the other mode); findings carry
    /// paths but no line numbers.
    /// </summary>
    public static ValidationReport ValidateConfig(InterlinkConfig config, string fileName) =>
        Validate(new LoadResult(config, new DiagnosticBag(new SourceMap(fileName))), fileName);

    private static ValidationReport Validate(LoadResult loaded, string file)
    {
        if (loaded.Config is { } config)
        {
            var context = new ValidationContext(config, loaded.Diagnostics);
            foreach (var rule in RuleSet.All)
                rule.Check(context);
        }

        var ordered = loaded.Diagnostics.Items
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location?.Line ?? 0)
            .ThenBy(x => x.d.Location?.Column ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
        return new ValidationReport(file, loaded.Config, ordered);
    }
}
