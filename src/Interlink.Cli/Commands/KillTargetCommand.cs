using Interlink.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary><c>interlink lab fault kill-target N</c>.</summary>
public sealed class KillTargetCommand(IAnsiConsole console) : AsyncCommand<KillTargetSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, KillTargetSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () => LabCli.WriteFault(console, await LabFault.KillTargetAsync(settings.Number)));
}
