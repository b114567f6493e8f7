using System.Diagnostics;

namespace Interlink.Cli.Tests.Support;

/// <summary>What one whole-process run of interlink returned and printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// Runs the built interlink.dll with the dotnet host as a separate process, the way a shell or a CI job does.
/// Each run costs a process start (~0.2 s), so tests use few.
/// </summary>
public static class CliProcess
{
    /// <summary>
    /// Variables that make Spectre.Console emit ANSI even into a pipe (CI log viewers render it), or turn colour off;
    /// removed from the child's environment so each test states what it depends on.
    /// </summary>
    private static readonly string[] ColourVariables = ["NO_COLOR", "GITHUB_ACTIONS", "TF_BUILD", "TERM"];

    /// <summary>The dotnet host running these tests.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    /// <summary>interlink.dll as built beside the test assembly (the project reference copies it with its runtimeconfig).</summary>
    public static string InterlinkDll => Path.Combine(AppContext.BaseDirectory, "interlink.dll");

    /// <summary>Runs <c>dotnet interlink.dll ARGS</c> with standard output and error redirected (pipes, not a terminal).</summary>
    public static ProcessResult Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost) { ArgumentList = { InterlinkDll } };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return Start(start, environment);
    }

    /// <summary>
    /// Runs <c>dotnet interlink.dll ARGS</c> on a pseudo-terminal (through util-linux <c>script</c>), as an interactive
    /// user would, and returns what the terminal received.
    /// </summary>
    public static ProcessResult RunOnTerminal(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var command = string.Join(' ', new[] { DotnetHost, InterlinkDll }.Concat(args).Select(Quote));
        var start = new ProcessStartInfo("script") { ArgumentList = { "--quiet", "--return", "--command", command, "/dev/null" } };
        return Start(start, environment);
    }

    private static ProcessResult Start(ProcessStartInfo start, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(InterlinkDll), $"{InterlinkDll} is not built");
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var name in ColourVariables)
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in 60 s");
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
