using System.ComponentModel;
using Interlink.Cli.Rendering;
using Interlink.Pipeline;
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
    [CommandOption("-o|--output|--cdk-out <DIR>")]
    [Description("Where to write the cloud assembly, synth's result (so -o, as every command's output; --cdk-out works too).")]
    [DefaultValue(OutputOptions.DefaultCdkOut)]
    public string Output { get; init; } = OutputOptions.DefaultCdkOut;
}

/// <summary><c>interlink synth</c>: validate, then write the cloud assembly and print its stacks.</summary>
public sealed class SynthCommand(IAnsiConsole console) : Command<SynthSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SynthSettings settings, CancellationToken cancellationToken)
    {
        // The same findings as 'validate'; an invalid config never reaches the CDK.
        var report = DesignPipeline.Validate(settings.File);
        DiagnosticText.Write(console, report);
        if (!report.IsValid)
            return ExitCodes.InvalidInput;

        var topology = DesignPipeline.Topology(report);
        var bundles = DesignPipeline.Bundles(topology);
        var stacks = BusyIndicator.Run(console, "synthesizing the cloud assembly", () => DesignPipeline.Synthesize(topology, settings.Output, bundles));
        var table = new Table().AddColumns("Stack", "Role", "Account", "Region", "Phase", "Resources");
        foreach (var s in stacks)
            table.AddRow(s.Name, s.Role, s.Account ?? "(deploying)", s.Region, s.Phase.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Resources.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLineInterpolated($"wrote the cloud assembly to [green]{settings.Output}[/] ({stacks.Count} stacks, {stacks.Sum(s => s.Resources)} resources)");
        BundleNote.Write(console, topology, bundles);
        return ExitCodes.Ok;
    }
}
