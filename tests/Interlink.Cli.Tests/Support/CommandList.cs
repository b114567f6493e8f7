namespace Interlink.Cli.Tests.Support;

/// <summary>The commands interlink offers.</summary>
public static class CommandList
{
    /// <summary>Every command that <c>interlink --help</c> must list.</summary>
    public static readonly IReadOnlyList<string> Listed = ["validate", "synth", "init", "schema", "rules", "regions"];

    /// <summary>True when a help line names <paramref name="command"/> in the COMMANDS section.</summary>
    public static bool IsListedOn(string line, string command) =>
        line.TrimStart().StartsWith(command + " ", StringComparison.Ordinal);
}
