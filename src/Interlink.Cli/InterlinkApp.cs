using Interlink.Cli.Commands;
using Interlink.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli;

/// <summary>The <c>interlink</c> command line: commands, help and exit codes.</summary>
public static partial class InterlinkApp
{
    /// <summary>Runs the command line on the real console.</summary>
    public static int Run(string[] args)
    {
        if (!Console.IsOutputRedirected)
            return Run(args, AnsiConsole.Console);

        // Redirected output goes to tools and logs: plain text (even where CI variables make Spectre assume a
        // colour terminal), one finding per line, never wrapped at 80 columns.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = UnwrappedWidth;
        return Run(args, console);
    }

    /// <summary>Width used when output is redirected, wide enough that no finding is wrapped.</summary>
    public const int UnwrappedWidth = 100_000;

    /// <summary>True when <paramref name="console"/> writes to a pipe or file (the width <see cref="Run(string[])"/> gives it then).</summary>
    public static bool IsRedirected(IAnsiConsole console) => console.Profile.Width >= UnwrappedWidth;

    /// <summary>Runs the command line writing to <paramref name="console"/> (tests pass a recording console).</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        // Config values and assembly contents are echoed in findings and tables: never as terminal controls.
        TerminalText.Guard(console);
        // Bare 'interlink' is bad usage, as bare 'git' and 'dotnet' are: print the help and fail (exit 2), so a
        // script that lost its arguments does not pass. 'interlink help [COMMAND…]' is '--help', exit 0.
        if (args.Length == 0)
        {
            Help(["--help"], console);
            return ExitCodes.InvalidInput;
        }

        if (args[0] == "help")
            return Help([.. args[1..], "--help"], console);
        if (args.Any(a => a is "-h" or "--help" or "-?"))
            return Help(args, console);
        return Execute(args, console);
    }

    /// <summary>
    /// Help rendered through a capturing console, then printed without the blanks Spectre pads every line with to
    /// the console width (a 150-column terminal got 150-column lines; logs and diffs got trailing spaces).
    /// </summary>
    private static int Help(string[] args, IAnsiConsole console)
    {
        // The same console (colours, width) with its output swapped for a buffer, so the help looks as it would.
        var captured = new StringWriter();
        var output = console.Profile.Out;
        var width = console.Profile.Width;
        int exitCode;
        try
        {
            console.Profile.Out = new AnsiConsoleOutput(captured);
            console.Profile.Width = width;
            exitCode = Execute(args, console);
        }
        finally
        {
            console.Profile.Out = output;
            console.Profile.Width = width;
        }

        var lines = captured.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(TrimLineEnd);
        console.Profile.Out.Writer.Write(string.Join(Environment.NewLine, lines));
        return exitCode;
    }

    /// <summary>A line without trailing blanks, keeping any colour reset codes that follow them.</summary>
    private static string TrimLineEnd(string line) => TrailingBlanks().Replace(line, "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"[ \t]+((?:\x1b\[[0-9;]*m)*)$")]
    private static partial System.Text.RegularExpressions.Regex TrailingBlanks();

    private static int Execute(string[] args, IAnsiConsole console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("interlink");
            config.UseAssemblyInformationalVersion();
            config.ConfigureConsole(console);
            config.UseStrictParsing();
            config.SetHelpProvider(new SummaryHelpProvider(config.Settings));
            config.SetExceptionHandler((exception, _) => ErrorReporter.Report(console, exception, args));

            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check interlink.yaml files: every problem with its file, line, YAML path and fix.")
                .WithExample("validate")
                .WithExample("validate", "examples/seed.yaml", "--format", "json");
            config.AddCommand<SynthCommand>("synth")
                .WithDescription("Validate, then write the CloudFormation cloud assembly (no AWS account needed).")
                .WithExample("synth", "examples/seed.yaml", "-o", "cdk.out");
            config.AddCommand<CdkAppCommand>("cdk-app")
                .WithDescription("The app the AWS CDK CLI runs (cdk.json): npx cdk synth -c interlink:config=FILE.")
                .IsHidden();
            config.AddCommand<PlanCommand>("plan")
                .WithDescription("Prove offline that every consumer reaches every target (or say what blocks it), check security rules, estimate cost, draw it.")
                .WithExample("plan", "examples/seed.yaml")
                .WithExample("plan", "--assembly", "cdk.out", "--format", "markdown", "-o", "plan.md");
            config.AddCommand<DiffCommand>("diff")
                .WithDescription("What deploying the config would change in what is deployed: stacks and resources added, modified and replaced, and what that means for traffic.")
                .WithExample("diff", "examples/seed.yaml", "--against", "old.out")
                .WithExample("diff", "--assembly", "new.out", "--against", "old.out", "--format", "markdown");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("The same config as relay and as native side by side: resources, cost and break-even, hops, phases, needs, limits, and a recommendation.")
                .WithExample("compare", "examples/fan-out.yaml", "--traffic", "5000");
            config.AddCommand<DeployCommand>("deploy")
                .WithDescription("Validate, synthesize and deploy phase by phase across accounts and Regions (resumable).")
                .WithExample("deploy", "examples/seed.yaml", "--dry-run", "--input", "ServiceBundleBucket=my-bucket", "--input", "ServiceBundleKey=service.tar.gz", "--input", "ServiceBundleSha256=SHA256_OF_THE_TARBALL");
            config.AddCommand<DestroyCommand>("destroy")
                .WithDescription("Delete every stack deploy made for this design, last phase first. That is the stacks the config synthesizes now, plus the stacks the deployed record (.interlink/NAME.deployed, beside the config) still holds that the config no longer has, such as a consumer or relay taken out; consumers and provider routes go first, then relays, then the provider. Before a stack with an endpoint service goes, its remaining endpoint connections are rejected. Resumable: stacks already destroyed are skipped.")
                .WithExample("destroy", "examples/seed.yaml", "--dry-run");
            config.AddCommand<ProbeCommand>("probe")
                .WithDescription("Run the probe on each consumer client host through Systems Manager and print its figures.")
                .WithExample("probe", "examples/seed.yaml", "--requests", "500");
            config.AddCommand<StatusCommand>("status")
                .WithDescription("Each stack as the last deploy left it, and each consumer endpoint's ID and DNS names.")
                .WithExample("status", "examples/seed.yaml", "--live");
            config.AddBranch("lab", lab =>
            {
                lab.SetDescription("Run the synthesized topology on this machine with real packets (network namespaces; needs root).");
                lab.AddCommand<LabUpCommand>("up").WithDescription("Build the assembly's network out of namespaces, links, routes and nftables, and start the service, NLB and endpoint.")
                    .WithExample("lab", "up", "examples/seed.yaml");
                lab.AddCommand<LabTestCommand>("test").WithDescription("Run the probe from each consumer client through the lab.");
                lab.AddCommand<LabStatusCommand>("status").WithDescription("What the lab runs: targets and their health, peerings, endpoints, faults.");
                lab.AddBranch("fault", fault =>
                {
                    fault.SetDescription("Inject a fault.");
                    fault.AddCommand<KillTargetCommand>("kill-target").WithDescription("Stop the service on target N.");
                    fault.AddCommand<CutPeeringCommand>("cut-peering").WithDescription("Withdraw the peering routes (all, or one peering).");
                    fault.AddCommand<RestoreCommand>("restore").WithDescription("Undo every fault.");
                });
                lab.AddCommand<LabDownCommand>("down").WithDescription("Remove every namespace, link, nftables table and process the lab made, and nothing else.");
            });
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("plan, then (as root) lab up, test and down, in one go; plan alone with a notice when the lab cannot run.")
                .WithExample("demo", "examples/seed.yaml");
            config.AddCommand<InitCommand>("init")
                .WithDescription("Write a commented starter interlink.yaml that validates.")
                .WithExample("init", "--mode", "native", "ledger.yaml");
            config.AddCommand<SchemaCommand>("schema")
                .WithDescription("Print the JSON Schema of interlink.yaml (for editor completion).")
                .WithExample("schema", "-o", "interlink.schema.json");
            config.AddCommand<RulesCommand>("rules")
                .WithDescription("List every code Interlink reports: validation rules, security rules (with rationale and fix), reachability explanations.");
            config.AddCommand<RegionsCommand>("regions")
                .WithDescription("List the AWS Regions and AZ IDs Interlink knows offline.");
        });
        return app.Run(args);
    }
}
