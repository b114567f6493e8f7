using System.ComponentModel;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink lab fault cut-peering</c>.</summary>
public sealed class CutPeeringSettings : CommandSettings
{
    /// <summary>Which peering.</summary>
    [CommandArgument(0, "[PEERING]")]
    [Description("Peering to cut (as 'lab status' lists them); default: every peering.")]
    public string? Peering { get; init; }
}
