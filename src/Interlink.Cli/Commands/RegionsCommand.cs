using Interlink.Core.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary><c>interlink regions</c>: the offline Region and AZ-ID catalog.</summary>
public sealed class RegionsCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("Region", "Name", "AZ IDs", "Opt-in", "Native cross-Region");
        foreach (var region in RegionCatalog.All)
            table.AddRow(region.Code, Markup.Escape(region.Name), string.Join(" ", region.AzIds), region.OptIn ? "yes" : "", region.NativeCrossRegion ? "yes" : "");
        console.Write(table);
        console.MarkupLineInterpolated($"catalog checked {RegionCatalog.CheckedOn}");
        return ExitCodes.Ok;
    }
}
