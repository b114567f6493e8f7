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

    /// <summary>Ranges are checked with the options (Settings.Validate), before the config is read or anything is synthesized.</summary>
    [Theory]
    [InlineData(new[] { "plan", "missing.yaml", "--traffic", "-5" }, "error: --traffic -5 is not a monthly volume; give GB per month, e.g. --traffic 500")]
    [InlineData(new[] { "plan", "missing.yaml", "--traffic", "2e9" }, "error: --traffic 2000000000 is not a monthly volume")]
    [InlineData(new[] { "compare", "missing.yaml", "--traffic", "NaN" }, "error: --traffic is GB per month, e.g. --traffic 500")]
    [InlineData(new[] { "plan", "missing.yaml", "-o", "." }, "error: -o '.' is a directory; -o is the report FILE")]
    [InlineData(new[] { "diff", "missing.yaml", "-o", "." }, "error: -o '.' is a directory; -o is the report FILE")]
    [InlineData(new[] { "compare", "missing.yaml", "-o", "." }, "error: -o '.' is a directory; -o is the report FILE")]
    [InlineData(new[] { "deploy", "missing.yaml", "--input", "ServiceBundleBucket" }, "error: --input 'ServiceBundleBucket' is not NAME=VALUE; use e.g. --input ServiceBundleBucket=my-bucket")]
    [InlineData(new[] { "destroy", "missing.yaml", "--input", "=x" }, "error: --input '=x' is not NAME=VALUE")]
    [InlineData(new[] { "lab", "test", "--requests", "0" }, "error: --requests 0 sends nothing; give at least 1")]
    [InlineData(new[] { "lab", "test", "--deadline", "0" }, "error: --deadline 0 leaves no time; give seconds, e.g. --deadline 600")]
    public void An_out_of_range_value_is_refused_before_the_config_is_read(string[] args, string expected)
    {
        var result = App.Run(args);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith(expected, Assert.Single(result.Lines), StringComparison.Ordinal);
    }
}
