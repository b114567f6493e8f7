using System.ComponentModel;
using System.Globalization;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Diagram;
using Interlink.Analysis.Plan;
using Interlink.Cli.Rendering;
using Interlink.Core.Pricing;
using Interlink.Core.Validation;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink plan</c>.</summary>
public sealed class PlanSettings : CommandSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml). With --assembly it is optional and only supplies suppressions and the cost comparison.")]
    public string? File { get; init; }

    /// <summary>An existing assembly to plan instead of synthesizing.</summary>
    [CommandOption("-a|--assembly <DIR>")]
    [Description("Plan this cloud assembly (e.g. one you edited by hand) instead of synthesizing the config.")]
    public string? Assembly { get; init; }

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("text, json, markdown or sarif (SARIF 2.1.0, for code scanning).")]
    [DefaultValue("text")]
    public PlanFormat Format { get; init; } = PlanFormat.Text;

    /// <summary>Where to write the report.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report to FILE (and the diagram to FILE.svg when Graphviz 'dot' is installed).")]
    public string? Out { get; init; }

    /// <summary>The old spelling of <c>-o</c> (before options meant the same in every command).</summary>
    [CommandOption("--out <FILE>", IsHidden = true)]
    public string? DeprecatedOut
    {
        get => null;
        init
        {
            OutputOptions.Deprecated("--out", "-o|--output FILE");
            Out = value;
        }
    }

    /// <summary>Traffic for the cost estimate.</summary>
    [CommandOption("-t|--traffic <GB>")]
    [Description("Expected service traffic in GB per month, for the cost estimate.")]
    [DefaultValue(100.0)]
    public double Traffic { get; init; } = (double)CostEstimator.DefaultTrafficGbPerMonth;

    /// <summary>Assembly directory written when synthesizing.</summary>
    [CommandOption("--cdk-out <DIR>")]
    [Description(OutputOptions.CdkOutDescription)]
    [DefaultValue(OutputOptions.DefaultCdkOut)]
    public string Output { get; init; } = OutputOptions.DefaultCdkOut;

    /// <summary>Every path hop by hop in the text report.</summary>
    [CommandOption("--verbose")]
    [Description("Text report: list every consumer-target path hop by hop (by default only blocked paths show their hops).")]
    public bool Verbose { get; init; }

    /// <summary>An assembly to show the changes against.</summary>
    [CommandOption("--against <DIR>")]
    [Description("Also show what deploying this design changes compared with that cloud assembly (as 'interlink diff --against' does), so one report holds the proof and the change.")]
    public string? Against { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Traffic is < 0 or > 1e9 || double.IsNaN(Traffic)
            ? ValidationResult.Error($"--traffic {Traffic.ToString(CultureInfo.InvariantCulture)} is not a monthly volume; give GB per month, e.g. --traffic 500")
            : OutputOptions.CheckReportPath(Out);
}

/// <summary>Formats of <c>plan</c>.</summary>
public enum PlanFormat
{
    /// <summary>For people.</summary>
    Text,

    /// <summary>For tools.</summary>
    Json,

    /// <summary>For reviews: tables and a Mermaid diagram.</summary>
    Markdown,

    /// <summary>For code scanning: the findings as a SARIF 2.1.0 log.</summary>
    Sarif,
}

/// <summary>
/// <c>interlink plan</c>: validate → synthesize (unless given an assembly) → reachability → security → cost →
/// deployability → diagram. Exit 0 when every consumer reaches every target, no security error remains and every
/// deploy-time handshake is allowed, 3 otherwise, 2 for
/// invalid input.
/// </summary>
public sealed class PlanCommand(IAnsiConsole console) : Command<PlanSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PlanSettings settings, CancellationToken cancellationToken) =>
        Run(console, settings).ExitCode;

    /// <summary>Plans and renders; the report too, for <c>demo</c> (which compares the lab's packets with its reachability).</summary>
    internal static (int ExitCode, PlanReport? Report) Run(IAnsiConsole console, PlanSettings settings)
    {
        var configFile = settings.File ?? (settings.Assembly is null || System.IO.File.Exists(DefaultFile.Name) ? DefaultFile.Name : null);
        ValidationReport? report = null;
        if (configFile is not null)
        {
            report = DesignPipeline.Validate(configFile);
            // Findings head a text report; JSON and markdown stay one document unless the input is invalid.
            if (!report.IsValid || settings.Format == PlanFormat.Text)
                DiagnosticText.Write(console, report);
            if (!report.IsValid)
                return (ExitCodes.InvalidInput, null);
        }

        var topology = report is null ? null : DesignPipeline.Topology(report);
        var (assembly, plan) = BusyIndicator.Run(console, settings.Assembly is null ? "synthesizing and analysing the design" : "analysing the assembly",
            () => DesignPipeline.Plan(topology, report?.Config?.Suppressions ?? [], settings.Assembly, settings.Output, (decimal)settings.Traffic),
            documentOnStdout: settings.Format != PlanFormat.Text && settings.Out is null);
        var svgPath = WriteSvg(assembly, settings.Out);
        var rendered = TerminalText.Escape(settings.Format switch
        {
            PlanFormat.Json => PlanRendering.Json(plan),
            PlanFormat.Markdown => PlanRendering.Markdown(plan, svgPath),
            // A SARIF log is one JSON document of findings; a change list appended to it would break it.
            PlanFormat.Sarif when settings.Against is not null => throw new UsageException("--against does not combine with --format sarif; use --format json or markdown for the proof and the change in one report"),
            PlanFormat.Sarif => SarifRendering.Log(plan, assembly, configFile),
            _ => PlanRendering.Text(plan, svgPath, settings.Verbose),
        });
        if (settings.Against is { } against)
            rendered = TerminalText.Escape(WithDiff(rendered, settings.Format, against, assembly));
        if (settings.Out is null)
            console.Profile.Out.Writer.Write(rendered);
        else
        {
            AtomicFile.Write(settings.Out, rendered);
            console.MarkupLineInterpolated($"wrote the plan to [green]{settings.Out}[/]{(svgPath is null ? "" : $" and the diagram to {svgPath}")}: {(plan.Passed ? "passed" : "FAILED")}");
        }

        return (plan.Passed ? ExitCodes.Ok : ExitCodes.FindingsBlock, plan);
    }

    /// <summary>The plan followed by what deploying it changes compared with <paramref name="against"/>.</summary>
    private static string WithDiff(string rendered, PlanFormat format, string against, CloudAssembly assembly)
    {
        var diff = DesignPipeline.Diff(DesignPipeline.ReadAssembly(against, "--against"), assembly);
        if (format != PlanFormat.Json)
            return rendered + Environment.NewLine + (format == PlanFormat.Markdown ? DiffRendering.Markdown(diff, against) : DiffRendering.Text(diff, against));
        var json = System.Text.Json.Nodes.JsonNode.Parse(rendered)!.AsObject();
        json["changes"] = System.Text.Json.JsonSerializer.SerializeToNode(new { against, summary = DiffRendering.Summary(diff), exitCode = DiffCommand.ExitCode(diff), diff }, JsonReport.Options);
        return json.ToJsonString(JsonReport.Options) + Environment.NewLine;
    }

    private static string? WriteSvg(CloudAssembly assembly, string? reportPath)
    {
        // Only beside a real file: next to /dev/null it would be a new file in /dev.
        if (reportPath is null || !AtomicFile.IsReplaceable(reportPath) || !GraphvizDiagram.TryRenderSvg(assembly, out var svg, out _) || svg is null)
            return null;
        var path = reportPath + ".svg";
        AtomicFile.Write(path, svg);
        return path;
    }
}
