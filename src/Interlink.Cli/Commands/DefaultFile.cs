namespace Interlink.Cli.Commands;

/// <summary>The config file a command uses when none is named.</summary>
internal static class DefaultFile
{
    public const string Name = "interlink.yaml";
}
