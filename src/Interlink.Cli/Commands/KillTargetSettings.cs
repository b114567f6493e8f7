using System.ComponentModel;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink lab fault kill-target</c>.</summary>
public sealed class KillTargetSettings : CommandSettings
{
    /// <summary>Target number.</summary>
    [CommandArgument(0, "<N>")]
    [Description("Target number, 1-based, as 'lab status' lists them.")]
    public int Number { get; init; }
}
