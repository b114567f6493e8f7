namespace Interlink.Cli.Commands;

/// <summary>Output formats shared by the commands that report.</summary>
public enum OutputFormat
{
    /// <summary>Lines for people (colour when the terminal supports it).</summary>
    Text,

    /// <summary>One JSON document for tools.</summary>
    Json,
}
