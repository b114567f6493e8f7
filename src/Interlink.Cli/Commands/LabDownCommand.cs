using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

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
