using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli;

/// <summary>Turns exceptions that escape a command into one line and an exit code; never a stack trace.</summary>
internal static class ErrorReporter
{
    public static int Report(IAnsiConsole console, Exception exception)
    {
        switch (exception)
        {
            case CommandParseException or CommandRuntimeException or CommandConfigurationException:
                console.MarkupLineInterpolated($"[red]error:[/] {Rendering.TerminalText.EscapeLine(exception.Message.TrimEnd('.'))}; run 'interlink --help' or 'interlink <command> --help'");
                return ExitCodes.InvalidInput;
            case UsageException or Interlink.Cdk.AssemblyOutputException:
                console.MarkupLineInterpolated($"[red]error:[/] {Rendering.TerminalText.EscapeLine(exception.Message)}");
                return ExitCodes.InvalidInput;
            default:
                console.MarkupLineInterpolated($"[red]internal error:[/] {exception.GetType().Name}: {Rendering.TerminalText.EscapeLine(exception.Message)} (a bug in interlink; set INTERLINK_DEBUG=1 for details)");
                if (Environment.GetEnvironmentVariable("INTERLINK_DEBUG") == "1")
                    console.WriteLine(exception.ToString());
                return ExitCodes.InternalError;
        }
    }
}

/// <summary>Bad usage found by a command itself (a bad option value, a file that would be overwritten).</summary>
/// <param name="message">One line: what is wrong and what to do.</param>
internal sealed class UsageException(string message) : Exception(message);
