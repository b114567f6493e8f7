using System.ComponentModel;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Settings of the commands that synthesize before they act (deploy, destroy, lab up, demo): where the assembly goes.</summary>
public abstract class CdkOutSettings : CommandSettings
{
    /// <summary>Where synthesis writes the cloud assembly.</summary>
    [CommandOption("--cdk-out <DIR>")]
    [Description(OutputOptions.CdkOutDescription)]
    [DefaultValue(OutputOptions.DefaultCdkOut)]
    public string Output { get; init; } = OutputOptions.DefaultCdkOut;

    /// <summary>The old spelling of <c>--cdk-out</c> (before <c>-o</c> meant the report file in every command).</summary>
    [CommandOption("-o|--output <DIR>", IsHidden = true)]
    public string? DeprecatedOutput
    {
        get => null;
        init
        {
            OutputOptions.Deprecated("-o|--output DIR here", "--cdk-out DIR");
            Output = value ?? OutputOptions.DefaultCdkOut;
        }
    }
}
