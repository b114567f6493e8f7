using System.ComponentModel;
using Spectre.Console;
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

    /// <summary>Reuse connections instead of one per request.</summary>
    [CommandOption("--keep-alive")]
    [Description("Reuse connections (by default every request opens a new one, so the NLB spreads them over the targets as AWS's balances connections).")]
    public bool KeepAlive { get; init; }

    /// <summary>Seconds each client's probe may run.</summary>
    [CommandOption("--deadline <SECONDS>")]
    [Description("Seconds each client's probe may run; requests not sent by then are reported as not sent.")]
    [DefaultValue(60)]
    public int DeadlineSeconds { get; init; } = 60;

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("text, or json: each client's probe report as the probe writes it (for scripts such as bench/lab.sh).")]
    [DefaultValue("text")]
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Requests < 1 ? ValidationResult.Error($"--requests {Requests} sends nothing; give at least 1")
        : Concurrency < 1 ? ValidationResult.Error($"--concurrency {Concurrency} sends nothing; give at least 1")
        : DeadlineSeconds < 1 ? ValidationResult.Error($"--deadline {DeadlineSeconds} leaves no time; give seconds, e.g. --deadline 600")
        : ValidationResult.Success();
}
