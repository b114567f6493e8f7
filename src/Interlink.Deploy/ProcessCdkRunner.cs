using System.Diagnostics;
using System.Text;

namespace Interlink.Deploy;

/// <summary>Runs the CDK CLI (or any stand-in executable) as a child process.</summary>
/// <param name="executable">Path of the CLI: the repo's pinned <c>node_modules/.bin/cdk</c>, or <c>INTERLINK_CDK</c>.</param>
public sealed class ProcessCdkRunner(string executable) : ICdkRunner
{
    /// <inheritdoc />
    public string Executable { get; } = executable;

    /// <summary>The CLI to use: <c>INTERLINK_CDK</c> when set, else the repo's pinned CLI found above <paramref name="start"/>.</summary>
    public static string Locate(string start)
    {
        if (System.Environment.GetEnvironmentVariable("INTERLINK_CDK") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "cdk");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new DeployException("the AWS CDK CLI is not installed: run 'npm ci' at the repo root (it installs the pinned aws-cdk), or set INTERLINK_CDK to its path");
    }

    /// <inheritdoc />
    public async Task<CdkResult> RunAsync(CdkCommand command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        return new CdkResult(process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
                sink.AppendLine(line);
        }
    }
}

/// <summary>A deploy that cannot go on; the message is one line saying what to do.</summary>
/// <param name="message">What is wrong.</param>
public sealed class DeployException(string message) : Exception(message);
