using System.ComponentModel;
using Interlink.Cdk;
using Interlink.Cli.Rendering;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink synth</c>.</summary>
public sealed class SynthSettings : CommandSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml).")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>Assembly directory.</summary>
    [CommandOption("-o|--output <DIR>")]
    [Description("Cloud assembly directory (default: cdk.out).")]
    [DefaultValue("cdk.out")]
    public string Output { get; init; } = "cdk.out";

    /// <summary>Published service tarball to ship as a CDK asset.</summary>
    [CommandOption("--service-bundle <FILE>")]
    [Description("Published sample service (scripts/publish-service.sh) for the provider hosts, shipped as a CDK asset. Without it, its S3 location is a deploy input (ServiceBundleBucket/ServiceBundleKey).")]
    public string? ServiceBundle { get; init; }
}

/// <summary><c>interlink synth</c>: validate, then write the cloud assembly and print its stacks.</summary>
public sealed class SynthCommand(IAnsiConsole console) : Command<SynthSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SynthSettings settings, CancellationToken cancellationToken)
    {
        // The same findings as 'validate'; an invalid config never reaches the CDK.
        var report = ConfigValidator.ValidateFile(settings.File);
        DiagnosticText.Write(console, report);
        if (!report.IsValid)
            return ExitCodes.InvalidInput;

        if (settings.ServiceBundle is { } bundle && !File.Exists(bundle))
            throw new UsageException($"--service-bundle '{bundle}' does not exist; run scripts/publish-service.sh first");
        var stacks = AssemblyBuilder.Synthesize(TopologyBuilder.Build(report), settings.Output, settings.ServiceBundle is null ? null : Path.GetFullPath(settings.ServiceBundle));
        var table = new Table().AddColumns("Stack", "Role", "Account", "Region", "Phase", "Resources");
        foreach (var s in stacks)
            table.AddRow(s.Name, s.Role, s.Account ?? "(deploying)", s.Region, s.Phase.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Resources.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLineInterpolated($"wrote the cloud assembly to [green]{settings.Output}[/] ({stacks.Count} stacks, {stacks.Sum(s => s.Resources)} resources)");
        return ExitCodes.Ok;
    }
}
