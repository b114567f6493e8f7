using Spectre.Console;

namespace Interlink.Cli.Commands;

/// <summary>
/// The one meaning of the output options in every command (README, "Options"):
/// <c>-o|--output FILE</c> is where a command writes what it would otherwise print — validate, plan, diff, compare and schema
/// reports; for <c>synth</c>, whose result is the cloud assembly, that directory. <c>--cdk-out DIR</c> is where a
/// command that synthesizes first writes the cloud assembly (default cdk.out, the AWS CDK CLI's own directory).
/// </summary>
internal static class OutputOptions
{
    /// <summary>The assembly directory when none is given.</summary>
    public const string DefaultCdkOut = "cdk.out";

    /// <summary>Help text of <c>--cdk-out</c>.</summary>
    public const string CdkOutDescription = "Where synthesis writes the cloud assembly.";

    /// <summary>Help text of <c>-o|--output</c> on the commands that report.</summary>
    public const string ReportDescription = "Write the report to FILE instead of standard output.";

    /// <summary>Says on standard error (never in a report piped to a tool) that an old spelling still works but is going away.</summary>
    public static void Deprecated(string old, string now) =>
        Console.Error.WriteLine($"note: {old} is deprecated; use {now}");

    /// <summary>
    /// Refuses a report path that is a directory: before this convention <c>plan -o DIR</c> named the assembly
    /// directory, and writing the report over it would fail late, after synthesis.
    /// </summary>
    public static ValidationResult CheckReportPath(string? path) =>
        path is not null && Directory.Exists(path)
            ? ValidationResult.Error($"-o '{path}' is a directory; -o is the report FILE (the assembly directory is --cdk-out DIR)")
            : ValidationResult.Success();

    /// <summary>
    /// Writes <paramref name="rendered"/> to <paramref name="path"/> (saying so, with the <paramref name="outcome"/> when
    /// given), or prints it when there is no path.
    /// </summary>
    public static void WriteReport(IAnsiConsole console, string? path, string rendered, string what, string? outcome = null)
    {
        if (path is null)
        {
            console.Profile.Out.Writer.Write(rendered);
            return;
        }

        AtomicFile.Write(path, rendered);
        console.MarkupLineInterpolated($"wrote the {what} to [green]{path}[/]{(outcome is null ? "" : $": {outcome}")}");
    }
}
