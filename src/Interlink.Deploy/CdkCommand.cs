namespace Interlink.Deploy;

/// <summary>One run of the CDK CLI: what is executed, with which arguments and extra environment.</summary>
/// <param name="Stack">The stack it acts on.</param>
/// <param name="Arguments">Arguments after the executable.</param>
/// <param name="Environment">Variables added to the inherited environment (credentials profile, telemetry off).</param>
/// <param name="OutputsFile">Where the CLI writes the stack's outputs (deploy only).</param>
public sealed record CdkCommand(string Stack, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string? OutputsFile)
{
    /// <summary>The command as a shell line (for --dry-run and logs); values with spaces are quoted.</summary>
    public string ToShellLine(string executable)
    {
        var env = Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Quote(e.Value)}");
        return string.Join(' ', env.Append(Quote(executable)).Concat(Arguments.Select(Quote)));
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%".Contains(c)) ? value : $"'{value.Replace("'", "'\\''")}'";
}

/// <summary>What a CDK CLI run ended with.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Its combined output (the tail is shown when it fails).</param>
public sealed record CdkResult(int ExitCode, string Output)
{
    /// <summary>True when the run succeeded.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs CDK CLI commands. The real one starts the pinned CLI; tests use a stand-in executable.</summary>
public interface ICdkRunner
{
    /// <summary>The executable shown in dry runs.</summary>
    string Executable { get; }

    /// <summary>Where the executable was found, in words (empty when there is nothing to say).</summary>
    string Source => "";

    /// <summary>Runs <paramref name="command"/> to completion.</summary>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled; the process runner stops the CLI first and throws
    /// <see cref="CdkInterruptedException"/>.
    /// </exception>
    Task<CdkResult> RunAsync(CdkCommand command, CancellationToken cancellationToken);
}
