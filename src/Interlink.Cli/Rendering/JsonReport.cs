using System.Text.Json;
using Spectre.Console;

namespace Interlink.Cli.Rendering;

/// <summary>Writes JSON reports: camelCase, indented, unescaped so paths and messages read as written.</summary>
internal static class JsonReport
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write<T>(IAnsiConsole console, T value) =>
        console.Profile.Out.Writer.Write(Render(value));

    /// <summary>The document as <see cref="Write{T}"/> prints it (escaped, ending with a newline), for a report file.</summary>
    public static string Render<T>(T value) => TerminalText.Escape(JsonSerializer.Serialize(value, Options)) + Environment.NewLine;
}
