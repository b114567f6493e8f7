using Interlink.Core.Diagnostics;
using Interlink.Core.Model;
using Interlink.Core.Validation;
using Spectre.Console;

namespace Interlink.Cli.Rendering;

/// <summary>Prints a validation result as one line per finding, errors first, then a summary line.</summary>
internal static class DiagnosticText
{
    public static void Write(IAnsiConsole console, ValidationReport result)
    {
        foreach (var (coloured, rest, colour) in Lines(result))
            console.MarkupLine($"[{colour}]{Markup.Escape(coloured)}[/]{Markup.Escape(rest)}");
    }

    /// <summary>The same lines without colour, for a report file (<c>validate -o FILE</c>).</summary>
    public static string Plain(ValidationReport result) =>
        string.Concat(Lines(result).Select(l => l.Coloured + l.Plain + Environment.NewLine));

    /// <summary>One line per finding, errors first, then the summary; each with the part shown in colour and the rest.</summary>
    private static IEnumerable<(string Coloured, string Plain, string Colour)> Lines(ValidationReport result)
    {
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
        {
            foreach (var diagnostic in result.Of(severity))
                yield return (TerminalText.EscapeLine(diagnostic.ToOneLine()), "", Colour(severity));
        }

        var counts = $"{Count(result, Severity.Error, "error")}, {Count(result, Severity.Warning, "warning")}, {Count(result, Severity.Info, "note")}";
        var file = TerminalText.EscapeLine(result.File);
        yield return result.IsValid
            ? ($"{file}: valid", $" ({Describe(result.Config!)}; {counts})", "green")
            : ($"{file}: invalid", $" ({counts})", "red");
    }

    private static string Describe(InterlinkConfig config)
    {
        var mode = config.Mode.ToString().ToLowerInvariant();
        var relays = config.Mode == DeployMode.Relay ? $", {Plural(config.Relays.Count, "relay")}" : "";
        return $"{mode} mode: provider in {config.Provider.Region}{relays}, {Plural(config.Consumers.Count, "consumer")}";
    }

    private static string Count(ValidationReport result, Severity severity, string noun) => Plural(result.Of(severity).Count(), noun);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Error => "red",
        Severity.Warning => "yellow",
        _ => "blue",
    };
}
