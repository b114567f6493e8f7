using Interlink.Service;
using Interlink.Testing;

namespace Interlink.Probe.Tests;

public sealed class ProbeCliTests
{
    [Fact]
    public async Task Text_run_against_the_service_exits_0()
    {
        await using var service = await LoopbackService.StartAsync(new Dictionary<string, string?> { [ServiceApp.Keys.Host] = "cli-host" });
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await ProbeCli.RunAsync([service.BaseAddress.ToString(), "-n", "12", "-c", "3", "--new-connections"], output, error);

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        Assert.Contains("sent 12, ok 12, failed 0", output.ToString());
        Assert.Contains("hosts (1): cli-host 12", output.ToString());
    }

    [Fact]
    public async Task Json_run_with_failures_exits_3()
    {
        var output = new StringWriter();
        var code = await ProbeCli.RunAsync(["http://127.0.0.1:1/", "-n", "2", "--format", "json", "--timeout", "2s"], output, new StringWriter());

        Assert.Equal(3, code);
        var report = ProbeJson.Deserialize(output.ToString())!;
        Assert.Equal(2, report.Failed);
    }

    [Theory]
    [InlineData(new string[0], "no URL given")]
    [InlineData(new[] { "http://x/", "-n", "ten" }, "-n takes a whole number, not 'ten'")]
    [InlineData(new[] { "http://x/", "--format", "xml" }, "--format is text or json, not 'xml'")]
    [InlineData(new[] { "http://x/", "--bogus" }, "unknown option --bogus")]
    [InlineData(new[] { "http://x/", "-n", "0" }, "the number of requests must be from 1 to 1000000, not 0")]
    [InlineData(new[] { "http://x/", "-t", "soon" }, "-t takes a duration such as 500ms, 5s or 2m, not 'soon'")]
    [InlineData(new[] { "http://x/", "-c" }, "-c needs a value")]
    public async Task Bad_usage_exits_2_with_one_line(string[] args, string message)
    {
        var error = new StringWriter();

        var code = await ProbeCli.RunAsync(args, new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Equal($"Interlink.Probe: {message}", error.ToString().Split('\n')[0].TrimEnd());
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("5s", 5000)]
    [InlineData("1.5", 1500)]
    [InlineData("2m", 120000)]
    [InlineData("1h", 3600000)]
    public void Durations_parse(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ProbeCli.Duration("-t", text));
}
