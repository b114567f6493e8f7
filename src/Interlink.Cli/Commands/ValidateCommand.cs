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
    [Description("text or json.")]
    [DefaultValue("text")]
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>Where to write the report.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description(OutputOptions.ReportDescription)]
    public string? Report { get; init; }
}

/// <summary><c>interlink validate</c>: load, run every rule, print findings; exit 2 when any file is invalid.</summary>
public sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        OutputOptions.CheckReportPath(settings.Report);
        var files = settings.Files.Length == 0 ? [DefaultFile.Name] : settings.Files;
        var results = files.Select(DesignPipeline.Validate).ToList();
        var valid = results.All(r => r.IsValid);
        var json = settings.Format == OutputFormat.Json ? new { valid, files = results.Select(DiagnosticJson.From) } : null;
        if (settings.Report is not null)
        {
            var rendered = json is not null ? JsonReport.Render(json) : string.Concat(results.Select(DiagnosticText.Plain));
            OutputOptions.WriteReport(console, settings.Report, rendered, "validation report", valid ? "valid" : "invalid");
        }
        else if (json is not null)
            JsonReport.Write(console, json);
        else
            results.ForEach(r => DiagnosticText.Write(console, r));
        return valid ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
