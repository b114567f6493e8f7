using Spectre.Console.Testing;

namespace Interlink.Cli.Tests.Support;

/// <summary>What one in-process run of the command line returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Output)
{
    /// <summary>The printed lines, without trailing blanks and without empty lines.</summary>
    public IReadOnlyList<string> Lines =>
        Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

/// <summary>Runs <see cref="InterlinkApp.Run(string[], Spectre.Console.IAnsiConsole)"/> on a recording console.</summary>
public static class App
{
    /// <summary>Runs interlink with <paramref name="args"/> as a user would type them, with output wide enough never to wrap.</summary>
    public static CliResult Run(params string[] args)
    {
        var console = new TestConsole().Width(InterlinkApp.UnwrappedWidth);
        var exitCode = InterlinkApp.Run(args, console);
        return new CliResult(exitCode, console.Output.Replace("\r\n", "\n"));
    }
}
