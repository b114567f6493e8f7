using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli;

/// <summary>Turns exceptions that escape a command into one line and an exit code; never a stack trace.</summary>
internal static partial class ErrorReporter
{
    public static int Report(IAnsiConsole console, Exception exception, IReadOnlyList<string>? args = null)
    {
        switch (exception)
        {
            case CommandParseException or CommandRuntimeException or CommandConfigurationException:
                var message = ConversionMessage(exception.Message, args ?? []) ?? exception.Message.TrimEnd('.');
                console.MarkupLineInterpolated($"[red]error:[/] {Rendering.TerminalText.EscapeLine(message)}; run 'interlink --help' or 'interlink <command> --help'");
                return ExitCodes.InvalidInput;
            case UsageException or Interlink.Templates.Writing.AssemblyOutputException or Pipeline.DesignInputException:
                console.MarkupLineInterpolated($"[red]error:[/] {Rendering.TerminalText.EscapeLine(exception.Message)}");
                return ExitCodes.InvalidInput;
            case Deploy.DeployException deploy:
                console.MarkupLineInterpolated($"[red]error:[/] {deploy.Message}");
                return ExitCodes.InvalidInput;
            case Deploy.Aws.DeployStepException step:
                // An AWS error or a wrong identity while acting in an account (status --live, probe): AWS said no, not a bug.
                console.MarkupLineInterpolated($"[red]error:[/] {step.Message}");
                return ExitCodes.DeployFailed;
            default:
                console.MarkupLineInterpolated($"[red]internal error:[/] {exception.GetType().Name}: {Rendering.TerminalText.EscapeLine(exception.Message)} (a bug in interlink; set INTERLINK_DEBUG=1 for details)");
                if (Environment.GetEnvironmentVariable("INTERLINK_DEBUG") == "1")
                    console.WriteLine(exception.ToString());
                return ExitCodes.InternalError;
        }
    }
}

internal static partial class ErrorReporter
{
    /// <summary>
    /// Spectre's "Failed to convert 'yaml' to OutputFormat. Valid values are 'Text', 'Json'" names our internal
    /// types; say instead which option got what and list the values as they are typed (lower case).
    /// </summary>
    internal static string? ConversionMessage(string message, IReadOnlyList<string> args)
    {
        var match = ConversionFailure().Match(message);
        if (!match.Success)
            return null;
        var value = match.Groups["value"].Value;
        var at = args.ToList().IndexOf(value);
        var option = at > 0 && args[at - 1].StartsWith('-') ? args[at - 1] + " " : "";
        if (match.Groups["values"].Success)
        {
            var valid = ValidValue().Matches(match.Groups["values"].Value).Select(m => m.Groups[1].Value.ToLowerInvariant());
            return $"{option}'{value}' is not one of: {string.Join(", ", valid)}";
        }

        return match.Groups["type"].Value is "Double" or "Single" or "Decimal" or "Int32" or "Int64" or "UInt16"
            ? $"{option}'{value}' is not a number"
            : $"{option}'{value}' is not a valid value";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>\w+)(\. Valid values are (?<values>.*))?\.?$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex ConversionFailure();

    [System.Text.RegularExpressions.GeneratedRegex("'([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex ValidValue();
}

/// <summary>Bad usage found by a command itself (a bad option value, a file that would be overwritten).</summary>
/// <param name="message">One line: what is wrong and what to do.</param>
internal sealed class UsageException(string message) : Exception(message);
