using System.ComponentModel;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink lab up</c>.</summary>
public sealed class LabUpSettings : CdkOutSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml); synthesized first unless --assembly is given.")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>An assembly to run instead.</summary>
    [CommandOption("-a|--assembly <DIR>")]
    [Description("Run this cloud assembly (read exactly as 'plan --assembly' reads it).")]
    public string? Assembly { get; init; }
}
