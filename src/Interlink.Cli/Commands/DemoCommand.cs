using System.ComponentModel;
using Interlink.Cli.Rendering;
using Interlink.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink demo</c>.</summary>
public sealed class DemoSettings : CdkOutSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: the bundled example, the corrected article topology of examples/seed.yaml).")]
    public string? File { get; init; }
}

/// <summary>
/// <c>interlink demo</c>: plan the design, then run it in the lab — up, probe from every consumer, down — and
/// say whether the packets agreed with the proof. Without root (or iproute2/nftables) it plans only, and says so.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var file = settings.File ?? WriteBundledExample(console);
        var (plan, report) = PlanCommand.Run(console, new PlanSettings { File = file, Output = settings.Output });
        if (plan == ExitCodes.InvalidInput)
            return plan;
        if (Lab.LabRuntime.Unavailable() is { } reason)
        {
            console.MarkupLineInterpolated($"[yellow]lab skipped[/]: {reason}. The plan above is the offline proof; run as root with iproute2 and nftables to see the same path carry real packets.");
            WriteNextSteps(console, file, settings.Output);
            return plan;
        }

        console.MarkupLine("\n[bold]lab[/]: the same assembly, with real packets");
        var result = await RunLab(report, plan, settings, cancellationToken);
        WriteNextSteps(console, file, settings.Output);
        return result;
    }

    /// <summary>
    /// What the demo left on disk and what to run next: the last lines of a long output are the ones a newcomer
    /// reads, so they name the assembly directory and the commands for the diagram and the deploy.
    /// </summary>
    internal static void WriteNextSteps(IAnsiConsole console, string file, string cdkOut)
    {
        var assembly = Path.GetFullPath(cdkOut);
        var stacks = Directory.Exists(assembly) ? Directory.GetFiles(assembly, "*.template.json").Length : 0;
        var config = Quote(file);
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]wrote[/] {assembly}{Path.DirectorySeparatorChar} (the cloud assembly: {stacks} CloudFormation templates and interlink.wiring.json) from {file}");
        console.MarkupLine("[bold]next[/]:");
        console.MarkupLineInterpolated($"  interlink plan {config} --assembly {Quote(cdkOut)} --format markdown -o plan.md   the report with its diagram (Mermaid; plan.md.svg too when Graphviz is installed)");
        console.MarkupLineInterpolated($"  interlink deploy {config}   deploy it to AWS: needs credentials and CDK-bootstrapped accounts, see README \"Deploying for real\"");
    }

    // Paths with spaces (a temp directory, a home folder) must paste back into a shell as one argument.
    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;

    private async Task<int> RunLab(Analysis.Plan.PlanReport? report, int plan, DemoSettings settings, CancellationToken cancellationToken)
    {
        return await LabCli.Guard(async () =>
        {
            try
            {
                LabCli.WriteUp(console, await BusyIndicator.RunAsync(console, "starting the lab", () => Lab.LabRuntime.UpAsync(settings.Output, ct: cancellationToken)));
                var passed = LabCli.WriteProbes(console, await Lab.LabRuntime.TestAsync(new LabTestOptions(200, 8), ct: cancellationToken));
                // The lab sends packets: it can only agree or disagree with the reachability proof, not with IAM or cost.
                var reachable = report?.Reachability.AllReachable ?? plan == ExitCodes.Ok;
                console.MarkupLine(passed == reachable
                    ? "[green]the lab agrees with the plan[/]"
                    : "[red]the lab and the plan disagree[/] (a bug: please report it with the assembly)");
                return passed && plan == ExitCodes.Ok ? ExitCodes.Ok : ExitCodes.FindingsBlock;
            }
            finally
            {
                var down = await Lab.LabRuntime.DownAsync();
                console.MarkupLineInterpolated($"lab down in {down.Elapsed.TotalSeconds:0.0} s{(down.Leftovers.Count == 0 ? ", nothing left behind" : $"; LEFT OVER: {string.Join(", ", down.Leftovers)}")}");
            }
        });
    }

    /// <summary>
    /// The installed tool runs from any directory, where examples/seed.yaml does not exist: the seed is embedded in
    /// the tool and written to a fresh temporary directory, named so the user can read and edit it.
    /// </summary>
    internal static string WriteBundledExample(IAnsiConsole console)
    {
        var directory = Directory.CreateTempSubdirectory("interlink-demo-").FullName;
        var path = Path.Combine(directory, "seed.yaml");
        File.WriteAllText(path, Resources.Seed);
        console.MarkupLineInterpolated($"no FILE given: planning the bundled example, written to [bold]{path}[/]");
        return path;
    }
}
