using Interlink.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary><c>interlink lab fault restore</c>.</summary>
public sealed class RestoreCommand(IAnsiConsole console) : AsyncCommand<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken) =>
        await LabCli.Guard(async () => LabCli.WriteFault(console, await LabFault.RestoreAsync()));
}
