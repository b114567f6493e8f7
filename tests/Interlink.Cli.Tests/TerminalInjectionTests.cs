using Interlink.Cli.Rendering;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// Config values are echoed into findings; control characters in them are shown as <c>\uXXXX</c>, never sent to the
/// terminal: a config could otherwise erase its error line and print a fake "valid" one (ESC [2K, CR), ring the bell,
/// or reorder text with bidirectional controls.
/// </summary>
public class TerminalInjectionTests
{
    private const string Esc = "\u001b";

    private static readonly System.Buffers.SearchValues<char> Dangerous = System.Buffers.SearchValues.Create(['\u001b', '\u0007', '\r', '\u009b', '\u202e', '\u2066', '\u200f']);

    private static string HostileConfig(TempDirectory temp) => temp.Write("interlink.yaml", $$"""
        name: "{{Esc}}[2K\rinterlink.yaml: valid\u0007"
        service: { port: 80 }
        provider: { region: "us-east-1\u202e", vpc: { cidr: 10.10.0.0/16 } }
        "con\u009bsumers{{Esc}}[8m": []
        tags: { "\u2066owner\u200f": x }
        """);

    [Theory]
    [InlineData("text", "'\\u001B[2K\\u000Dinterlink.yaml: valid\\u0007' cannot prefix")]
    [InlineData("json", "'\\u001B[2K\\rinterlink.yaml: valid\\u0007' cannot prefix")]
    public void Control_characters_from_the_config_are_escaped_in_every_format(string format, string expected)
    {
        using var temp = new TempDirectory();
        var result = App.Run("validate", HostileConfig(temp), "--format", format);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.True(result.Output.AsSpan().IndexOfAny(Dangerous) < 0, result.Output);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Contains("\\u202E", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newline_inside_a_value_cannot_start_a_line_of_its_own()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("interlink.yaml", """
            name: "x\ninterlink.yaml: valid"
            service: { port: 80 }
            provider: { region: us-east-1, vpc: { cidr: 10.10.0.0/16 } }
            consumers: []
            """);
        var result = App.Run("validate", file);
        Assert.DoesNotContain(result.Lines, l => l.StartsWith("interlink.yaml: valid", StringComparison.Ordinal));
        Assert.Contains("x\\u000Ainterlink.yaml: valid", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_report_still_ends_with_the_real_verdict()
    {
        using var temp = new TempDirectory();
        var result = App.Run("validate", HostileConfig(temp));
        Assert.EndsWith("invalid", result.Lines[^1].Split(':')[1].Trim().Split(' ')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\u001bb", "a\\u001Bb")]
    [InlineData("\u0085", "\\u0085")]
    [InlineData("\u202Eevil", "\\u202Eevil")]
    [InlineData("tab\tand\nnewline stay", "tab\tand\nnewline stay")]
    [InlineData("ünïcödé and emoji 🚀 stay", "ünïcödé and emoji 🚀 stay")]
    public void Escape_writes_unsafe_characters_as_unicode_escapes_and_keeps_the_rest(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Escape(text));
}
