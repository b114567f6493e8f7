using Spectre.Console;

namespace Interlink.Cli.Rendering;

/// <summary>
/// The one spinner of the command line, for work that takes over a second (synthesis starts the jsii runtime: ~2 s;
/// <c>compare</c> synthesizes twice; <c>lab up</c> builds namespaces). It is drawn on standard error, and only when a
/// person is watching: standard output and standard error both terminals, <c>CI</c> not set, <c>TERM</c> not
/// <c>dumb</c>, and the command not printing a JSON or SARIF document to standard output. Anywhere else the work just
/// runs, so pipes, logs, report files and JSON never carry a spinner frame or a cursor escape.
/// </summary>
internal static class BusyIndicator
{
    /// <summary>Runs <paramref name="work"/>, with a spinner saying <paramref name="doing"/> when <see cref="Shows"/>.</summary>
    public static T Run<T>(IAnsiConsole console, string doing, Func<T> work, bool documentOnStdout = false)
    {
        if (Spinner(console, documentOnStdout) is not { } terminal)
            return work();
        using var restore = RestoreCursorOnInterrupt(terminal);
        return terminal.Status().Spinner(Spectre.Console.Spinner.Known.Dots).Start(Markup.Escape(doing) + "…", _ => work());
    }

    /// <summary>Runs <paramref name="work"/>, with a spinner saying <paramref name="doing"/> when <see cref="Shows"/>.</summary>
    public static void Run(IAnsiConsole console, string doing, Action work, bool documentOnStdout = false) =>
        Run(console, doing, () =>
        {
            work();
            return 0;
        }, documentOnStdout);

    /// <summary>Awaits <paramref name="work"/>, with a spinner saying <paramref name="doing"/> when <see cref="Shows"/>.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string doing, Func<Task<T>> work, bool documentOnStdout = false)
    {
        if (Spinner(console, documentOnStdout) is not { } terminal)
            return await work();
        using var restore = RestoreCursorOnInterrupt(terminal);
        return await terminal.Status().Spinner(Spectre.Console.Spinner.Known.Dots).StartAsync(Markup.Escape(doing) + "…", _ => work());
    }

    /// <summary>
    /// Whether a spinner may be drawn for a command writing to <paramref name="console"/>: its output a terminal (a
    /// recording console in tests is not), standard error a terminal, not in CI, not a dumb terminal, no document
    /// on standard output.
    /// </summary>
    public static bool Shows(IAnsiConsole console, bool documentOnStdout, Func<string, string?> environment, bool stdoutAndStderrAreTerminals) =>
        !documentOnStdout
        && console.Profile.Out.IsTerminal
        && stdoutAndStderrAreTerminals
        && !IsCi(environment("CI"))
        && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>CI=true (GitHub Actions, GitLab, most CI systems) or any value but false/0.</summary>
    private static bool IsCi(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";

    /// <summary>A console on standard error that can animate, or null when no spinner is to be drawn.</summary>
    private static IAnsiConsole? Spinner(IAnsiConsole console, bool documentOnStdout)
    {
        if (!Shows(console, documentOnStdout, Environment.GetEnvironmentVariable, !Console.IsOutputRedirected && !Console.IsErrorRedirected))
            return null;
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Error),
        });
        // Without cursor control Spectre would print the status as lines instead: that is output, not a spinner.
        return terminal.Profile.Capabilities is { Ansi: true, Interactive: true } ? terminal : null;
    }

    /// <summary>Ctrl-C ends the process inside the live display, which hides the cursor: show it again on the way out.</summary>
    private static IDisposable RestoreCursorOnInterrupt(IAnsiConsole terminal)
    {
        ConsoleCancelEventHandler handler = (_, _) => terminal.Cursor.Show();
        Console.CancelKeyPress += handler;
        return new Unsubscribe(() => Console.CancelKeyPress -= handler);
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
