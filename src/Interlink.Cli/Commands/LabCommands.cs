using System.ComponentModel;
using Interlink.Templates;
using Interlink.Cli.Rendering;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;
using Interlink.Lab;
using Interlink.Probe;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink lab up</c>.</summary>
public sealed class LabUpSettings : CdkOutSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml); synthesized first unless --assembly is given.")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>An assembly to run instead.</summary>
    [CommandOption("-a|--assembly <DIR>")]
    [Description("Run this cloud assembly (read exactly as 'plan --assembly' reads it).")]
    public string? Assembly { get; init; }
}

/// <summary>Options of <c>interlink lab test</c>.</summary>
public sealed class LabTestSettings : CommandSettings
{
    /// <summary>Requests per client.</summary>
    [CommandOption("-n|--requests <N>")]
    [Description("Requests each consumer client sends.")]
    [DefaultValue(200)]
    public int Requests { get; init; } = 200;

    /// <summary>Concurrency per client.</summary>
    [CommandOption("-c|--concurrency <C>")]
    [Description("Requests in flight at once.")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;
}

/// <summary>Options of <c>interlink lab fault kill-target</c>.</summary>
public sealed class KillTargetSettings : CommandSettings
{
    /// <summary>Target number.</summary>
    [CommandArgument(0, "<N>")]
    [Description("Target number, 1-based, as 'lab status' lists them.")]
    public int Number { get; init; }
}

/// <summary>Options of <c>interlink lab fault cut-peering</c>.</summary>
public sealed class CutPeeringSettings : CommandSettings
{
    /// <summary>Which peering.</summary>
    [CommandArgument(0, "[PEERING]")]
    [Description("Peering to cut (as 'lab status' lists them); default: every peering.")]
    public string? Peering { get; init; }
}

/// <summary><c>interlink lab up</c>: build the assembly's network out of namespaces and start it.</summary>
public sealed class LabUpCommand(IAnsiConsole console) : AsyncCommand<LabUpSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, LabUpSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () =>
        {
            Lab.LabRuntime.Preflight();
            var directory = settings.Assembly ?? LabCli.Synthesize(console, settings.File, settings.Output);
            if (directory is null)
                return ExitCodes.InvalidInput;
            var up = await BusyIndicator.RunAsync(console, "starting the lab", () => Lab.LabRuntime.UpAsync(directory, ct: cancellationToken));
            LabCli.WriteUp(console, up);
            return ExitCodes.Ok;
        });
}

/// <summary><c>interlink lab test</c>: run the probe from each consumer client through the lab.</summary>
public sealed class LabTestCommand(IAnsiConsole console) : AsyncCommand<LabTestSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, LabTestSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () =>
        {
            var probes = await Lab.LabRuntime.TestAsync(new LabTestOptions(settings.Requests, settings.Concurrency), ct: cancellationToken);
            return LabCli.WriteProbes(console, probes) ? ExitCodes.Ok : ExitCodes.FindingsBlock;
        });
}

/// <summary><c>interlink lab status</c>.</summary>
public sealed class LabStatusCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var status = Lab.LabRuntime.Status();
        if (!status.Up)
        {
            console.MarkupLine("no lab is up; 'interlink lab up FILE' builds one");
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"lab [bold]{status.Name}[/] up since {status.StartedAt:u}: {status.Namespaces.Count} namespaces{(status.Missing.Count > 0 ? $", {status.Missing.Count} missing" : "")}");
        foreach (var target in status.Targets)
            console.MarkupLineInterpolated($"  target {target.Number}: {target.Target} in {target.Namespace}: {target.State}{(target.ServiceRunning ? "" : " (service stopped)")}");
        foreach (var peering in status.Peerings)
            console.MarkupLineInterpolated($"  peering {peering.Id}: {(peering.Cut ? "CUT" : peering.Accepted ? "up" : "not accepted")}");
        foreach (var endpoint in status.Endpoints)
            console.MarkupLineInterpolated($"  {LabCli.Describe(endpoint)}");
        foreach (var fault in status.Faults)
            console.MarkupLineInterpolated($"  fault in force: {fault}");
        return ExitCodes.Ok;
    }
}

/// <summary><c>interlink lab fault kill-target N</c>.</summary>
public sealed class KillTargetCommand(IAnsiConsole console) : AsyncCommand<KillTargetSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, KillTargetSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () => LabCli.WriteFault(console, await LabFault.KillTargetAsync(settings.Number)));
}

/// <summary><c>interlink lab fault cut-peering [ID]</c>.</summary>
public sealed class CutPeeringCommand(IAnsiConsole console) : AsyncCommand<CutPeeringSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, CutPeeringSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () => LabCli.WriteFault(console, await LabFault.CutPeeringAsync(settings.Peering)));
}

/// <summary><c>interlink lab fault restore</c>.</summary>
public sealed class RestoreCommand(IAnsiConsole console) : AsyncCommand<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () => LabCli.WriteFault(console, await LabFault.RestoreAsync()));
}

/// <summary><c>interlink lab down</c>: remove everything the lab made, and nothing else.</summary>
public sealed class LabDownCommand(IAnsiConsole console) : AsyncCommand<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () =>
        {
            var down = await Lab.LabRuntime.DownAsync();
            if (down.NothingUp)
            {
                console.MarkupLine("no lab is up: nothing to remove");
                return ExitCodes.Ok;
            }

            console.MarkupLineInterpolated($"lab down in {down.Elapsed.TotalSeconds:0.0} s: {down.Namespaces.Count} namespaces and {down.Processes} processes removed");
            foreach (var leftover in down.Leftovers)
                console.MarkupLineInterpolated($"  [red]left over[/]: {leftover}");
            return down.Leftovers.Count == 0 ? ExitCodes.Ok : ExitCodes.InternalError;
        });
}

/// <summary>What the lab commands share: synthesis, rendering, and one-line errors.</summary>
internal static class LabCli
{
    /// <summary>Runs <paramref name="action"/>, turning a <see cref="LabException"/> into a one-line usage error.</summary>
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (LabException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Validates and synthesizes <paramref name="file"/>; null (findings printed) when invalid.</summary>
    public static string? Synthesize(IAnsiConsole console, string file, string output)
    {
        var report = ConfigValidator.ValidateFile(file);
        if (!report.IsValid)
        {
            DiagnosticText.Write(console, report);
            return null;
        }

        BusyIndicator.Run(console, "synthesizing the cloud assembly", () => AssemblyWriter.Synthesize(TopologyBuilder.Build(report), output));
        return output;
    }

    /// <summary>One line per endpoint: its names, addresses, port, and whether it is connected (or why not).</summary>
    public static string Describe(LabEndpoint endpoint) =>
        $"endpoint of {endpoint.Consumer}: {string.Join(", ", endpoint.DnsNames)} → {string.Join(", ", endpoint.Enis)} tcp/{endpoint.Port}: "
        + (endpoint.Connected ? "connected" : $"NOT connected ({endpoint.Reason})");

    public static void WriteUp(IAnsiConsole console, LabUpReport up)
    {
        console.MarkupLineInterpolated($"lab [bold]{up.Name}[/] up in {up.Elapsed.TotalSeconds:0.0} s: {up.Namespaces.Count} namespaces, {up.Processes} processes, {up.Targets.Count} targets");
        foreach (var endpoint in up.Endpoints)
            console.MarkupLineInterpolated($"  {Describe(endpoint)}");
        foreach (var note in up.Notes)
            console.MarkupLineInterpolated($"  note: {note}");
    }

    /// <summary>Prints each probe's figures; true when every request of every probe succeeded.</summary>
    public static bool WriteProbes(IAnsiConsole console, IReadOnlyList<LabProbe> probes)
    {
        var passed = probes.Count > 0;
        foreach (var probe in probes)
        {
            var answering = probe.Answered.Count == 0 ? "none" : string.Join(", ", probe.Answered);
            console.MarkupLineInterpolated($"[bold]{probe.Consumer}[/] from {probe.Client} → {probe.Url}: targets answering: {answering}");
            var text = new StringWriter();
            ProbeText.Write(text, probe.Report);
            console.Profile.Out.Writer.Write(TerminalText.Escape(text.ToString()));
            passed &= probe.Report is { Failed: 0, NotSent: 0, Succeeded: > 0 };
        }

        if (probes.Count > 0 && probes.All(p => p.Report.Succeeded == 0))
            console.MarkupLine("[red]no request got through[/]: every path from the consumers to the service is blocked; 'interlink lab status' shows cut peerings and stopped targets, 'interlink lab fault restore' undoes faults");
        return passed;
    }

    public static int WriteFault(IAnsiConsole console, LabFaultReport fault)
    {
        console.MarkupLineInterpolated($"{fault.Fault}: {fault.Description}");
        var verb = fault.Fault == "restore" ? "restored" : "withdrew";
        foreach (var route in fault.Routes)
            console.MarkupLineInterpolated($"  {verb} route {route.Destination} via {route.Via} ({route.Device}) in {route.Namespace}: {route.Stack}/{route.LogicalId}");
        return ExitCodes.Ok;
    }
}
