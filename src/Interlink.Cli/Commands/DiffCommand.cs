using System.ComponentModel;
using Interlink.Analysis.Diff;
using Interlink.Cli.Rendering;
using Interlink.Core.Normalization;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink diff</c>.</summary>
public sealed class DiffSettings : CommandSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml). Not needed with --assembly and --against.")]
    public string? File { get; init; }

    /// <summary>The assembly to compare against.</summary>
    [CommandOption("--against <DIR>")]
    [Description("Compare with this cloud assembly (e.g. one synthesized from the previous commit). Default: what the last deploy recorded, .interlink/NAME.deployed beside the config.")]
    public string? Against { get; init; }

    /// <summary>An existing new assembly instead of synthesizing.</summary>
    [CommandOption("-a|--assembly <DIR>")]
    [Description("Use this cloud assembly as the new design instead of synthesizing the config.")]
    public string? Assembly { get; init; }

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("text, json or markdown.")]
    [DefaultValue("text")]
    public ReportFormat Format { get; init; } = ReportFormat.Text;

    /// <summary>Assembly directory written when synthesizing.</summary>
    [CommandOption("--cdk-out <DIR>")]
    [Description(OutputOptions.CdkOutDescription)]
    [DefaultValue(OutputOptions.DefaultCdkOut)]
    public string Output { get; init; } = OutputOptions.DefaultCdkOut;

    /// <summary>Where to write the report.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description(OutputOptions.ReportDescription)]
    public string? Report { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() => OutputOptions.CheckReportPath(Report);
}

/// <summary>
/// <c>interlink diff</c>: what deploying the config would change in what is deployed — stacks and resources added,
/// removed, modified and replaced (CloudFormation's update behaviour per property), and what that means for
/// traffic. Exit 0 no changes, 5 changes, 6 changes that fail, interrupt traffic or leave stacks behind, 2 bad input.
/// </summary>
public sealed class DiffCommand(IAnsiConsole console) : Command<DiffSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DiffSettings settings, CancellationToken cancellationToken)
    {
        string? configFile = settings.File ?? (settings.Assembly is null || System.IO.File.Exists(DefaultFile.Name) ? DefaultFile.Name : null);
        Topology? topology = null;
        if (settings.Assembly is null || settings.Against is null)
        {
            if (configFile is null)
                throw new UsageException("give the config file, or both --assembly and --against");
            var report = DesignPipeline.Validate(configFile);
            if (!report.IsValid)
            {
                DiagnosticText.Write(console, report);
                return ExitCodes.InvalidInput;
            }

            topology = DesignPipeline.Topology(report);
        }

        var newDirectory = settings.Assembly is not null
            ? DesignPipeline.AssemblyDirectory(topology, settings.Assembly, settings.Output)
            : BusyIndicator.Run(console, "synthesizing the cloud assembly", () => DesignPipeline.AssemblyDirectory(topology, null, settings.Output),
                documentOnStdout: settings.Format != ReportFormat.Text && settings.Report is null);
        var against = settings.Against ?? DesignPipeline.DeployedAssemblyDirectory(configFile!, topology!.Name);
        if (settings.Against is null && !Directory.Exists(against))
            throw new UsageException($"nothing deployed is recorded for '{topology!.Name}' ({against} does not exist); deploy first, or compare with an assembly: --against DIR");

        var diff = DesignPipeline.Diff(DesignPipeline.ReadAssembly(against), DesignPipeline.ReadAssembly(newDirectory));
        var rendered = settings.Format switch
        {
            ReportFormat.Json => System.Text.Json.JsonSerializer.Serialize(new { against, summary = DiffRendering.Summary(diff), exitCode = ExitCode(diff), diff }, JsonReport.Options) + Environment.NewLine,
            ReportFormat.Markdown => DiffRendering.Markdown(diff, against),
            _ => DiffRendering.Text(diff, against),
        };
        OutputOptions.WriteReport(console, settings.Report, TerminalText.Escape(rendered), "diff");
        return ExitCode(diff);
    }

    /// <summary>0 nothing changes; 5 changes that are safe; 6 changes that fail, interrupt traffic or orphan stacks.</summary>
    public static int ExitCode(AssemblyDiff diff) =>
        !diff.HasChanges ? ExitCodes.Ok : diff.FailsOrDisrupts ? ExitCodes.ChangesDisrupt : ExitCodes.Changes;
}
