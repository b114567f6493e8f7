using Interlink.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace Interlink.Cli.Tests;

/// <summary>
/// Options and help follow one convention: -o|--output is where a command writes what it would print, --cdk-out is
/// the assembly directory synthesis writes; bare 'interlink' is bad usage (help, exit 2) as bare 'git' is.
/// </summary>
public sealed class OptionConventionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // Synthesis runs in its own process here: the jsii runtime is not safe for two in-process syntheses at once,
    // and DeployCommandTests synthesizes in-process in parallel with this class.
    [Fact]
    public void Plan_o_writes_the_report_file_and_cdk_out_the_assembly_directory_and_the_old_out_still_works()
    {
        var report = _temp.File("plan.md");
        var assembly = _temp.File("assembly");
        var old = _temp.File("plan-old.txt");

        var result = CliProcess.Run(new Dictionary<string, string>(), "plan", Repo.Example("seed.yaml"), "--format", "markdown", "-o", report, "--cdk-out", assembly);
        var again = App.Run("plan", "--assembly", assembly, "--out", old);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(File.Exists(report), "plan -o FILE writes the report to FILE");
        Assert.StartsWith("#", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(assembly, "manifest.json")), "--cdk-out DIR holds the cloud assembly");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.True(File.Exists(old), "--out FILE, the deprecated spelling of -o FILE, still writes the report");
    }

    [Fact]
    public void Synth_takes_o_and_cdk_out_for_its_assembly_directory()
    {
        var help = App.Run("synth", "--help");

        // Spectre lists the first long name only; the description names the other.
        Assert.Contains(help.Lines, l => l.Contains("-o, --output <DIR>", StringComparison.Ordinal) && l.Contains("--cdk-out", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_o_with_an_existing_directory_is_refused_with_the_new_spelling()
    {
        var result = App.Run("plan", Repo.Example("seed.yaml"), "-o", _temp.Path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--cdk-out", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_and_diff_take_o_for_their_report()
    {
        var usage = App.Run("compare", "--help");
        var diff = App.Run("diff", "--help");

        Assert.Contains(usage.Lines, l => l.Contains("-o, --output <FILE>", StringComparison.Ordinal));
        Assert.Contains(diff.Lines, l => l.Contains("-o, --output <FILE>", StringComparison.Ordinal));
        Assert.Contains(diff.Lines, l => l.Contains("--cdk-out <DIR>", StringComparison.Ordinal));
    }

    [Fact]
    public void Bare_interlink_prints_help_and_exits_2()
    {
        var result = App.Run();

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("USAGE:", StringComparison.Ordinal));
    }

    [Fact]
    public void Interlink_help_is_help_and_help_COMMAND_is_that_command_s_help()
    {
        var all = App.Run("help");
        var plan = App.Run("help", "plan");

        Assert.True(all.ExitCode == ExitCodes.Ok, all.ToString());
        foreach (var command in CommandList.Listed)
            Assert.Contains(all.Lines, l => CommandList.IsListedOn(l, command));
        Assert.True(plan.ExitCode == ExitCodes.Ok, plan.ToString());
        Assert.Contains("interlink plan [FILE]", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lines_carry_no_trailing_blanks_on_a_wide_terminal()
    {
        var console = new TestConsole().Width(150);

        InterlinkApp.Run(["plan", "--help"], console);

        var lines = console.Output.Split('\n');
        Assert.All(lines, l => Assert.False(l.EndsWith(' '), $"trailing blanks: '{l}'"));
        Assert.Contains(lines, l => l.Contains("--format", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_shows_each_default_once_as_users_type_it()
    {
        var help = App.Run("plan", "--help");

        var format = Assert.Single(help.Lines, l => l.TrimStart().StartsWith("-f, --format", StringComparison.Ordinal));
        Assert.Contains(" text ", format, StringComparison.Ordinal);
        Assert.DoesNotContain("Text", format, StringComparison.Ordinal);
        var traffic = Assert.Single(help.Lines, l => l.TrimStart().StartsWith("-t, --traffic", StringComparison.Ordinal));
        Assert.DoesNotContain("default", traffic, StringComparison.OrdinalIgnoreCase);
        var cdkOut = Assert.Single(help.Lines, l => l.TrimStart().StartsWith("--cdk-out", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(cdkOut, "cdk\\.out"));
    }

    [Fact]
    public void Rules_piped_is_a_list_no_wider_than_its_longest_sentence()
    {
        var result = App.Run("rules");

        Assert.DoesNotContain('│', result.Output);
        Assert.Contains(result.Lines, l => l.StartsWith("  ILS", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.TrimStart().StartsWith("fix: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_on_a_terminal_is_tables()
    {
        var console = new TestConsole().Width(200);

        InterlinkApp.Run(["rules"], console);

        Assert.Contains('│', console.Output);
    }

    [Fact]
    public void Destroy_help_says_it_deletes_the_designs_stacks_and_the_recorded_stacks_the_design_no_longer_has()
    {
        var help = App.Run("destroy", "--help");

        Assert.Equal(0, help.ExitCode);
        var text = string.Join(" ", help.Lines.Select(l => l.Trim()));
        Assert.Contains("Delete every stack deploy made for this design, last phase first", text, StringComparison.Ordinal);
        Assert.Contains("the stacks the deployed record (.interlink/NAME.deployed, beside the config) still holds that the config no longer has", text, StringComparison.Ordinal);
        Assert.Contains("remaining endpoint connections are rejected", text, StringComparison.Ordinal);
        Assert.Contains("interlink destroy examples/seed.yaml --dry-run", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_list_shows_each_command_s_first_sentence_and_the_command_s_help_the_whole_description()
    {
        var all = App.Run("--help");
        var destroy = App.Run("destroy", "--help");

        Assert.Contains(all.Lines, l => l.Trim() == "destroy     Delete every stack deploy made for this design, last phase first");
        Assert.DoesNotContain(".interlink/NAME.deployed", all.Output, StringComparison.Ordinal);
        Assert.Contains(".interlink/NAME.deployed", destroy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_takes_o_for_its_report_and_every_format_option_lists_its_values_the_same_way()
    {
        var validate = App.Run("validate", "--help");
        var compare = App.Run("compare", "--help");

        Assert.Contains(validate.Lines, l => l.Contains("-o, --output <FILE>", StringComparison.Ordinal) && l.Contains(Interlink.Cli.Commands.OutputOptions.ReportDescription.TrimEnd('.'), StringComparison.Ordinal));
        Assert.Contains(validate.Lines, l => l.Contains("-f, --format <FORMAT>", StringComparison.Ordinal) && l.TrimEnd().EndsWith("text or json", StringComparison.Ordinal));
        Assert.Contains(compare.Lines, l => l.Contains("-f, --format <FORMAT>", StringComparison.Ordinal) && l.TrimEnd().EndsWith("text, json or markdown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("synth")]
    [InlineData("plan")]
    [InlineData("diff")]
    [InlineData("compare")]
    [InlineData("deploy")]
    [InlineData("destroy")]
    [InlineData("probe")]
    [InlineData("status")]
    [InlineData("demo")]
    [InlineData("init")]
    [InlineData("schema")]
    [InlineData("lab", "up")]
    public void Every_command_that_takes_a_file_or_writes_one_shows_an_example(params string[] command)
    {
        var help = App.Run([.. command, "--help"]);

        Assert.True(help.ExitCode == ExitCodes.Ok, help.ToString());
        var examples = help.Lines.SkipWhile(l => l != "EXAMPLES:").Skip(1).TakeWhile(l => l.StartsWith(' ')).ToList();
        Assert.True(examples.Count > 0, help.ToString());
        Assert.All(examples, e => Assert.StartsWith($"    interlink {string.Join(' ', command)}", e, StringComparison.Ordinal));
    }
}
