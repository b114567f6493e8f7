using System.Diagnostics;
using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using static Interlink.Core.Tests.Loading.LoaderTestKit;

namespace Interlink.Core.Tests.Loading;

/// <summary>
/// Input the loader bounds before YamlDotNet builds anything: too deep, too many values once aliases are
/// expanded, too long a value, too large a file, not a regular file. Each is one IL001/IL009 error, quickly,
/// never a crash (30,000 nested '[' used to abort the process with exit 134; an alias bomb as a key took 52 s
/// and 7.5 GB before dying of OutOfMemoryException).
/// </summary>
public class InputLimitTests
{
    private static Diagnostic OnlyError(LoadResult result)
    {
        Assert.Null(result.Config);
        var errors = result.Diagnostics.Items.Where(d => d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 1, Dump(result.Diagnostics.Items));
        return errors[0];
    }

    [Theory]
    [InlineData("name: {0}", "[", "]")]
    [InlineData("name: {0}", "{a: ", "}")]
    [InlineData("consumers:\n  {0}x", "- ", "")]
    [InlineData("name: {0}", "[", "")]
    public void Deep_nesting_is_refused_before_the_parser_recurses(string shape, string open, string close)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape,
            string.Concat(Enumerable.Repeat(open, 30_000)) + string.Concat(Enumerable.Repeat(close, 30_000)));
        var error = OnlyError(Load(text));
        Assert.Equal(LoadCodes.InputLimit, error.Code);
        Assert.Contains("nested more than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_still_reaches_the_ordinary_checks()
    {
        var result = Load("name: " + new string('[', 40) + new string(']', 40));
        Assert.DoesNotContain(result.Diagnostics.Items, d => d.Code == LoadCodes.InputLimit);
    }

    [Fact]
    public void The_text_scan_alone_catches_deep_flow_and_block_nesting()
    {
        Assert.Equal(1, YamlPrescan.LineBeyondDepth("a: " + new string('[', 100), 64));
        Assert.Equal(2, YamlPrescan.LineBeyondDepth("a:\n" + string.Concat(Enumerable.Repeat("- ", 100)) + "x", 64));
        var indented = string.Join('\n', Enumerable.Range(0, 100).Select(i => new string(' ', i) + "k:"));
        Assert.NotNull(YamlPrescan.LineBeyondDepth(indented, 64));
    }

    [Fact]
    public void The_text_scan_does_not_count_brackets_in_quotes_comments_or_block_scalars()
    {
        var brackets = new string('[', 100);
        var text = $"a: \"{brackets}\"\nb: '{brackets}'\n# {brackets}\nc: |\n  {brackets}\nd: x{brackets}\n";
        Assert.Null(YamlPrescan.LineBeyondDepth(text, 64));
    }

    [Theory]
    [InlineData("name: *a9")]
    [InlineData("? *a9\n: value")]
    public void An_alias_bomb_is_refused_from_its_events_without_expanding_it(string use)
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        lines.Add(use);
        var watch = Stopwatch.StartNew();
        var error = OnlyError(Load(string.Join('\n', lines)));
        Assert.Equal(LoadCodes.InputLimit, error.Code);
        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_few_aliases_of_a_shared_value_are_fine()
    {
        var text = Replace(Valid, "azs: [usw2-az1, usw2-az2]\nconsumers:", "azs: &west [usw2-az1, usw2-az2]\nconsumers:");
        text = Replace(text, "cidr: 10.12.0.0/16\n      azs: [usw2-az1, usw2-az2]", "cidr: 10.12.0.0/16\n      azs: *west");
        var report = Validate(text);
        Assert.True(report.IsValid, Dump(report.Diagnostics));
    }

    [Fact]
    public void A_huge_value_is_refused_and_not_echoed()
    {
        var error = OnlyError(Load("name: " + new string('a', 100_000)));
        Assert.Equal(LoadCodes.InputLimit, error.Code);
        Assert.Contains("100,000 characters long", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_reading_it_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"interlink-limit-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, Valid + "\n" + new string('#', 2_000_000));
            var error = OnlyError(ConfigLoader.LoadFile(path));
            Assert.Equal(LoadCodes.InputLimit, error.Code);
            Assert.Contains("larger than 1,048,576 bytes", error.Message, StringComparison.Ordinal);
            Assert.Contains(InputLimits.MaxBytesVariable, error.Fix, StringComparison.Ordinal);

            var raised = ConfigLoader.LoadFile(path, InputLimits.Default with { MaxBytes = 4_000_000 });
            Assert.NotNull(raised.Config);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_directory_is_named_as_a_directory()
    {
        var error = OnlyError(ConfigLoader.LoadFile(Path.GetTempPath()));
        Assert.Equal(LoadCodes.FileUnreadable, error.Code);
        Assert.Contains("is a directory, not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_is_refused_without_reading_it()
    {
        if (!File.Exists("/dev/zero"))
            return; // not a Unix machine
        var error = OnlyError(ConfigLoader.LoadFile("/dev/zero"));
        Assert.Equal(LoadCodes.FileUnreadable, error.Code);
        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_pipe_is_refused_without_opening_it()
    {
        if (!OperatingSystem.IsLinux())
            return; // mkfifo is Linux
        var path = Path.Combine(Path.GetTempPath(), $"interlink-fifo-{Guid.NewGuid():N}");
        using (var mkfifo = Process.Start("mkfifo", path))
            mkfifo.WaitForExit();
        try
        {
            var load = Task.Run(() => ConfigLoader.LoadFile(path));
            var finished = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(5)));
            Assert.True(finished == load, "reading a FIFO must not wait for a writer");
            var error = OnlyError(await load);
            Assert.Contains("named pipe", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
