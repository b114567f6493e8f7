using System.ComponentModel;
using Interlink.Cli.Rendering;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink validate</c>.</summary>
public sealed class ValidateSettings : CommandSettings
{
    /// <summary>Config files to check.</summary>
    [CommandArgument(0, "[FILES]")]
    [Description("Config files to check (default: ./interlink.yaml).")]
    public string[] Files { get; init; } = [];

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("Output format: text or json.")]
    [DefaultValue("text")]
    public OutputFormat Format { get; init; } = OutputFormat.Text;
}

/// <summary><c>interlink validate</c>: load, run every rule, print findings; exit 2 when any file is invalid.</summary>
public sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var files = settings.Files.Length == 0 ? [DefaultFile.Name] : settings.Files;
        var results = files.Select(DesignPipeline.Validate).ToList();
        if (settings.Format == OutputFormat.Json)
            JsonReport.Write(console, new { valid = results.All(r => r.IsValid), files = results.Select(DiagnosticJson.From) });
        else
            results.ForEach(r => DiagnosticText.Write(console, r));
        return results.All(r => r.IsValid) ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
