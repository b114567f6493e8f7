using Interlink.Cli.Rendering;
using Interlink.Core.Monitoring;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

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
            // The monitoring plan comes from the config, so 'lab status' can evaluate the design's own alarms.
            var monitoring = settings.Assembly is null ? MonitoringPlanner.Plan(DesignPipeline.Topology(DesignPipeline.Validate(settings.File))) : null;
            var up = await BusyIndicator.RunAsync(console, "starting the lab", () => Lab.LabRuntime.UpAsync(directory, new Lab.LabOptions { Monitoring = monitoring }, cancellationToken));
            LabCli.WriteUp(console, up);
            return ExitCodes.Ok;
        });
}
