using System.Text.RegularExpressions;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>The built tool as a separate process: real exit codes, real console detection. Kept few: each run starts a runtime.</summary>
public sealed partial class ProcessTests : IDisposable
{
    /// <summary>A terminal that supports 256 colours: with it, only the redirect (or NO_COLOR) can turn colour off.</summary>
    private static readonly Dictionary<string, string> ColourTerminal = new() { ["TERM"] = "xterm-256color" };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourSequence();

    [Fact]
    public void A_valid_file_exits_0_and_redirected_output_has_no_escape_codes()
    {
        var result = CliProcess.Run(ColourTerminal, "validate", Repo.Example("seed.yaml"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(": valid (", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1b', result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void An_invalid_file_exits_2_and_redirected_findings_are_plain_unwrapped_lines()
    {
        var path = _temp.Write("interlink.yaml", Configs.TwoErrors);

        var result = CliProcess.Run(ColourTerminal, "validate", path);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.DoesNotContain('\x1b', result.StandardOutput + result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{path}:20:13: error IL032 consumers[1].region: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("; fix: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_usage_exits_2_with_one_line_and_no_stack_trace()
    {
        var result = CliProcess.Run(ColourTerminal, "validate", "--format", "xml", Repo.Example("seed.yaml"));

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var all = result.StandardOutput + result.StandardError;
        Assert.StartsWith("error: ", all, StringComparison.Ordinal);
        Assert.Single(all.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_NO_COLOR_turns_colour_off()
    {
        var path = _temp.Write("interlink.yaml", Configs.TwoErrors);

        var coloured = CliProcess.RunOnTerminal(ColourTerminal, "validate", path);
        var plain = CliProcess.RunOnTerminal(new Dictionary<string, string>(ColourTerminal) { ["NO_COLOR"] = "1" }, "validate", path);

        // The control run shows the terminal really gets colour, so the absence below is NO_COLOR's doing.
        Assert.True(coloured.ExitCode == ExitCodes.InvalidInput, coloured.ToString());
        Assert.Matches(ColourSequence(), coloured.StandardOutput);
        Assert.True(plain.ExitCode == ExitCodes.InvalidInput, plain.ToString());
        Assert.Contains("error IL032 consumers[1].region: ", plain.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(ColourSequence(), plain.StandardOutput);
    }

    [Fact]
    public void Help_exits_0_and_lists_every_command()
    {
        var result = CliProcess.Run(ColourTerminal, "--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.DoesNotContain('\x1b', result.StandardOutput);
        var lines = result.StandardOutput.Split('\n');
        foreach (var command in CommandList.Listed)
            Assert.Contains(lines, l => CommandList.IsListedOn(l, command));
    }
}
