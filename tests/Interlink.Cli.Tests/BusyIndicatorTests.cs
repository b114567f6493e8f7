using Interlink.Cli.Rendering;
using Interlink.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace Interlink.Cli.Tests;

/// <summary>
/// A spinner shows a person at a terminal that synthesis (~2 s) is under way, and nothing else ever sees it: not a
/// pipe, not a CI log, not a JSON document. Synthesis runs in its own process here (jsii is not safe beside the
/// in-process syntheses of other test classes), and each run costs a synthesis, so the cases are few.
/// </summary>
public sealed class BusyIndicatorTests : IDisposable
{
    private const string Message = "synthesizing the cloud assembly";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A person's terminal: CI cleared (the test may itself run in CI), a terminal type that can move the cursor.</summary>
    private static Dictionary<string, string> Terminal(string ci = "") => new() { ["TERM"] = "xterm-256color", ["CI"] = ci };

    /// <summary>Frames of Spectre's "dots" spinner (Braille patterns U+2800–U+28FF).</summary>
    private static bool HasSpinnerFrame(string text) => text.Any(c => c is >= '\u2800' and <= '\u28FF');

    [Fact]
    public void On_a_terminal_synth_shows_a_spinner_saying_what_it_does_and_clears_it()
    {
        var result = CliProcess.RunOnTerminal(Terminal(), "synth", Repo.Example("seed.yaml"), "-o", _temp.File("cdk.out"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(HasSpinnerFrame(result.StandardOutput), result.ToString());
        Assert.Contains(Message + "…", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\x1b[?25h", result.StandardOutput, StringComparison.Ordinal); // the cursor is shown again
    }

    [Fact]
    public void Redirected_output_of_plan_has_no_spinner_frame_message_or_escape_code()
    {
        var result = CliProcess.Run(Terminal(), "plan", Repo.Example("seed.yaml"), "--cdk-out", _temp.File("cdk.out"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var all = result.StandardOutput + result.StandardError;
        Assert.False(HasSpinnerFrame(all), all);
        Assert.DoesNotContain(Message, all, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1b', all);
    }

    [Fact]
    public void With_CI_set_a_terminal_gets_no_spinner()
    {
        var result = CliProcess.RunOnTerminal(Terminal(ci: "true"), "synth", Repo.Example("seed.yaml"), "-o", _temp.File("cdk.out"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.False(HasSpinnerFrame(result.StandardOutput), result.ToString());
        Assert.DoesNotContain(Message, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\x1b[?25l", result.StandardOutput, StringComparison.Ordinal); // the cursor is never hidden
    }

    [Fact]
    public void A_json_document_printed_on_a_terminal_gets_no_spinner_around_it()
    {
        var result = CliProcess.RunOnTerminal(Terminal(), "plan", Repo.Example("seed.yaml"), "--format", "json", "--cdk-out", _temp.File("cdk.out"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.False(HasSpinnerFrame(result.StandardOutput), result.ToString());
        Assert.DoesNotContain(Message, result.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("{", result.StandardOutput.TrimStart('\x1b', '[', '?', '1', 'h', '='), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("false", true)]
    [InlineData("0", true)]
    [InlineData("true", false)]
    [InlineData("1", false)]
    public void Only_an_unset_or_false_CI_variable_allows_the_spinner_on_a_terminal(string? ci, bool allowed)
    {
        var terminal = FakeTerminal();

        var shows = BusyIndicator.Shows(terminal, documentOnStdout: false, name => name == "CI" ? ci : null, stdoutAndStderrAreTerminals: true);

        Assert.Equal(allowed, shows);
    }

    [Fact]
    public void A_recording_console_a_dumb_terminal_or_a_document_on_stdout_gets_no_spinner()
    {
        Assert.False(BusyIndicator.Shows(new TestConsole(), documentOnStdout: false, _ => null, stdoutAndStderrAreTerminals: true));
        Assert.False(BusyIndicator.Shows(FakeTerminal(), documentOnStdout: false, n => n == "TERM" ? "dumb" : null, stdoutAndStderrAreTerminals: true));
        Assert.False(BusyIndicator.Shows(FakeTerminal(), documentOnStdout: true, _ => null, stdoutAndStderrAreTerminals: true));
        Assert.False(BusyIndicator.Shows(FakeTerminal(), documentOnStdout: false, _ => null, stdoutAndStderrAreTerminals: false));
    }

    [Fact]
    public void Where_no_spinner_shows_the_work_runs_and_its_result_comes_back()
    {
        var console = new TestConsole();

        var result = BusyIndicator.Run(console, Message, () => 42);

        Assert.Equal(42, result);
        Assert.Empty(console.Output);
    }

    [Fact]
    public async Task Where_no_spinner_shows_async_work_is_awaited_and_its_result_comes_back()
    {
        var console = new TestConsole();

        var result = await BusyIndicator.RunAsync(console, "starting the lab", async () =>
        {
            await Task.Yield();
            return "up";
        });

        Assert.Equal("up", result);
        Assert.Empty(console.Output);
    }

    /// <summary>A recording console whose output claims to be a terminal.</summary>
    private static TestConsole FakeTerminal()
    {
        var console = new TestConsole();
        console.Profile.Out = new TerminalOutput();
        return console;
    }

    private sealed class TerminalOutput : Spectre.Console.IAnsiConsoleOutput
    {
        public TextWriter Writer { get; } = new StringWriter();
        public bool IsTerminal => true;
        public int Width => 80;
        public int Height => 24;

        public void SetEncoding(System.Text.Encoding encoding)
        {
        }
    }
}
