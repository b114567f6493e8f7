using System.Text.RegularExpressions;
using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests.Rules;

/// <summary>The rule set as a whole: stable, unique codes, each one exercised.</summary>
public partial class RuleSetTests
{
    [Fact]
    public void Every_rule_code_is_unique_and_shaped_ILnnn()
    {
        var codes = RuleSet.All.Select(r => r.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(CodeShape(), code));
    }

    [Fact]
    public void No_rule_reuses_a_loader_code_and_the_catalog_lists_each_code_once()
    {
        var loaderCodes = typeof(LoadCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Empty(RuleSet.All.Select(r => r.Code).Intersect(loaderCodes));
        var catalog = RuleCatalog.All.Select(r => r.Code).ToList();
        Assert.Equal(catalog.Count, catalog.Distinct().Count());
        Assert.Equal(RuleSet.All.Count + loaderCodes.Count, catalog.Count);
    }

    [Fact]
    public void Every_rule_has_a_title()
    {
        Assert.All(RuleSet.All, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Title), rule.Code));
    }

    [Fact]
    public void The_base_configs_the_rule_tests_mutate_are_valid_and_clean()
    {
        Expect.Clean(ConfigText.Relay);
        Expect.Clean(ConfigText.Native);
        Expect.Clean(ConfigText.ExistingProvider);
        Assert.Empty(ConfigText.Relay.Validate().Diagnostics);
    }

    [Fact]
    public void Every_error_and_warning_code_is_expected_by_some_invalid_example()
    {
        var expected = ExampleFiles.Invalid.SelectMany(ExampleFiles.ExpectedCodes).ToHashSet(StringComparer.Ordinal);
        var loaderCodes = typeof(LoadCodes).GetFields().Select(f => (string)f.GetValue(null)!).Where(c => c != LoadCodes.FileUnreadable);
        var mustBeCovered = RuleSet.All.Where(r => r.Severity is Severity.Error or Severity.Warning).Select(r => r.Code).Concat(loaderCodes);

        var uncovered = mustBeCovered.Where(code => !expected.Contains(code)).Order().ToList();
        Assert.True(uncovered.Count == 0, $"no invalid example expects: {string.Join(", ", uncovered)}");
    }

    [Fact]
    public void Every_code_an_invalid_example_expects_exists()
    {
        var known = RuleCatalog.All.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = ExampleFiles.Invalid.SelectMany(f => ExampleFiles.ExpectedCodes(f).Select(code => (File: Path.GetFileName(f), code)))
            .Where(x => !known.Contains(x.code))
            .ToList();
        Assert.True(unknown.Count == 0, $"unknown codes expected: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_rule_has_spec_tests_in_the_Rules_folder()
    {
        var folder = Path.Combine(ExampleFiles.Root, "tests", "Interlink.Core.Tests", "Rules");
        var source = string.Concat(Directory.GetFiles(folder, "*Tests.cs")
            .Where(f => Path.GetFileName(f) != "RuleSetTests.cs")
            .Select(File.ReadAllText));

        var untested = RuleSet.All.Select(r => r.Code).Where(code => !source.Contains($"\"{code}\"", StringComparison.Ordinal)).ToList();
        Assert.True(untested.Count == 0, $"rules without a spec test: {string.Join(", ", untested)}");
    }

    [GeneratedRegex(@"^IL\d{3}$")]
    private static partial Regex CodeShape();
}
