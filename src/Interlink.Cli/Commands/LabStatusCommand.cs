using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

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
        LabCli.WriteMonitoring(console, Lab.LabRuntime.Monitoring());
        return ExitCodes.Ok;
    }
}
