using Interlink.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary><c>interlink lab fault cut-peering [ID]</c>.</summary>
public sealed class CutPeeringCommand(IAnsiConsole console) : AsyncCommand<CutPeeringSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, CutPeeringSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () => LabCli.WriteFault(console, await LabFault.CutPeeringAsync(settings.Peering)));
}
