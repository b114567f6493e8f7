using Interlink.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary><c>interlink lab test</c>: run the probe from each consumer client through the lab.</summary>
public sealed class LabTestCommand(IAnsiConsole console) : AsyncCommand<LabTestSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, LabTestSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () =>
        {
            var options = new LabTestOptions(settings.Requests, settings.Concurrency, Deadline: TimeSpan.FromSeconds(settings.DeadlineSeconds), NewConnections: !settings.KeepAlive);
            var probes = await Lab.LabRuntime.TestAsync(options, ct: cancellationToken);
            if (settings.Format == OutputFormat.Json)
            {
                LabCli.WriteProbesJson(console, probes);
                return LabCli.Passed(probes) ? ExitCodes.Ok : ExitCodes.FindingsBlock;
            }

            return LabCli.WriteProbes(console, probes) ? ExitCodes.Ok : ExitCodes.FindingsBlock;
        });
}
