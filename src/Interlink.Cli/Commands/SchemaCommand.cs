using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink schema</c>.</summary>
public sealed class SchemaSettings : CommandSettings
{
    /// <summary>Where to write; null for standard output.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Write the schema to FILE instead of standard output.")]
    public string? Output { get; init; }
}

/// <summary><c>interlink schema</c>: the JSON Schema of the config, for editors.</summary>
public sealed class SchemaCommand(IAnsiConsole console) : Command<SchemaSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SchemaSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Output is null)
        {
            console.Profile.Out.Writer.Write(Resources.Schema);
            return ExitCodes.Ok;
        }

        AtomicFile.Write(settings.Output, Resources.Schema);
        console.MarkupLineInterpolated($"wrote [green]{settings.Output}[/]");
        return ExitCodes.Ok;
    }
}
