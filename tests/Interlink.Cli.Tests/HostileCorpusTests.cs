using System.Diagnostics;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// The hostile corpus (<c>tests/hostile</c>): configs and assemblies built to crash, hang or exhaust the CLI, plus
/// inputs that cannot be committed (a FIFO, <c>/dev/zero</c>, a directory, files of many megabytes). Each is bad
/// input: exit 2 (or a plan's 0/3), never 1 (a bug) or 134 (an abort), within 10 s and 1 GB.
/// </summary>
public class HostileCorpusTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);
    private const long MemoryLimit = 1L << 30;

    private static string Corpus(string kind) => Path.Combine(Repo.Root, "tests", "hostile", kind);

    public static TheoryData<string> Configs => [.. Directory.GetFiles(Corpus("configs"), "*.yaml").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Assemblies => [.. Directory.GetDirectories(Corpus("assemblies")).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    /// <summary>Runs the CLI in-process on this thread, measuring time and what this thread allocated.</summary>
    private static CliResult Bounded(params string[] args)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = App.Run(args);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(result.ExitCode is ExitCodes.InvalidInput or ExitCodes.Ok or ExitCodes.FindingsBlock, result.ToString());
        Assert.DoesNotContain("internal error", result.Output, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeLimit, $"{string.Join(' ', args)} took {watch.Elapsed}");
        Assert.True(allocated < MemoryLimit, $"{string.Join(' ', args)} allocated {allocated:N0} bytes");
        Assert.DoesNotContain('\u001b', result.Output);
        return result;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_hostile_config_is_refused_as_bad_input(string name)
    {
        var file = Path.Combine(Corpus("configs"), name);
        Assert.Equal(ExitCodes.InvalidInput, Bounded("validate", file).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, Bounded("validate", file, "--format", "json").ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, Bounded("plan", file, "-o", Path.Combine(Path.GetTempPath(), $"never-written-{Guid.NewGuid():N}")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void A_hostile_assembly_is_planned_or_refused_never_a_crash(string name)
    {
        var result = Bounded("plan", "--assembly", Path.Combine(Corpus("assemblies"), name));
        Assert.DoesNotContain("root:x:0:0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_that_cannot_be_committed_are_refused_as_bad_input()
    {
        using var temp = new TempDirectory();
        Assert.Contains("is a directory", Bounded("validate", temp.Path).Output, StringComparison.Ordinal);
        if (File.Exists("/dev/zero"))
            Assert.Contains("character device", Bounded("validate", "/dev/zero").Output, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            var fifo = temp.File("config.fifo");
            using (var mkfifo = Process.Start("mkfifo", fifo))
                mkfifo.WaitForExit();
            Assert.Contains("named pipe", Bounded("validate", fifo).Output, StringComparison.Ordinal);
        }

        var huge = temp.File("huge.yaml");
        using (var writer = File.CreateText(huge))
        {
            writer.Write("name: ");
            writer.Write(new string('a', 50 * 1024 * 1024));
        }

        var result = Bounded("validate", huge);
        Assert.Contains("IL009", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.Length < 2000, "the value is not echoed");
    }

    [Fact]
    public void Deep_nesting_exits_2_as_a_process_not_134()
    {
        var result = CliProcess.Run(new Dictionary<string, string>(), "validate", Path.Combine(Corpus("configs"), "nested-brackets.yaml"));
        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("IL009", result.StandardOutput, StringComparison.Ordinal);
    }
}
