using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using Interlink.Core.Model;
using static Interlink.Core.Tests.Loading.LoaderTestKit;

namespace Interlink.Core.Tests.Loading;

// Over ~400 lines on purpose: a list of specs, one per kind of bad input the loader must answer with a one-line coded
// error (positions, unknown keys, wrong types, missing keys, duplicates, malformed YAML, files), each with its YAML
// inline so that the spec reads on its own; there is no logic here to split.
public class ConfigLoaderTests
{
    [Fact]
    public void The_base_design_loads_and_validates_cleanly()
    {
        var report = Validate(Valid);
        Assert.True(report.IsValid, Dump(report.Diagnostics));
        Assert.Empty(report.Of(Severity.Error));
        Assert.Equal("demo", report.Config!.Name);
        Assert.Equal(DeployMode.Relay, report.Config.Mode);
        Assert.Equal(80, report.Config.Service.TargetPort);
        Assert.Equal(2, report.Config.Provider.Targets.Instances);
    }

    // ---- positions -------------------------------------------------------------------------------

    private const string TwoConsumers = """
        name: demo
        service: { port: 80 }
        provider:
          region: us-east-1
          vpc: { cidr: 10.10.0.0/16, azs: [use1-az1, use1-az2] }
        relays:
          - region: us-west-2
            vpc: { cidr: 10.11.0.0/16, azs: [usw2-az1, usw2-az2] }
        consumers:
          - name: a
            region: us-west-2
            vpc: { cidr: 10.12.0.0/16, azs: [usw2-az1] }
          - name: b
            region: us-west-2
            vpc:
              azs: [usw2-az1]
              cidr: 10.13.0.1/16
        """;

    [Fact]
    public void A_rule_error_in_a_nested_list_item_points_at_the_line_and_column_of_its_value()
    {
        var report = Validate(TwoConsumers);
        var cidr = Single(report.Diagnostics, "IL010");
        Assert.Equal("consumers[1].vpc.cidr", cidr.Path);
        Assert.Equal(new SourceLocation(FileName, 17, 13), cidr.Location); // '      cidr: 10.13.0.1/16': the value
        Assert.Contains("10.13.0.0/16", cidr.Fix);
    }

    [Fact]
    public void A_wrong_type_in_a_nested_list_item_points_at_its_value()
    {
        var text = Replace(TwoConsumers, "cidr: 10.13.0.1/16", "cidr: [10.13.0.0/16]");
        var wrong = Single(Load(text), LoadCodes.WrongType);
        Assert.Equal("consumers[1].vpc.cidr", wrong.Path);
        Assert.Equal(17, wrong.Location!.Value.Line);
        Assert.Equal(13, wrong.Location!.Value.Column);
    }

    [Fact]
    public void A_missing_key_is_reported_at_the_mapping_that_should_hold_it()
    {
        var text = Replace(TwoConsumers, "\n      cidr: 10.13.0.1/16", "");
        var missing = Single(Load(text), LoadCodes.MissingKey);
        Assert.Equal("consumers[1].vpc.cidr", missing.Path);
        Assert.Equal(16, missing.Location!.Value.Line); // at the mapping under 'vpc:', its value
        Assert.Equal(7, missing.Location!.Value.Column);
    }

    [Fact]
    public void Positions_in_flow_mappings_point_inside_the_braces()
    {
        var text = Replace(TwoConsumers, "vpc: { cidr: 10.12.0.0/16,", "vpc: { cidr: 10.12.0.0/99,");
        var cidr = Validate(text).Diagnostics.Single(d => d.Path == "consumers[0].vpc.cidr");
        Assert.Equal("IL010", cidr.Code);
        Assert.Equal(new SourceLocation(FileName, 12, 18), cidr.Location); // the value after '{ cidr: ' 
    }

    [Fact]
    public void Diagnostics_are_ordered_by_position_in_the_file()
    {
        var text = Replace(Replace(Valid, "port: 80", "port: 0"), "name: west", "name: West");
        var lines = Validate(text).Diagnostics.Select(d => d.Location?.Line ?? 0).ToList();
        Assert.True(lines.Count >= 2);
        Assert.Equal(lines.Order(), lines);
    }

    // ---- unknown keys ----------------------------------------------------------------------------

    [Fact]
    public void A_mistyped_key_is_reported_with_the_key_it_probably_meant()
    {
        var text = Replace(Valid, "    azs: [use1-az1, use1-az2]\n", "    azs: [use1-az1, use1-az2]\n    privatSubnets: [10.10.1.0/24, 10.10.3.0/24]\n");
        var unknown = Single(Load(text), LoadCodes.UnknownKey);
        Assert.Equal("provider.vpc.privatSubnets", unknown.Path);
        Assert.Contains("did you mean 'privateSubnets'?", unknown.Message);
        Assert.Equal(new SourceLocation(FileName, 10, 5), unknown.Location);
        Assert.Contains("privateSubnets", unknown.Fix);
        Assert.Equal(Severity.Error, unknown.Severity);
    }

    [Fact]
    public void A_far_off_key_is_reported_without_a_suggestion()
    {
        var text = Replace(Valid, "mode: relay", "mode: relay\nzzzzzzzz: 1");
        var unknown = Single(Load(text), LoadCodes.UnknownKey);
        Assert.Equal("zzzzzzzz", unknown.Path);
        Assert.DoesNotContain("did you mean", unknown.Message);
        Assert.Contains("consumers", unknown.Fix); // lists the keys that are allowed
    }

    [Fact]
    public void Keys_are_case_sensitive_and_a_case_slip_is_suggested()
    {
        var text = Replace(Valid, "  targets:", "  Targets:");
        var unknown = Single(Load(text), LoadCodes.UnknownKey);
        Assert.Contains("did you mean 'targets'?", unknown.Message);
    }

    [Fact]
    public void An_unknown_key_does_not_hide_the_other_problems_of_the_file()
    {
        var text = Replace(Replace(Valid, "mode: relay", "mdoe: relay"), "port: 80", "port: http");
        var codes = Load(text).Diagnostics.Items.Select(d => d.Code).ToList();
        Assert.Contains(LoadCodes.UnknownKey, codes);
        Assert.Contains(LoadCodes.WrongType, codes);
    }

    // ---- wrong types -----------------------------------------------------------------------------

    [Fact]
    public void A_list_where_a_mapping_belongs_is_a_wrong_type()
    {
        var text = Replace(Valid, "service:\n  port: 80", "service:\n  - port: 80");
        var wrong = Single(Load(text), LoadCodes.WrongType);
        Assert.Equal("service", wrong.Path);
        Assert.Contains("expected a mapping", wrong.Message);
        Assert.Contains("found a list", wrong.Message);
    }

    [Fact]
    public void Text_where_a_number_belongs_is_a_wrong_type_naming_the_text()
    {
        var text = Replace(Valid, "port: 80", "port: eighty");
        var wrong = Single(Load(text), LoadCodes.WrongType);
        Assert.Equal("service.port", wrong.Path);
        Assert.Contains("'eighty' is not a whole number", wrong.Message);
        Assert.Equal(new SourceLocation(FileName, 4, 9), wrong.Location); // '  port: eighty': the value
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("8.5")]
    [InlineData("0x50")]
    public void A_number_that_is_not_a_32_bit_whole_number_is_a_wrong_type(string value)
    {
        var wrong = Single(Load(Replace(Valid, "port: 80", $"port: {value}")), LoadCodes.WrongType);
        Assert.Equal("service.port", wrong.Path);
    }

    [Fact]
    public void A_protocol_name_where_a_port_belongs_is_a_wrong_type_whose_fix_names_the_port()
    {
        var wrong = Single(Load(Replace(Valid, "port: 80", "port: https")), LoadCodes.WrongType);
        Assert.Equal("service.port", wrong.Path);
        Assert.Equal("write the port number: 443 for https", wrong.Fix);
    }

    [Fact]
    public void A_mapping_where_a_single_value_belongs_is_a_wrong_type()
    {
        var wrong = Single(Load(Replace(Valid, "region: us-east-1", "region: { name: us-east-1 }")), LoadCodes.WrongType);
        Assert.Equal("provider.region", wrong.Path);
        Assert.Contains("a single value", wrong.Message);
    }

    [Fact]
    public void A_single_value_where_a_list_belongs_is_a_wrong_type()
    {
        var wrong = Single(Load(Replace(Valid, "azs: [use1-az1, use1-az2]", "azs: use1-az1")), LoadCodes.WrongType);
        Assert.Equal("provider.vpc.azs", wrong.Path);
        Assert.Contains("a list", wrong.Message);
    }

    [Fact]
    public void A_word_that_is_not_true_or_false_is_a_wrong_type()
    {
        var wrong = Single(Load(Replace(Valid, "    region: us-west-2\n    vpc:\n      cidr: 10.12", "    region: us-west-2\n    client: yes\n    vpc:\n      cidr: 10.12")), LoadCodes.WrongType);
        Assert.Equal("consumers[0].client", wrong.Path);
        Assert.Contains("not true or false", wrong.Message);
    }

    [Theory]
    [InlineData("relais", "relay")]
    [InlineData("nativ", "native")]
    public void An_unknown_mode_is_a_wrong_type_with_a_suggestion(string written, string meant)
    {
        var wrong = Single(Load(Replace(Valid, "mode: relay", $"mode: {written}")), LoadCodes.WrongType);
        Assert.Equal("mode", wrong.Path);
        Assert.Contains($"did you mean '{meant}'?", wrong.Message);
        Assert.Contains("relay | native", wrong.Fix);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("http,https")]
    [InlineData("tcp, http")]
    public void Only_a_single_protocol_name_is_accepted(string protocol)
    {
        var text = Replace(Valid, "  port: 80\n", $"  port: 80\n  healthCheck:\n    protocol: {protocol}\n");
        var result = Load(text);
        var wrong = Single(result, LoadCodes.WrongType);
        Assert.Equal("service.healthCheck.protocol", wrong.Path);
        Assert.True(Enum.IsDefined(result.Config!.Service.HealthCheck.Protocol));
    }

    [Fact]
    public void Mode_names_are_read_case_insensitively()
    {
        var result = Load(Replace(Valid, "mode: relay", "mode: Native"));
        Assert.Empty(result.Diagnostics.Items);
        Assert.Equal(DeployMode.Native, result.Config!.Mode);
    }

    // ---- missing keys ----------------------------------------------------------------------------

    [Theory]
    [InlineData("name: demo\n", "name", "")]
    [InlineData("  port: 80\n", "service.port", "  targetPort: 80\n")]
    [InlineData("  region: us-east-1\n", "provider.region", "")]
    [InlineData("    cidr: 10.10.0.0/16\n", "provider.vpc.cidr", "")]
    [InlineData("    azs: [use1-az1, use1-az2]\n", "provider.vpc.azs", "")]
    [InlineData("  - name: west\n    region", "consumers[0].name", "  - region")]
    public void A_missing_required_key_is_reported_with_its_path_and_an_example(string remove, string path, string instead)
    {
        var result = Load(Replace(Valid, remove, instead));
        var missing = Single(result, LoadCodes.MissingKey);
        Assert.Equal(path, missing.Path);
        Assert.Contains("is required", missing.Message);
        Assert.StartsWith("add '", missing.Fix);
        Assert.True(missing.Location!.Value.Line > 0);
    }

    [Fact]
    public void A_missing_top_level_section_leaves_no_model_but_says_why()
    {
        var result = Load(Replace(Valid, "provider:", "provdier:"));
        Assert.Null(result.Config);
        Assert.Contains(result.Diagnostics.Items, d => d.Code == LoadCodes.MissingKey && d.Path == "provider");
        Assert.Contains(result.Diagnostics.Items, d => d.Code == LoadCodes.UnknownKey && d.Message.Contains("did you mean 'provider'?"));
    }

    [Fact]
    public void A_key_with_no_value_counts_as_missing()
    {
        var missing = Single(Load(Replace(Valid, "name: demo", "name:")), LoadCodes.MissingKey);
        Assert.Equal("name", missing.Path);
    }

    [Fact]
    public void An_empty_list_item_is_reported()
    {
        var text = Replace(Valid, "consumers:\n", "consumers:\n  -\n");
        var empty = Single(Load(text), LoadCodes.MissingKey);
        Assert.Equal("consumers[0]", empty.Path);
        Assert.Contains("empty", empty.Message);
    }

    // ---- duplicate keys, document count, conflicts --------------------------------------------------

    [Fact]
    public void A_key_written_twice_is_IL006_with_its_line()
    {
        var text = Replace(Valid, "mode: relay", "mode: relay\nmode: native");
        var result = Load(text);
        Assert.Null(result.Config);
        var duplicate = Single(result, LoadCodes.DuplicateKey);
        Assert.Equal(Severity.Error, duplicate.Severity);
        Assert.Contains("twice", duplicate.Message);
        Assert.Contains("'mode'", duplicate.Message);
        Assert.Contains("'mode'", duplicate.Fix);
        Assert.True(duplicate.Location!.Value.Line is >= 1 and <= 3, duplicate.ToOneLine());
    }

    [Theory]
    [InlineData("    region: us-east-1", 5, "region")]
    [InlineData("service: { port: 80, \"port\": 81 }", 22, "port")]
    [InlineData("service: { port: 80, 'port' : 81 }", 22, "port")]
    public void The_key_written_twice_is_read_from_where_YAML_reports_it(string line, int column, string key)
    {
        Assert.Equal(key, ConfigLoader.KeyAt("name: x\n" + line + "\n", 2, column));
    }

    [Fact]
    public void A_key_written_twice_inside_a_flow_mapping_is_IL006()
    {
        var text = Replace(Valid, "service:\n  port: 80", "service: { port: 80, port: 81 }");
        Assert.Contains("the key 'port' appears twice", Single(Load(text), LoadCodes.DuplicateKey).Message);
    }

    [Fact]
    public void Two_documents_in_one_file_are_IL007()
    {
        var result = Load(Valid + "\n---\n" + Valid);
        Assert.Null(result.Config);
        var count = Single(result, LoadCodes.DocumentCount);
        Assert.Contains("2 YAML documents", count.Message);
        Assert.Contains("---", count.Fix);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void An_empty_file_is_IL007(string text)
    {
        var result = Load(text);
        Assert.Null(result.Config);
        var empty = Single(result, LoadCodes.DocumentCount);
        Assert.Contains("empty", empty.Message);
        Assert.Contains("interlink init", empty.Fix);
    }

    [Fact]
    public void A_document_that_is_a_single_value_is_a_wrong_type()
    {
        var result = Load("hello\n");
        Assert.Null(result.Config);
        Assert.Equal(LoadCodes.WrongType, Assert.Single(result.Diagnostics.Items).Code);
    }

    [Fact]
    public void Instances_and_ips_together_are_IL008_at_ips()
    {
        var text = Replace(Valid, "    instances: 2\n", "    instances: 2\n    ips: [10.10.1.10]\n");
        var conflict = Single(Load(text), LoadCodes.ConflictingKeys);
        Assert.Equal("provider.targets.ips", conflict.Path);
        Assert.Contains("'instances' and 'ips'", conflict.Message);
        Assert.Equal(12, conflict.Location!.Value.Line);
    }

    [Fact]
    public void New_vpc_keys_on_an_existing_vpc_are_IL008()
    {
        var text = Replace(Valid, "    cidr: 10.10.0.0/16\n", "    id: vpc-0a1b2c3d\n    cidr: 10.10.0.0/16\n    subnets: [ { id: subnet-0a1b2c3d, azId: use1-az1, cidr: 10.10.1.0/24, routeTableId: rtb-0a1b2c3d } ]\n");
        var conflict = Single(Load(text), LoadCodes.ConflictingKeys);
        Assert.Equal("provider.vpc.azs", conflict.Path);
    }

    [Fact]
    public void A_host_security_group_outside_the_provider_is_IL008()
    {
        var text = Replace(Valid, "      cidr: 10.11.0.0/16\n", "      cidr: 10.11.0.0/16\n      hostSecurityGroupId: sg-0a1b2c3d\n");
        Assert.Contains(Load(text).Diagnostics.Items, d => d.Code == LoadCodes.ConflictingKeys && d.Path == "relays[0].vpc.hostSecurityGroupId");
    }

    // ---- malformed YAML, tabs, anchors ------------------------------------------------------------

    [Fact]
    public void Malformed_yaml_is_IL002_with_its_line()
    {
        var text = Replace(Valid, "  region: us-east-1", "  region: [us-east-1");
        var result = Load(text);
        Assert.Null(result.Config);
        var syntax = Single(result, LoadCodes.YamlSyntax);
        Assert.StartsWith("not valid YAML", syntax.Message);
        Assert.Contains($"line {syntax.Location!.Value.Line}", syntax.Message);
        Assert.InRange(syntax.Location!.Value.Line, 6, 8);
        Assert.Equal(Severity.Error, syntax.Severity);
    }

    [Fact]
    public void A_bad_indentation_is_IL002()
    {
        var text = Replace(Valid, "  region: us-east-1", "   region: us-east-1");
        var syntax = Single(Load(text), LoadCodes.YamlSyntax);
        Assert.InRange(syntax.Location!.Value.Line, 6, 7);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_IL002_that_mentions_tabs()
    {
        var text = Replace(Valid, "  region: us-east-1", "\tregion: us-east-1");
        var syntax = Single(Load(text), LoadCodes.YamlSyntax);
        Assert.Contains("tabs", syntax.Fix);
        Assert.Equal(6, syntax.Location!.Value.Line);
    }

    [Fact]
    public void A_tab_inside_a_value_line_after_the_indentation_is_harmless()
    {
        var result = Load(Replace(Valid, "name: demo", "name:\tdemo"));
        Assert.Empty(result.Diagnostics.Items);
        Assert.Equal("demo", result.Config!.Name);
    }

    [Fact]
    public void Anchors_and_aliases_share_a_vpc_shape()
    {
        var text = """
            name: demo
            service: { port: 80 }
            provider:
              region: us-east-1
              vpc: { cidr: 10.10.0.0/16, azs: [use1-az1, use1-az2] }
            relays:
              - region: us-west-2
                vpc: { cidr: 10.11.0.0/16, azs: &west-azs [usw2-az1, usw2-az2] }
            consumers:
              - name: a
                region: us-west-2
                vpc: &shared { cidr: 10.12.0.0/16, azs: *west-azs }
              - name: b
                region: us-west-2
                vpc: *shared
            """;
        var report = Validate(text);
        Assert.True(report.IsValid, Dump(report.Diagnostics));
        Assert.Equal(["usw2-az1", "usw2-az2"], report.Config!.Consumers[1].Vpc.Azs);
        Assert.Equal("10.12.0.0/16", report.Config.Consumers[1].Vpc.Cidr);
    }

    [Fact]
    public void An_alias_to_an_unknown_anchor_is_IL002()
    {
        var result = Load(Replace(Valid, "azs: [use1-az1, use1-az2]", "azs: *nowhere"));
        Assert.Equal(LoadCodes.YamlSyntax, Assert.Single(result.Diagnostics.Items).Code);
    }

    [Fact]
    public void Quoted_and_plain_scalars_read_the_same()
    {
        var result = Load(Replace(Replace(Valid, "port: 80", "port: \"80\""), "name: demo", "name: 'demo'"));
        Assert.Empty(result.Diagnostics.Items);
        Assert.Equal(80, result.Config!.Service.Port);
    }

    [Fact]
    public void Unquoted_account_ids_keep_their_digits()
    {
        var result = Load(Replace(Valid, "  region: us-east-1", "  account: 012345678901\n  region: us-east-1"));
        Assert.Equal("012345678901", result.Config!.Provider.Account);
    }

    // ---- files -----------------------------------------------------------------------------------

    [Fact]
    public void A_file_that_does_not_exist_is_IL001_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"interlink-missing-{Guid.NewGuid():N}", "interlink.yaml");
        var result = ConfigLoader.LoadFile(path);
        Assert.Null(result.Config);
        var unreadable = Single(result, LoadCodes.FileUnreadable);
        Assert.Contains(path, unreadable.Message);
        Assert.Contains("does not exist", unreadable.Message);
        Assert.Equal(path, unreadable.Location!.Value.File);
        Assert.Equal(0, unreadable.Location!.Value.Line);
        Assert.Equal(Severity.Error, unreadable.Severity);
    }

    [Fact]
    public void A_file_on_disk_is_read_and_located_by_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"interlink-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, Replace(Valid, "port: 80", "port: x"));
        try
        {
            var wrong = Single(ConfigLoader.LoadFile(path), LoadCodes.WrongType);
            Assert.Equal(new SourceLocation(path, 4, 9), wrong.Location);
            Assert.StartsWith($"{path}:4:9: error IL004 service.port:", wrong.ToOneLine());
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Theory]
    [InlineData("name: !!b[x demo")]
    [InlineData("azs: [ !!b[_*z }* ]")]
    public void A_malformed_tag_is_IL002_not_a_crash(string line)
    {
        var result = Load(Replace(Valid, "name: demo", line));
        Assert.Null(result.Config);
        var syntax = Single(result, LoadCodes.YamlSyntax);
        Assert.Equal(Severity.Error, syntax.Severity);
        Assert.Equal(1, syntax.Location!.Value.Line);
    }

    [Fact]
    public void Every_load_error_has_a_code_a_message_and_a_fix()
    {
        var texts = new[] { "", Valid + "\n---\n" + Valid, "a: [", "mode: relay\nmode: native", "- 1\n- 2", Replace(Valid, "port: 80", "port: x") };
        foreach (var text in texts)
        {
            foreach (var d in Load(text).Diagnostics.Items)
            {
                Assert.Matches("^IL[0-9]{3}$", d.Code);
                Assert.False(string.IsNullOrWhiteSpace(d.Message), d.ToOneLine());
                Assert.False(string.IsNullOrWhiteSpace(d.Fix), d.ToOneLine());
            }
        }
    }
}
