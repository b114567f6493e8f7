using System.ComponentModel;
using Interlink.Cli.Compare;
using Interlink.Cli.Rendering;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink compare</c>.</summary>
public sealed class CompareSettings : CommandSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml), in either mode.")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("text, json or markdown.")]
    [DefaultValue("text")]
    public ReportFormat Format { get; init; } = ReportFormat.Text;

    /// <summary>Where to write the report.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description(OutputOptions.ReportDescription)]
    public string? Report { get; init; }

    /// <summary>Traffic the recommendation weighs.</summary>
    [CommandOption("-t|--traffic <GB>")]
    [Description("Expected service traffic in GB per month.")]
    [DefaultValue(100.0)]
    public double Traffic { get; init; } = 100;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Traffic is < 0 or > 1e9 || double.IsNaN(Traffic)
            ? ValidationResult.Error("--traffic is GB per month, e.g. --traffic 500")
            : OutputOptions.CheckReportPath(Report);
}

/// <summary>
/// <c>interlink compare</c>: the same config as relay and as native, side by side — resources per account and
/// Region, cost at several traffic levels with the break-even, hops and Region crossings, deploy phases and the
/// critical path, what each needs, limits — and a recommendation with its reasons.
/// </summary>
public sealed class CompareCommand(IAnsiConsole console) : Command<CompareSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var report = DesignPipeline.Validate(settings.File);
        if (!report.IsValid)
        {
            DiagnosticText.Write(console, report);
            return ExitCodes.InvalidInput;
        }

        var comparison = BusyIndicator.Run(console, "synthesizing the design as relay and as native", () => DesignPipeline.Compare(report.Config!, settings.File, (decimal)settings.Traffic),
            documentOnStdout: settings.Format != ReportFormat.Text && settings.Report is null);
        var rendered = settings.Format switch
        {
            ReportFormat.Json => ComparisonRendering.Json(comparison),
            ReportFormat.Markdown => ComparisonRendering.Markdown(comparison),
            _ => ComparisonRendering.Text(comparison),
        };
        OutputOptions.WriteReport(console, settings.Report, TerminalText.Escape(rendered), "comparison");
        return ExitCodes.Ok;
    }
}
