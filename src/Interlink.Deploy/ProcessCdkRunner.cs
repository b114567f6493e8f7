using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Interlink.Deploy;

/// <summary>
/// Runs the CDK CLI (or any stand-in executable) as a child process, in a process group of its own so that an
/// interruption reaches it and everything it started (node, CloudFormation polling) exactly once.
/// </summary>
/// <param name="executable">Path of the CLI (see <see cref="CdkCliLocator"/>).</param>
/// <param name="source">Where it was found, in words.</param>
public sealed class ProcessCdkRunner(string executable, string source = "") : ICdkRunner
{
    private const int SigKill = 9;
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <inheritdoc />
    public string Executable { get; } = executable;

    /// <inheritdoc />
    public string Source { get; } = source;

    /// <summary>
    /// How long an interrupted CLI gets to stop after the signal is forwarded before its group is killed. The CDK
    /// CLI stops watching at once; CloudFormation carries on with the stack either way. Default 60 s.
    /// </summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The signal forwarded when the run is cancelled (the one the user sent; default SIGINT).</summary>
    public Func<PosixSignal> InterruptSignal { get; set; } = () => PosixSignal.SIGINT;

    /// <inheritdoc />
    public async Task<CdkResult> RunAsync(CdkCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // setsid(1) execs the CLI as the leader of a new session and process group (same PID): a terminal's Ctrl-C
        // then reaches Interlink only, and Interlink forwards it to the whole group once.
        var start = new ProcessStartInfo(Setsid ?? Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Setsid is not null)
            start.ArgumentList.Add(Executable);
        foreach (var argument in command.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in command.Environment)
            start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new DeployException($"could not start {Executable}");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            await Task.WhenAll(stdout, stderr);
            throw new CdkInterruptedException(command.Stack, output.ToString(), process.ExitCode);
        }

        await Task.WhenAll(stdout, stderr);
        return new CdkResult(process.ExitCode, output.ToString());
    }

    /// <summary>Forwards the interruption to the CLI's group, waits <see cref="Grace"/>, then kills what is left.</summary>
    private async Task StopAsync(Process process)
    {
        var group = Setsid is not null ? -process.Id : process.Id;
        _ = Kill(group, SignalNumber(InterruptSignal()));
        using var grace = new CancellationTokenSource(Grace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _ = Kill(group, SigKill);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // The leader is gone; anything it left in its group goes too (the group ID is not reused while members live).
        if (Setsid is not null)
            _ = Kill(group, SigKill);
    }

    // Linux signal numbers (signal(7)); PosixSignal's values are .NET's own, not the OS's.
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGHUP => 1,
        _ => 2,
    };

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
                sink.AppendLine(line);
        }
    }
}

/// <summary>The CDK CLI was stopped because the deploy was interrupted; what it printed until then.</summary>
/// <param name="stack">The stack it was working on.</param>
/// <param name="output">Its output.</param>
/// <param name="exitCode">How it ended.</param>
public sealed class CdkInterruptedException(string stack, string output, int exitCode)
    : OperationCanceledException($"the CDK CLI for {stack} was interrupted (exit {exitCode})")
{
    /// <summary>The stack.</summary>
    public string Stack { get; } = stack;

    /// <summary>What the CLI printed.</summary>
    public string Output { get; } = output;
}

/// <summary>A deploy that cannot go on; the message is one line saying what to do.</summary>
/// <param name="message">What is wrong.</param>
public sealed class DeployException(string message) : Exception(message);
