using System.Globalization;
using Interlink.Deploy;

namespace Interlink.Testing;

/// <summary>One recorded call of the stand-in CDK CLI.</summary>
public sealed record CdkCall(string Verb, string Stack, long StartNs, long EndNs, bool Succeeded, string Profile, string Arguments)
{
    /// <summary>The run ended on SIGINT or SIGTERM.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The <c>--parameters STACK:KEY=VALUE</c> values passed, by key.</summary>
    public IReadOnlyDictionary<string, string> Parameters =>
        Arguments.Split(' ').Where(a => a.StartsWith(Stack + ":", StringComparison.Ordinal))
            .Select(a => a[(Stack.Length + 1)..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
}

/// <summary>Runs the orchestrator against <c>fake-cdk.sh</c> in a scratch directory, and reads back what it recorded.</summary>
public sealed class FakeCdk : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("interlink-fake-cdk-").FullName;

    /// <summary>Creates the scratch directory.</summary>
    public FakeCdk()
    {
        Log = Path.Combine(_directory, "calls.tsv");
        StatePath = Path.Combine(_directory, "state", "design.state.json");
    }

    /// <summary>Where the stand-in records its calls.</summary>
    public string Log { get; }

    /// <summary>A state file path in the scratch directory.</summary>
    public string StatePath { get; }

    /// <summary>
    /// The runner: the real process runner, pointed at the stand-in with this test's settings. <paramref name="accountOf"/>
    /// gives a stack's account, which the stand-in puts in the ARNs it outputs (its operator role's).
    /// </summary>
    /// <param name="failStack">The stack whose run fails.</param>
    /// <param name="delaySeconds">How long each run takes.</param>
    /// <param name="accountOf">A stack's account.</param>
    /// <param name="ignoreSignals">The stand-in ignores SIGINT and SIGTERM (a CLI that will not stop).</param>
    /// <param name="grace">How long an interrupted stand-in gets before it is killed.</param>
    public ICdkRunner Runner(string? failStack = null, double delaySeconds = 0.2, Func<string, string?>? accountOf = null, bool ignoreSignals = false, TimeSpan? grace = null) =>
        new EnvironmentRunner(new ProcessCdkRunner(Executable) { Grace = grace ?? TimeSpan.FromSeconds(60) }, new Dictionary<string, string>
        {
            ["FAKE_CDK_LOG"] = Log,
            ["FAKE_CDK_FAIL"] = failStack ?? "",
            ["FAKE_CDK_DELAY"] = delaySeconds.ToString(CultureInfo.InvariantCulture),
            ["FAKE_CDK_PIDS"] = Pids,
            ["FAKE_CDK_IGNORE_SIGNALS"] = ignoreSignals ? "1" : "",
        }, accountOf ?? (_ => null));

    /// <summary>The stand-in CDK CLI.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "Support", "fake-cdk.sh");

    /// <summary>Where each run of the stand-in writes its PID and its sleeping child's, by stack.</summary>
    public string Pids => Directory.CreateDirectory(Path.Combine(_directory, "pids")).FullName;

    /// <summary>The PIDs of the stand-in run for <paramref name="stack"/> and of its child, once it has started; else null.</summary>
    public int[]? ProcessesOf(string stack)
    {
        var file = Path.Combine(Pids, stack);
        return File.Exists(file) && File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 2 } ids
            ? ids.Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray()
            : null;
    }

    /// <summary>True while a process with <paramref name="pid"/> exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';

    /// <summary>The value fake-cdk.sh writes for <paramref name="stack"/> ({0} is its id).</summary>
    public static string Output(string stack, string pattern)
    {
        // MD5 because fake-cdk.sh derives the same id with md5sum: it names a fake resource, it protects nothing.
#pragma warning disable CA5351
        var id = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(stack)))[..8];
#pragma warning restore CA5351
        return string.Format(CultureInfo.InvariantCulture, pattern, id);
    }

    /// <summary>Every recorded call, in completion order.</summary>
    public IReadOnlyList<CdkCall> Calls() =>
        File.Exists(Log)
            ? File.ReadAllLines(Log).Select(l => l.Split('\t')).Select(f => new CdkCall(f[0], f[1], long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), f[4] == "ok", f[5], f[6]) { Interrupted = f[4] == "interrupted" }).ToList()
            : [];

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Adds the stand-in's settings to every command's environment.</summary>
    private sealed class EnvironmentRunner(ICdkRunner inner, IReadOnlyDictionary<string, string> extra, Func<string, string?> accountOf) : ICdkRunner
    {
        public string Executable => inner.Executable;

        public Task<CdkResult> RunAsync(CdkCommand command, CancellationToken cancellationToken)
        {
            var environment = new Dictionary<string, string>(command.Environment);
            foreach (var (key, value) in extra)
                environment[key] = value;
            if (accountOf(command.Stack) is { } account)
                environment["FAKE_CDK_ACCOUNT"] = account;
            return inner.RunAsync(command with { Environment = environment }, cancellationToken);
        }
    }
}
