using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using static Interlink.Core.Tests.Loading.LoaderTestKit;

namespace Interlink.Core.Tests.Loading;

/// <summary>
/// A bad indentation is reported at the line and column where it is, with the indentation the lines around it use
/// (the base design's lines: 7 '  vpc:', 8 '    cidr', 9 '    azs', 13 '  - region', 18 '  - name', 19 '    region').
/// </summary>
public class IndentationTests
{
    private static Diagnostic IndentationError(string text)
    {
        var result = Load(text);
        Assert.Null(result.Config);
        var error = Single(result, LoadCodes.YamlSyntax);
        Assert.StartsWith("bad indentation: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("YamlDotNet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("While parsing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.ToOneLine(), StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void A_key_one_space_too_far_in_the_middle_of_a_mapping_points_at_that_key_and_its_siblings_indentation()
    {
        var error = IndentationError(Replace(Valid, "    azs: [use1-az1", "     azs: [use1-az1"));

        Assert.Equal(new SourceLocation(FileName, 9, 6), error.Location);
        Assert.Equal("bad indentation: 'azs' is indented 5 spaces, but the keys of provider.vpc around it are indented 4 spaces (like 'cidr' on line 8)", error.Message);
        Assert.Equal("indent 'azs' 4 spaces, the same as 'cidr' on line 8", error.Fix);
    }

    [Fact]
    public void A_key_one_space_too_short_lines_up_with_no_block_and_names_both_neighbours()
    {
        var error = IndentationError(Replace(Valid, "    azs: [use1-az1", "   azs: [use1-az1"));

        Assert.Equal(new SourceLocation(FileName, 9, 4), error.Location);
        Assert.Equal("bad indentation: 'azs' is indented 3 spaces, which lines up with no block around it: the keys of provider.vpc are indented 4 spaces (like 'cidr' on line 8), the keys of provider 2 spaces", error.Message);
        Assert.Equal("indent 'azs' 4 spaces, the same as 'cidr' on line 8", error.Fix);
    }

    [Fact]
    public void An_indented_top_level_key_is_told_to_start_at_the_beginning_of_the_line()
    {
        var error = IndentationError(Replace(Valid, "mode: relay", " mode: relay"));

        Assert.Equal(new SourceLocation(FileName, 2, 2), error.Location);
        Assert.Contains("the top-level keys around it are indented 0 spaces (like 'name' on line 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal("start 'mode' at the beginning of the line, the same as 'name' on line 1", error.Fix);
    }

    [Theory]
    [InlineData("     region: us-west-2", 6)] // one too far: YamlDotNet reads it as the continuation of 'west'
    [InlineData("   region: us-west-2", 4)]   // one too short: between the item's keys and the list
    public void A_key_of_a_list_item_out_of_line_with_the_item_s_first_key_points_at_that_key(string misaligned, int column)
    {
        var error = IndentationError(Replace(Valid, "    region: us-west-2", misaligned));

        Assert.Equal(new SourceLocation(FileName, 19, column), error.Location);
        Assert.Contains("the keys of consumers[0]", error.Message, StringComparison.Ordinal);
        Assert.Equal("indent 'region' 4 spaces, the same as 'name' on line 18", error.Fix);
    }

    [Fact]
    public void A_list_item_whose_dash_is_out_of_line_with_the_list_points_at_the_dash()
    {
        var text = Replace(Valid, "consumers:\n", "   - region: eu-west-1\nconsumers:\n");

        var error = IndentationError(text);

        Assert.Equal(new SourceLocation(FileName, 17, 4), error.Location);
        Assert.Equal("bad indentation: this '-' item is indented 3 spaces, which lines up with no block around it: the items ('-') of relays are indented 2 spaces (like the '-' on line 13)", error.Message);
        Assert.Equal("indent this '-' item 2 spaces, the same as the '-' on line 13", error.Fix);
    }

    [Fact]
    public void A_tab_as_indentation_points_at_the_tab_not_at_the_top_of_the_file_and_offers_the_levels_it_can_mean()
    {
        var error = IndentationError(Replace(Valid, "  targets:", "\ttargets:"));

        Assert.Equal(new SourceLocation(FileName, 10, 1), error.Location);
        Assert.Equal("bad indentation: 'targets' is indented with a tab", error.Message);
        Assert.Equal("replace the tab with spaces (YAML allows no tabs in indentation): 4 spaces like 'azs' on line 9, or 2 spaces like 'vpc' on line 7", error.Fix);
    }

    [Fact]
    public void A_tab_after_spaces_points_at_the_tab_s_column()
    {
        var error = IndentationError(Replace(Valid, "  region: us-east-1", "  \tregion: us-east-1"));

        Assert.Equal(new SourceLocation(FileName, 6, 3), error.Location);
        Assert.Contains("2 spaces to put it inside 'provider' on line 5", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_at_their_key_s_indentation_block_text_and_flow_values_over_lines_are_read_as_yaml_reads_them()
    {
        // Legal YAML the line model must follow to reach the real mistake on the last line.
        var text = Replace(Valid, "relays:\n  - region: us-west-2\n    vpc:\n      cidr: 10.11.0.0/16\n      azs: [usw2-az1, usw2-az2]\n",
            "relays:\n- region: us-west-2\n  vpc:\n    cidr: 10.11.0.0/16\n    azs: [usw2-az1,\n      usw2-az2]\n") + $"""

            tags:
              Note: |
                text: that looks like a key
                  indented: anyhow
                {"\t"}and a tab after the indentation, which is text
              List:
                - >
                  folded: text
              Owner: "team: networking"
               Cost: centre
            """;

        var error = IndentationError(text);

        Assert.Equal(33, error.Location!.Value.Line);
        Assert.Equal("indent 'Cost' 2 spaces, the same as 'Owner' on line 32", error.Fix);
    }

    [Fact]
    public void Other_syntax_errors_keep_the_parser_s_explanation()
    {
        var error = Single(Load(Replace(Valid, "  region: us-east-1", "  region: [us-east-1")), LoadCodes.YamlSyntax);

        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_one_level_too_shallow_is_valid_yaml_so_the_unknown_key_says_which_block_it_belongs_to()
    {
        var result = Load(Replace(Valid, "    azs: [use1-az1, use1-az2]\n", "  azs: [use1-az1, use1-az2]\n"));

        var unknown = Single(result, LoadCodes.UnknownKey);
        Assert.Equal("provider.azs", unknown.Path);
        Assert.Equal(9, unknown.Location!.Value.Line);
        Assert.StartsWith("'azs' is a key of provider.vpc: indent it like the keys under 'vpc' (line 8), or use one of: ", unknown.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_beside_a_flow_mapping_it_belongs_in_is_told_to_move_inside_the_braces()
    {
        var text = Replace(Valid, "  - region: us-west-2\n    vpc:\n      cidr: 10.11.0.0/16\n      azs: [usw2-az1, usw2-az2]\n",
            "  - region: us-west-2\n    natGateways: 1\n    vpc: { cidr: 10.11.0.0/16, azs: [usw2-az1, usw2-az2] }\n");

        var unknown = Single(Load(text), LoadCodes.UnknownKey);

        Assert.Equal("relays[0].natGateways", unknown.Path);
        Assert.StartsWith("'natGateways' is a key of relays[0].vpc: move it inside the { } of 'vpc' (line 15)", unknown.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_first_key_of_a_block_is_the_odd_one_the_fix_offers_to_move_it_instead()
    {
        // 'region' (line 6) sets the provider's keys at 3 spaces; 'vpc' on line 7 is at 2, as the rest of the file indents.
        var error = IndentationError(Replace(Valid, "  region: us-east-1", "   region: us-east-1"));

        Assert.Equal(new SourceLocation(FileName, 7, 3), error.Location);
        Assert.Equal("indent 'vpc' 3 spaces, the same as 'region' on line 6, or, if 'region' on line 6 is the one out of line, move it to column 3", error.Fix);
    }

    public static TheoryData<string> Examples =>
        new(Directory.GetFiles(Path.Combine(Interlink.Testing.RepoRoot.Path, "examples"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Examples))]
    public void In_every_example_any_line_shifted_one_space_or_indented_with_a_tab_is_named_at_that_line_or_the_next(string example)
    {
        var lines = File.ReadAllLines(Path.Combine(Interlink.Testing.RepoRoot.Path, "examples", example));
        for (var i = 0; i < lines.Length; i++)
        {
            var content = lines[i].TrimStart();
            if (content.Length == 0 || content.StartsWith('#'))
                continue;
            string?[] shifts = [" " + lines[i], lines[i].StartsWith(' ') ? lines[i][1..] : null, "\t" + content];
            foreach (var shifted in shifts.OfType<string>())
            {
                var text = string.Join('\n', lines.Select((l, n) => n == i ? shifted : l));

                var syntax = Load(text).Diagnostics.Items.Where(d => d.Code == LoadCodes.YamlSyntax).ToList();

                // Some shifts are still valid YAML (a lone child); the rest must name the line that moved, or the
                // next one when the moved line was the first of its block and so set the block's indentation.
                if (syntax.Count == 0)
                    continue;
                var error = Assert.Single(syntax);
                Assert.StartsWith("bad indentation: ", error.Message, StringComparison.Ordinal);
                Assert.InRange(error.Location!.Value.Line, i + 1, i + 2);
            }
        }
    }
}
