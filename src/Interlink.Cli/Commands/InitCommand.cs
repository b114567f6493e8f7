using System.ComponentModel;
using Interlink.Core.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink init</c>.</summary>
public sealed class InitSettings : CommandSettings
{
    /// <summary>Where to write.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("File to write (default: ./interlink.yaml).")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>Design to start from.</summary>
    [CommandOption("-m|--mode <MODE>")]
    [Description("Design to start from: relay or native.")]
    [DefaultValue("relay")]
    public DeployMode Mode { get; init; } = DeployMode.Relay;

    /// <summary>Overwrite an existing file.</summary>
    [CommandOption("--force")]
    [Description("Overwrite the file if it exists.")]
    public bool Force { get; init; }
}

/// <summary><c>interlink init</c>: writes a commented starter config that validates as written.</summary>
public sealed class InitCommand(IAnsiConsole console) : Command<InitSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        if (File.Exists(settings.File) && !settings.Force)
            throw new UsageException($"'{settings.File}' exists already; pass --force to overwrite it, or name another file");
        AtomicFile.Write(settings.File, Resources.Template(settings.Mode.ToString().ToLowerInvariant()));
        console.MarkupLineInterpolated($"wrote [green]{settings.File}[/] ({settings.Mode.ToString().ToLowerInvariant()} mode); edit it, then run 'interlink validate {settings.File}'");
        return ExitCodes.Ok;
    }
}
