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
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
        {
            foreach (var diagnostic in result.Of(severity))
                console.MarkupLine($"[{Colour(severity)}]{Markup.Escape(TerminalText.EscapeLine(diagnostic.ToOneLine()))}[/]");
        }

        var counts = $"{Count(result, Severity.Error, "error")}, {Count(result, Severity.Warning, "warning")}, {Count(result, Severity.Info, "note")}";
        if (result.IsValid)
            console.MarkupLine($"[green]{Markup.Escape(TerminalText.EscapeLine(result.File))}: valid[/] ({Markup.Escape(Describe(result.Config!))}; {counts})");
        else
            console.MarkupLine($"[red]{Markup.Escape(TerminalText.EscapeLine(result.File))}: invalid[/] ({counts})");
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
