using System.Text.Json;
using Interlink.Cli.Rendering;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>
/// <c>interlink cdk-app</c> (hidden): the app the AWS CDK CLI runs through <c>cdk.json</c>, so that
/// <c>npx cdk synth</c> works at the repo root. The CLI passes the output directory in CDK_OUTDIR and the
/// context in CDK_CONTEXT_JSON; the config path is context key <c>interlink:config</c>.
/// </summary>
public sealed class CdkAppCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    /// <summary>Context key naming the config file.</summary>
    public const string ConfigContextKey = "interlink:config";

    /// <inheritdoc />
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var outdir = System.Environment.GetEnvironmentVariable("CDK_OUTDIR")
            ?? throw new UsageException("cdk-app is run by the AWS CDK CLI (npx cdk synth); to synthesize yourself, run 'interlink synth'");
        var file = ConfigFromContext(System.Environment.GetEnvironmentVariable("CDK_CONTEXT_JSON")) ?? "examples/seed.yaml";
        var report = DesignPipeline.Validate(file);
        if (!report.IsValid)
        {
            DiagnosticText.Write(console, report);
            return ExitCodes.InvalidInput;
        }

        DesignPipeline.SynthesizeForCdkCli(DesignPipeline.Topology(report), outdir);
        return ExitCodes.Ok;
    }

    /// <summary>The config path in the CDK context JSON, or null.</summary>
    internal static string? ConfigFromContext(string? contextJson)
    {
        if (string.IsNullOrWhiteSpace(contextJson))
            return null;
        using var document = JsonDocument.Parse(contextJson);
        return document.RootElement.TryGetProperty(ConfigContextKey, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
