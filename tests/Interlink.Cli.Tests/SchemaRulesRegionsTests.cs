using System.Text.Json;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

public sealed class SchemaRulesRegionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Schema_prints_a_json_schema_that_parses()
    {
        var result = App.Run("schema");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Contains("json-schema.org", json.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("properties").ValueKind);
    }

    [Fact]
    public void Schema_output_option_writes_the_same_schema_to_the_file()
    {
        var path = _temp.File("interlink.schema.json");

        var result = App.Run("schema", "-o", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(path, result.Output, StringComparison.Ordinal);
        var written = File.ReadAllText(path);
        using var json = JsonDocument.Parse(written);
        Assert.Equal(App.Run("schema").Output.Trim(), written.Trim());
        Assert.Equal(["interlink.schema.json"], _temp.FileNames());
    }

    [Fact]
    public void Schema_output_into_a_missing_directory_exits_2_and_writes_nothing()
    {
        var result = App.Run("schema", "--output", Path.Combine(_temp.File("missing"), "schema.json"));

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.StartsWith("error: ", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.Empty(_temp.FileNames());
    }

    [Fact]
    public void Rules_lists_every_rule_code_including_IL010_and_IL032()
    {
        var result = App.Run("rules");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(result.Lines, l => l.Contains("IL010", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("IL032", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("IL001", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_also_lists_every_security_rule_reachability_code_and_update_consequence()
    {
        var result = App.Run("rules");

        foreach (var (code, _, _) in Interlink.Analysis.Diff.UpdateConsequences.Codes)
            Assert.Contains(result.Lines, l => l.Contains(code, StringComparison.Ordinal));

        foreach (var rule in Interlink.Analysis.Security.SecurityRules.All)
            Assert.Contains(result.Lines, l => l.Contains(rule.Id, StringComparison.Ordinal));
        foreach (var code in Interlink.Analysis.Reachability.ExplanationCodes.All.Keys)
            Assert.Contains(result.Lines, l => l.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_lists_the_quota_privateDns_and_acceptance_codes_and_the_per_template_quota_codes()
    {
        var result = App.Run("rules");

        foreach (var code in new[] { "IL038", "IL071", "IL080", "IL081" }.Concat(Interlink.Analysis.Quotas.StackQuotaCheck.Codes.Select(c => c.Code)))
            Assert.Contains(result.Lines, l => l.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public void Regions_lists_the_offline_catalog()
    {
        var result = App.Run("regions");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(result.Lines, l => l.Contains("us-east-1", StringComparison.Ordinal) && l.Contains("use1-az1", StringComparison.Ordinal));
    }
}
