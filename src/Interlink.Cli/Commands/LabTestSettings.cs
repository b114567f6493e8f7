using System.ComponentModel;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink lab test</c>.</summary>
public sealed class LabTestSettings : CommandSettings
{
    /// <summary>Requests per client.</summary>
    [CommandOption("-n|--requests <N>")]
    [Description("Requests each consumer client sends.")]
    [DefaultValue(200)]
    public int Requests { get; init; } = 200;

    /// <summary>Concurrency per client.</summary>
    [CommandOption("-c|--concurrency <C>")]
    [Description("Requests in flight at once.")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;
}
