using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>A bad option value names the option and lists the valid values as typed, not our internal type names.</summary>
public class OptionValueTests
{
    [Theory]
    [InlineData(new[] { "validate", "--format", "yaml" }, "error: --format 'yaml' is not one of: text, json;")]
    [InlineData(new[] { "plan", "--traffic", "abc" }, "error: --traffic 'abc' is not a number;")]
    [InlineData(new[] { "compare", "-f", "x" }, "error: -f 'x' is not one of: text, json, markdown;")]
    [InlineData(new[] { "init", "--mode", "hybrid" }, "error: --mode 'hybrid' is not one of: relay, native;")]
    public void A_bad_value_names_the_option_and_the_valid_values(string[] args, string expected)
    {
        var result = App.Run(args);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var line = Assert.Single(result.Lines);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("OutputFormat", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Double", line, StringComparison.Ordinal);
    }
}
