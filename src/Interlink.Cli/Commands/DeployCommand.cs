using System.ComponentModel;
using Interlink.Cli.Rendering;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Deploy;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options shared by <c>deploy</c> and <c>destroy</c>.</summary>
public class DeploySettings : CdkOutSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml).")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>Profiles per stack, account or role.</summary>
    [CommandOption("-p|--profile <KEY=NAME>")]
    [Description("AWS profile for a role (provider, relay, provider-routes, consumer), an account ID, a stack name or *; repeatable. Without one, the ambient credentials: the CDK CLI assumes each account's bootstrap deploy role, and deploy assumes a stack's operator role (OperatorRoleArn output) to accept endpoint connections and set peering DNS options in that stack's account.")]
    public string[] Profiles { get; init; } = [];

    /// <summary>Values of parameters no stack output feeds.</summary>
    [CommandOption("-i|--input <NAME=VALUE>")]
    [Description("Value of a template parameter no stack feeds, e.g. ServiceBundleBucket=my-bucket; repeatable.")]
    public string[] Inputs { get; init; } = [];

    /// <summary>Print, don't run.</summary>
    [CommandOption("--dry-run")]
    [Description("Print every command and parameter of every phase; run nothing.")]
    public bool DryRun { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Inputs.FirstOrDefault(i => i.IndexOf('=') <= 0) is { } bad
            ? ValidationResult.Error($"--input '{bad}' is not NAME=VALUE; use e.g. --input ServiceBundleBucket=my-bucket")
            : ValidationResult.Success();
}

/// <summary>Options of <c>deploy</c> only.</summary>
public sealed class DeployCommandSettings : DeploySettings
{
    /// <summary>Blocking findings to deploy despite, by code.</summary>
    [CommandOption("--allow-finding <CODE>")]
    [Description("Deploy despite this blocking finding (a security error such as ILS002, as 'plan' reports it); repeatable. Naming a code that did not fire is an error. To accept a finding for good, suppress it with a reason in the config.")]
    public string[] AllowFindings { get; init; } = [];

    /// <summary>Update consequences to accept, by code.</summary>
    [CommandOption("--allow-disruption <CODE>")]
    [Description("Deploy although the update, compared with what is deployed, fails or interrupts traffic with this consequence (ILU001…ILU015, as 'diff' reports it); repeatable. Naming a code that does not occur is an error.")]
    public string[] AllowDisruptions { get; init; } = [];

    /// <summary>Remove deployed stacks the design no longer has.</summary>
    [CommandOption("--remove-orphans")]
    [Description("After deploying, destroy the deployed stacks that are no longer in the design (a consumer or relay taken out of the config).")]
    public bool RemoveOrphans { get; init; }
}

/// <summary>
/// <c>interlink deploy</c>: validate, synthesize, refuse blocking findings (the security rules <c>plan</c> runs),
/// then deploy phase by phase; resumable.
/// </summary>
public sealed class DeployCommand(IAnsiConsole console) : AsyncCommand<DeployCommandSettings>
{
    /// <inheritdoc />
    public override Task<int> ExecuteAsync(CommandContext context, DeployCommandSettings settings, CancellationToken cancellationToken) =>
        DeployRun.ExecuteAsync(console, settings, destroy: false, cancellationToken);
}

/// <summary>
/// <c>interlink destroy</c>: delete every stack of the design and every stack the deployed record holds that the
/// design no longer has, in reverse phase order; resumable.
/// </summary>
public sealed class DestroyCommand(IAnsiConsole console) : AsyncCommand<DeploySettings>
{
    /// <inheritdoc />
    public override Task<int> ExecuteAsync(CommandContext context, DeploySettings settings, CancellationToken cancellationToken) =>
        DeployRun.ExecuteAsync(console, settings, destroy: true, cancellationToken);
}

/// <summary>What deploy and destroy share: validate, synthesize, build the request, run, report.</summary>
internal static class DeployRun
{
    public static async Task<int> ExecuteAsync(IAnsiConsole console, DeploySettings settings, bool destroy, CancellationToken cancellationToken)
    {
        var report = DesignPipeline.Validate(settings.File);
        DiagnosticText.Write(console, report);
        if (!report.IsValid)
            return ExitCodes.InvalidInput;

        var topology = DesignPipeline.Topology(report);
        var inputs = ParseInputs(settings.Inputs);
        var verb = destroy ? "destroy" : "deploy";
        DeployLock? held;
        try
        {
            held = DesignPipeline.LockDeploy(settings.File, topology.Name, verb, settings.DryRun);
        }
        catch (DeployLockedException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.DeployFailed;
        }

        using var _ = held;
        BusyIndicator.Run(console, "synthesizing the cloud assembly", () => DesignPipeline.Synthesize(topology, settings.Output, DesignPipeline.DeployBundles(topology, inputs, optional: settings.DryRun || destroy)));
        var wiring = WiringManifest.FromJson(File.ReadAllText(Path.Combine(settings.Output, WiringManifest.FileName)));
        if (settings is DeployCommandSettings deploy && !Gate(console, settings.Output, topology, report.Config!.Suppressions, deploy.AllowFindings))
            return ExitCodes.FindingsBlock;

        var services = DeployServices.Current;
        var aws = services.Aws();
        using var interruption = settings.DryRun ? null : new DeployInterruption((signal, first) =>
        {
            if (first)
                console.MarkupLineInterpolated($"[yellow]{signal} received[/]: stopping the CDK CLI (it gets up to 60 s); CloudFormation carries on with any stack it is updating");
            else
                console.MarkupLineInterpolated($"[yellow]{signal} received again[/]: still waiting for the CDK CLI to stop (at most 60 s from the first signal)");
        }, cancellationToken);
        cancellationToken = interruption?.Token ?? cancellationToken;
        try
        {
            var statePath = DesignPipeline.StatePath(settings.File, topology.Name);
            var profiles = ProfileMap.Parse(settings.Profiles);
            var pinnedInputs = await DesignPipeline.DeployInputsAsync(settings.Output, wiring, statePath, profiles, inputs, services.ImageSource(), new Interlink.Deploy.Aws.Ec2SubnetZoneSource(aws),
                settings.DryRun, destroy, cancellationToken);
            if (settings is DeployCommandSettings update && !UpdateGate.Allows(console, settings.Output, statePath, wiring, pinnedInputs, update))
                return ExitCodes.ChangesDisrupt;
            var request = DesignPipeline.DeployRequest(topology, settings.Output, wiring, statePath, profiles, pinnedInputs, settings.DryRun, services.AcceptInterval, held is not null);
            var cdk = settings.DryRun ? new DryRunner() : services.Cdk(Path.GetDirectoryName(Path.GetFullPath(settings.File))!);
            if (cdk is ProcessCdkRunner process && interruption is not null)
                process.InterruptSignal = () => interruption.Signal;
            if (!settings.DryRun)
                console.MarkupLineInterpolated($"CDK CLI: {cdk.Executable}{(cdk.Source.Length > 0 ? $" ({cdk.Source})" : "")}");
            var orchestrator = DesignPipeline.Orchestrator(cdk, aws, wiring.Name, services.PollInterval, services.WaitTimeout,
                new ConsoleDeployObserver(console, cdk.Executable, settings.DryRun));
            var outcome = destroy
                ? await orchestrator.DestroyAsync(request, cancellationToken)
                : await orchestrator.DeployAsync(request, cancellationToken);
            if (outcome.Succeeded && settings is DeployCommandSettings { RemoveOrphans: true } && !cancellationToken.IsCancellationRequested)
                outcome = Combine(outcome, await orchestrator.RemoveOrphansAsync(request, cancellationToken));
            if (outcome.Interrupted || interruption?.Interrupted == true)
                return Interrupted(console, verb, settings.File, outcome.Failed);
            if (outcome.Succeeded)
            {
                if (settings.DryRun && destroy && NothingDeployed(statePath, request))
                    console.MarkupLineInterpolated($"[green]destroy dry run complete[/]: nothing is deployed ({statePath} records no stack of {topology.Name} as deployed); the {outcome.Ran.Count} command(s) above would each find no stack to remove; nothing was run");
                else if (settings.DryRun)
                    console.MarkupLineInterpolated($"[green]{verb} dry run complete[/]: {outcome.Ran.Count} stack(s) would run; nothing was run");
                else
                    console.MarkupLineInterpolated($"[green]{verb} complete[/]: {outcome.Ran.Count} ran, {outcome.Skipped.Count} unchanged");
                if (outcome.MissingInputs is { Count: > 0 } missing)
                {
                    console.MarkupLineInterpolated($"[red]error:[/] a real deploy needs {missing.Count} input(s) no stack feeds, shown as <missing: …> above: {string.Join(", ", missing)}; pass each with --input NAME=VALUE (for the service bundle, or run 'scripts/publish.sh service RID' at the repo root so it ships as an asset)");
                    return ExitCodes.InvalidInput;
                }

                return ExitCodes.Ok;
            }

            foreach (var problem in outcome.Problems ?? [])
                console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            console.MarkupLineInterpolated($"[red]{verb} failed[/] at {string.Join(", ", outcome.Failed)}; fix the cause and run 'interlink {verb} {settings.File}' again to resume");
            return ExitCodes.DeployFailed;
        }
        catch (OperationCanceledException) when (interruption?.Interrupted == true)
        {
            // While no CDK CLI ran (the hosts' image being looked up, endpoint connections being accepted): nothing to record.
            return Interrupted(console, verb, settings.File, []);
        }
        catch (DeployException e)
        {
            throw new UsageException(e.Message);
        }
        finally
        {
            (aws as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The deploy gate: the blocking findings <c>plan</c> reports (<see cref="DesignPipeline.GateFindings"/>, with the
    /// config's suppressions) over the assembly about to be deployed; any of them refuses the deploy unless
    /// <c>--allow-finding</c> names its rule.
    /// </summary>
    /// <returns>True when deploy may go ahead.</returns>
    private static bool Gate(IAnsiConsole console, string assemblyDirectory, Topology topology, IReadOnlyList<Suppression> suppressions, IReadOnlyList<string> allowed)
    {
        var assembly = DesignPipeline.ReadAssembly(assemblyDirectory);
        var findings = DesignPipeline.GateFindings(assembly, topology, suppressions, DateOnly.FromDateTime(DateTime.UtcNow));
        var verdict = DeployGate.Check(findings, allowed);
        if (verdict.UnusedOverrides.Count > 0)
        {
            var codes = string.Join(", ", verdict.UnusedOverrides);
            throw new UsageException($"--allow-finding {codes}: no such blocking finding on this design; remove it (an override waits for nothing)");
        }

        foreach (var f in verdict.Overridden)
            console.MarkupLineInterpolated($"[yellow]warning:[/] deploying despite {f.Code} (--allow-finding) in {Where(f)}: {f.Message}");
        if (verdict.Blocking.Count == 0)
            return true;

        foreach (var f in verdict.Blocking)
            console.MarkupLineInterpolated($"[red]error:[/] {f.Code} in {Where(f)}: {f.Message}; fix: {f.Fix}");
        var rules = string.Join(" ", verdict.Blocking.Select(f => f.Code).Distinct().Select(c => $"--allow-finding {c}"));
        console.MarkupLineInterpolated($"[red]deploy refused[/]: {verdict.Blocking.Count} blocking finding(s), nothing was deployed; fix them, suppress each with a reason in the config's 'suppressions', or pass {rules} to deploy anyway");
        return false;
    }

    /// <summary>True when the state records no stack as anything but destroyed, and the record holds no orphan.</summary>
    private static bool NothingDeployed(string statePath, DeployRequest request)
    {
        var state = DeployState.Load(statePath);
        return state.StackNames.All(s => state.Get(s)?.Status == StackStatus.Destroyed)
            && DeployOrchestrator.Orphans(request, new DeployedRecord(statePath)).Count == 0;
    }

    /// <summary>Says what an interruption left behind and how to resume; exit 130.</summary>
    private static int Interrupted(IAnsiConsole console, string verb, string file, IReadOnlyList<string> stopped)
    {
        if (stopped.Count > 0)
            console.MarkupLineInterpolated($"[yellow]{verb} interrupted[/]: the CDK CLI was stopped for {string.Join(", ", stopped)}, recorded as interrupted; CloudFormation may still be updating or rolling back: check the stack in the CloudFormation console (or 'interlink status'), then run 'interlink {verb} {file}' again to resume");
        else
            console.MarkupLineInterpolated($"[yellow]{verb} interrupted[/] while no CDK CLI was running; run 'interlink {verb} {file}' again to resume");
        return ExitCodes.Interrupted;
    }

    private static DeployOutcome Combine(DeployOutcome deployed, DeployOutcome orphans) => new(
        orphans.Succeeded, [.. deployed.Ran, .. orphans.Ran], [.. deployed.Skipped, .. orphans.Skipped], orphans.Failed, orphans.Problems, orphans.Interrupted);

    private static string Where(GateFinding f) => f.Stack.Length == 0 ? "the design" : f.Where.Length == 0 ? f.Stack : $"{f.Stack}/{f.Where}";

    /// <summary>The <c>--input NAME=VALUE</c> values (their form checked by <see cref="DeploySettings.Validate"/>), the last of a name winning.</summary>
    private static Dictionary<string, string> ParseInputs(IEnumerable<string> inputs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var eq = input.IndexOf('=');
            values[input[..eq]] = input[(eq + 1)..];
        }

        return values;
    }

    /// <summary>Stands in for the CLI in dry runs, where nothing runs.</summary>
    private sealed class DryRunner : ICdkRunner
    {
        public string Executable => "node_modules/.bin/cdk";

        public Task<CdkResult> RunAsync(CdkCommand command, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a dry run runs nothing");
    }
}

/// <summary>Prints deploy progress, one line per event.</summary>
internal sealed class ConsoleDeployObserver(IAnsiConsole console, string executable, bool dryRun) : IDeployObserver
{
    private readonly object _gate = new();

    public void PhaseStarted(int phase, IReadOnlyList<string> stacks) =>
        Write($"[bold]phase {phase}[/]: {Markup.Escape(string.Join(", ", stacks))}");

    public void StackStarted(string stack, CdkCommand command) =>
        Write(dryRun ? $"  {Markup.Escape(command.ToShellLine(executable))}" : $"  [blue]…[/] {Markup.Escape(stack)}");

    public void StackSkipped(string stack, string reason) => Write($"  [grey]=[/] {Markup.Escape(stack)}: {Markup.Escape(reason)}");

    public void StackSucceeded(string stack, TimeSpan took) => Write($"  [green]✓[/] {Markup.Escape(stack)} ({took.TotalSeconds:0} s)");

    public void StackFailed(string stack, string tail) =>
        Write($"  [red]✗[/] {Markup.Escape(stack)}\n{Markup.Escape(string.Join('\n', tail.Split('\n').Select(l => "      " + l)))}");

    public void Connections(string stack, string action, IReadOnlyList<string> endpointIds) =>
        Write($"  {Markup.Escape(stack)}: {action} {endpointIds.Count} endpoint connection(s){(endpointIds.Count == 0 ? "" : ": " + Markup.Escape(string.Join(", ", endpointIds)))}");

    public void StackInterrupted(string stack) => Write($"  [yellow]![/] {Markup.Escape(stack)}: interrupted");

    public void StepDone(string stack, string what) => Write($"  [green]✓[/] {Markup.Escape(stack)}: {Markup.Escape(what)}");

    // The message itself is printed once, with the other failures, when the run ends.
    public void StepFailed(string stack, string message) => Write($"  [red]✗[/] {Markup.Escape(stack)}");

    private void Write(string markup)
    {
        lock (_gate)
            console.MarkupLine(markup);
    }
}
