using Interlink.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary><c>interlink rules</c>: every validation code and what it checks.</summary>
public sealed class RulesCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("Code", "Severity", "Checks");
        foreach (var (code, severity, title) in RuleCatalog.All)
            table.AddRow(code, severity, Markup.Escape(title));
        console.Write(table);
        return ExitCodes.Ok;
    }
}
