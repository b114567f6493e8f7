using System.Text.Json;
using System.Text.RegularExpressions;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> ValidExamples => new(Repo.ValidExamples.Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Every_valid_example_exits_0_with_one_valid_summary_line(string example)
    {
        var path = Repo.Example(example);

        var result = App.Run("validate", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var summary = Assert.Single(result.Lines, l => l.StartsWith($"{path}: valid (", StringComparison.Ordinal));
        Assert.Matches(@"; 0 errors, \d+ warnings?, \d+ notes?\)$", summary);
        Assert.DoesNotContain(" error IL", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void All_invalid_examples_at_once_exit_2_with_an_invalid_summary_for_each_and_findings_in_one_line_form()
    {
        var paths = Repo.InvalidExamples;
        Assert.NotEmpty(paths);

        var result = App.Run(["validate", .. paths]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        foreach (var path in paths)
        {
            Assert.Contains(result.Lines, l => l.StartsWith($"{path}: invalid (", StringComparison.Ordinal));
            Assert.Contains(result.Lines, l => Regex.IsMatch(l, $@"^{Regex.Escape(path)}(:\d+:\d+)?: error IL\d{{3}} .*; fix: "));
        }

        Assert.DoesNotContain(result.Lines, l => l.Contains(": valid (", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_config_exits_2_with_one_line_per_finding_giving_file_line_column_code_path_message_and_fix()
    {
        var path = _temp.Write("interlink.yaml", Configs.TwoErrors);

        var result = App.Run("validate", path);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var findings = result.Lines.Where(l => l.Contains(" error IL", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, findings.Count);
        Assert.StartsWith($"{path}:9:16: error IL010 provider.vpc.cidr: '10.20.0.0/33'", findings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:20:13: error IL032 consumers[1].region: consumer 'tokyo'", findings[1], StringComparison.Ordinal);
        Assert.All(findings, l => Assert.Matches(@"^.+:\d+:\d+: error IL\d{3} \S+: .+; fix: .+$", l));
        Assert.Equal($"{path}: invalid (2 errors, 0 warnings, 0 notes)", result.Lines[^1]);
    }

    [Fact]
    public void Several_files_exit_2_when_any_is_invalid_and_each_gets_its_summary()
    {
        var valid = Repo.Example("seed.yaml");
        var invalid = _temp.Write("bad.yaml", Configs.TwoErrors);

        var result = App.Run("validate", valid, invalid);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains(result.Lines, l => l.StartsWith($"{valid}: valid (", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith($"{invalid}: invalid (", StringComparison.Ordinal));
    }

    [Fact]
    public void Acceptance_off_for_another_account_validates_with_a_warning_that_plan_and_deploy_refuse_ILS002()
    {
        var text = File.ReadAllText(Repo.Example("seed.yaml"))
            .Replace("  targetPort: 8080", "  acceptanceRequired: false\n  targetPort: 8080", StringComparison.Ordinal);
        Assert.Contains("acceptanceRequired: false", text, StringComparison.Ordinal);
        var path = _temp.Write("acceptance-off.yaml", text);

        var result = App.Run("validate", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var warning = Assert.Single(result.Lines, l => l.Contains(" warning IL071 service.acceptanceRequired: ", StringComparison.Ordinal));
        Assert.Contains("ILS002", warning, StringComparison.Ordinal);
        Assert.Contains("'deploy' refuses it", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_valid_files_exit_0()
    {
        var result = App.Run("validate", Repo.Example("seed.yaml"), Repo.Example("native.yaml"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(2, result.Lines.Count(l => l.Contains(": valid (", StringComparison.Ordinal)));
    }

    [Fact]
    public void Json_format_reports_validity_codes_paths_lines_and_columns_as_one_document()
    {
        var path = _temp.Write("interlink.yaml", Configs.TwoErrors);

        var result = App.Run("validate", path, "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal(path, file.GetProperty("file").GetString());
        Assert.False(file.GetProperty("valid").GetBoolean());
        var diagnostics = file.GetProperty("diagnostics").EnumerateArray().ToList();
        var cidr = Assert.Single(diagnostics, d => d.GetProperty("code").GetString() == "IL010");
        Assert.Equal("error", cidr.GetProperty("severity").GetString());
        Assert.Equal("provider.vpc.cidr", cidr.GetProperty("path").GetString());
        Assert.Equal(9, cidr.GetProperty("line").GetInt32());
        Assert.Equal(16, cidr.GetProperty("column").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(cidr.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(cidr.GetProperty("fix").GetString()));
        var relay = Assert.Single(diagnostics, d => d.GetProperty("code").GetString() == "IL032");
        Assert.Equal("consumers[1].region", relay.GetProperty("path").GetString());
        Assert.Equal(20, relay.GetProperty("line").GetInt32());
        Assert.Equal(13, relay.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Json_format_on_valid_files_says_valid_and_exits_0()
    {
        var result = App.Run("validate", "-f", "json", Repo.Example("seed.yaml"), Repo.Example("native.yaml"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.True(f.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public void Json_format_with_one_invalid_file_among_valid_ones_is_invalid()
    {
        var invalid = _temp.Write("bad.yaml", Configs.TwoErrors);

        var result = App.Run("validate", "--format", "json", Repo.Example("seed.yaml"), invalid);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal([true, false], json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public void A_missing_file_exits_2_with_IL001_naming_the_file()
    {
        var missing = _temp.File("nope.yaml");

        var result = App.Run("validate", missing);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains(result.Lines, l => l.StartsWith($"{missing}: error IL001 ", StringComparison.Ordinal) && l.Contains("; fix: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_in_json_format_is_an_IL001_diagnostic()
    {
        var missing = _temp.File("nope.yaml");

        var result = App.Run("validate", "--format", "json", missing);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Contains(file.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "IL001");
    }

    [Fact]
    public void A_bad_indentation_exits_2_with_one_line_naming_file_line_column_what_was_expected_and_the_fix()
    {
        var text = File.ReadAllText(Repo.Example("seed.yaml")).Replace("  region: us-east-1\n", "   region: us-east-1\n", StringComparison.Ordinal);
        var path = _temp.Write("indented.yaml", text);

        var result = App.Run("validate", path);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Equal(
            $"{path}:16:4: error IL002 bad indentation: 'region' is indented 3 spaces, but the keys of provider around it are indented 2 spaces (like 'account' on line 15); fix: indent 'region' 2 spaces, the same as 'account' on line 15",
            result.Lines[0]);
        Assert.Equal($"{path}: invalid (1 error, 0 warnings, 0 notes)", result.Lines[^1]);
        Assert.Equal(2, result.Lines.Count);
    }

    [Fact]
    public void O_writes_the_text_report_to_the_file_and_prints_only_where_it_went()
    {
        var invalid = _temp.Write("bad.yaml", Configs.TwoErrors);
        var report = _temp.File("validation.txt");
        var printed = App.Run("validate", Repo.Example("seed.yaml"), invalid);

        var result = App.Run("validate", Repo.Example("seed.yaml"), invalid, "-o", report);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Equal([$"wrote the validation report to {report}: invalid"], result.Lines);
        Assert.Equal(printed.Output, File.ReadAllText(report));
    }

    [Fact]
    public void Output_with_json_format_writes_the_json_document_to_the_file()
    {
        var report = _temp.File("validation.json");

        var result = App.Run("validate", Repo.Example("seed.yaml"), "--format", "json", "--output", report);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal([$"wrote the validation report to {report}: valid"], result.Lines);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(App.Run("validate", Repo.Example("seed.yaml"), "--format", "json").Output, File.ReadAllText(report));
    }

    [Fact]
    public void O_naming_a_directory_is_refused_before_anything_is_written()
    {
        var result = App.Run("validate", Repo.Example("seed.yaml"), "-o", _temp.Path);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("is a directory", result.Output, StringComparison.Ordinal);
    }
}
