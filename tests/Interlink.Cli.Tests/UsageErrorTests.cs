using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

public sealed class UsageErrorTests
{
    public static TheoryData<string[]> BadUsage => new()
    {
        new[] { "bogus" },
        new[] { "validate", "--bogus" },
        new[] { "validate", "--format", "xml", "examples/seed.yaml" },
        new[] { "validate", "--format" },
        new[] { "init", "--mode", "hybrid" },
        new[] { "rules", "extra-argument" },
        new[] { "--bogus" },
    };

    [Theory]
    [MemberData(nameof(BadUsage))]
    public void Bad_usage_exits_2_with_one_error_line_and_no_stack_trace(string[] args)
    {
        var result = App.Run(args);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var line = Assert.Single(result.Lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_named_and_help_is_pointed_to()
    {
        var result = App.Run("bogus");

        Assert.Contains("'bogus'", result.Output, StringComparison.Ordinal);
        Assert.Contains("interlink --help", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_format_value_names_the_value_and_the_valid_ones()
    {
        var result = App.Run("validate", "--format", "xml", Repo.Example("seed.yaml"));

        Assert.Contains("'xml'", result.Output, StringComparison.Ordinal);
        Assert.Contains("Json", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Help_exits_0_and_lists_every_command()
    {
        var result = App.Run("--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var command in CommandList.Listed)
            Assert.Contains(result.Lines, l => CommandList.IsListedOn(l, command));
    }
}
