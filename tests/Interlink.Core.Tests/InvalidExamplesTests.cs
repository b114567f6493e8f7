using System.Text.RegularExpressions;
using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests;

/// <summary>
/// The example files: every file in examples/invalid is a realistic mistake whose first line,
/// <c># expect: IL017 IL014</c>, names the codes it must produce; every examples/*.yaml is a clean design.
/// </summary>
public partial class InvalidExamplesTests
{
    public static TheoryData<string> InvalidFiles() => Names(ExampleFiles.Invalid);

    public static TheoryData<string> ValidFiles() => Names(ExampleFiles.Valid);

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Each_invalid_example_is_rejected_with_every_code_it_expects_and_a_line_for_each_finding(string fileName)
    {
        var path = Path.Combine(ExampleFiles.InvalidDir, fileName);
        var expected = ExampleFiles.ExpectedCodes(path);
        Assert.NotEmpty(expected);

        var report = ConfigValidator.ValidateFile(path);

        Assert.False(report.IsValid, $"{fileName} was accepted:\n{Describe(report)}");
        Assert.NotEmpty(report.Of(Severity.Error));
        var reported = report.Diagnostics.Select(d => d.Code).ToHashSet();
        foreach (var code in expected)
            Assert.True(reported.Contains(code), $"{fileName} should report {code}; it reported:\n{Describe(report)}");
        foreach (var diagnostic in report.Diagnostics.Where(d => d.Code != LoadCodes.FileUnreadable))
        {
            Assert.NotNull(diagnostic.Location);
            Assert.True(diagnostic.Location!.Value.Line >= 1, $"no line for: {diagnostic.ToOneLine()}");
            Assert.Equal(path, diagnostic.Location.Value.File);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Each_invalid_example_says_in_its_second_line_what_the_mistake_is(string fileName)
    {
        var lines = File.ReadLines(Path.Combine(ExampleFiles.InvalidDir, fileName)).Take(2).ToList();
        Assert.Matches(ExampleFiles.ExpectLine(), lines[0]);
        Assert.StartsWith("# ", lines[1]);
        Assert.DoesNotMatch("^# expect:", lines[1]);
        Assert.True(lines[1].Length > 20, $"'{lines[1]}' does not describe the mistake");
    }

    [Fact]
    public void There_are_at_least_thirty_mistakes_beside_the_article()
    {
        Assert.Contains(ExampleFiles.Invalid, f => Path.GetFileName(f) == "article-as-published.yaml");
        Assert.True(ExampleFiles.Invalid.Count >= 31, $"only {ExampleFiles.Invalid.Count} invalid examples");
    }

    [Fact]
    public void The_article_as_published_reports_its_four_defects_at_their_paths_and_lines()
    {
        var path = Path.Combine(ExampleFiles.InvalidDir, "article-as-published.yaml");
        var lines = File.ReadAllLines(path);
        var report = ConfigValidator.ValidateFile(path);

        Assert.False(report.IsValid);

        // The consumer VPC is 10.2.0.0/16 but its subnets are 10.12.x.0/24.
        var privateSubnet = At(report, "IL017", "consumers[0].vpc.privateSubnets[0]");
        Assert.Equal(LineOf(lines, "privateSubnets: [10.12.1.0/24]"), privateSubnet.Location!.Value.Line);
        Assert.Contains("10.12.1.0/24", privateSubnet.Message);
        Assert.Contains("10.2.0.0/16", privateSubnet.Message);
        var publicSubnet = At(report, "IL017", "consumers[0].vpc.publicSubnets[0]");
        Assert.Equal(LineOf(lines, "publicSubnets: [10.12.2.0/24]"), publicSubnet.Location!.Value.Line);

        // The service_provider alias is us-west-2, but the provider VPC module uses us-east-1a.
        var providerAz = At(report, "IL014", "provider.vpc.azs[0]");
        Assert.Equal(LineOf(lines, "azs: [us-east-1a]"), providerAz.Location!.Value.Line);
        Assert.Contains("us-east-1a", providerAz.Message);
        Assert.Contains("us-west-2", providerAz.Message);

        // The consumer alias is us-east-1, but the consumer VPC module uses us-west-2a.
        var consumerAz = At(report, "IL014", "consumers[0].vpc.azs[0]");
        Assert.Equal(LineOf(lines, "azs: [us-west-2a]", after: "consumers:"), consumerAz.Location!.Value.Line);
        Assert.Contains("us-west-2a", consumerAz.Message);
        Assert.Contains("us-east-1", consumerAz.Message);

        // Nothing relays into the consumer's Region: its endpoint has no endpoint service to connect to.
        var noRelay = At(report, "IL032", "consumers[0].region");
        Assert.Equal(LineOf(lines, "region: us-east-1"), noRelay.Location!.Value.Line);
        Assert.Contains("us-east-1", noRelay.Message);

        // And what else is truly wrong: the relay sits beside the provider, in one AZ, serving nobody.
        Assert.Equal(LineOf(lines, "- region: us-west-2"), At(report, "IL035", "relays[0].region").Location!.Value.Line);
        Assert.Equal(LineOf(lines, "azs: [us-west-2a]", after: "relays:"), At(report, "IL020", "relays[0].vpc.azs").Location!.Value.Line);
        Assert.Equal(Severity.Warning, At(report, "IL033", "relays[0].region").Severity);
    }

    [Fact]
    public void A_tab_used_as_indentation_is_reported_at_the_tab_s_line_not_at_the_top_of_the_file()
    {
        var path = Path.Combine(ExampleFiles.InvalidDir, "tab-indentation.yaml");
        var tabLine = Array.FindIndex(File.ReadAllLines(path), l => l.StartsWith('\t')) + 1;

        var syntax = Assert.Single(ConfigValidator.ValidateFile(path).Diagnostics);

        Assert.Equal(LoadCodes.YamlSyntax, syntax.Code);
        Assert.True(tabLine > 2);
        Assert.Equal(tabLine, syntax.Location!.Value.Line);
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_syntax_error_at_its_line_not_a_crash()
    {
        var path = Path.Combine(ExampleFiles.InvalidDir, "unclosed-flow-list.yaml");
        var listLine = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("azs: [use1-az1, use1-az2", StringComparison.Ordinal)) + 1;

        var syntax = Assert.Single(ConfigValidator.ValidateFile(path).Diagnostics);

        Assert.Equal(LoadCodes.YamlSyntax, syntax.Code);
        Assert.Equal(listLine, syntax.Location!.Value.Line);
        Assert.Contains("'['", syntax.Fix);
    }

    [Fact]
    public void Two_documents_are_reported_at_the_second_document()
    {
        var path = Path.Combine(ExampleFiles.InvalidDir, "two-documents.yaml");
        var separator = Array.IndexOf(File.ReadAllLines(path), "---") + 1;

        var count = Assert.Single(ConfigValidator.ValidateFile(path).Diagnostics);

        Assert.Equal(LoadCodes.DocumentCount, count.Code);
        Assert.InRange(count.Location!.Value.Line, separator, separator + 1);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Each_example_design_is_valid_without_errors_or_warnings(string fileName)
    {
        var report = ConfigValidator.ValidateFile(Path.Combine(ExampleFiles.ExamplesDir, fileName));

        Assert.True(report.IsValid, Describe(report));
        Assert.Empty(report.Of(Severity.Error));
        Assert.Empty(report.Of(Severity.Warning));
    }

    private static Diagnostic At(ValidationReport report, string code, string path)
    {
        var matches = report.Diagnostics.Where(d => d.Code == code && d.Path == path).ToList();
        Assert.True(matches.Count == 1, $"expected one {code} at {path}; got:\n{Describe(report)}");
        Assert.False(string.IsNullOrWhiteSpace(matches[0].Fix));
        return matches[0];
    }

    /// <summary>1-based line of the first line containing <paramref name="text"/> (after the line containing <paramref name="after"/>).</summary>
    private static int LineOf(string[] lines, string text, string? after = null)
    {
        var start = after is null ? 0 : Array.FindIndex(lines, l => l.Contains(after, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no line with '{after}'");
        var index = Array.FindIndex(lines, start, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line with '{text}'");
        return index + 1;
    }

    private static string Describe(ValidationReport report) =>
        string.Join('\n', report.Diagnostics.Select(d => d.ToOneLine()));

    private static TheoryData<string> Names(IEnumerable<string> files)
    {
        var data = new TheoryData<string>();
        foreach (var file in files)
            data.Add(Path.GetFileName(file));
        return data;
    }
}

/// <summary>The example files of the repository, found from the test binary up to the directory holding Interlink.slnx.</summary>
internal static partial class ExampleFiles
{
    public static string Root => Interlink.Testing.RepoRoot.Path;

    public static string ExamplesDir => Path.Combine(Root, "examples");

    public static string InvalidDir => Path.Combine(ExamplesDir, "invalid");

    public static IReadOnlyList<string> Invalid =>
        Directory.GetFiles(InvalidDir, "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> Valid =>
        Directory.GetFiles(ExamplesDir, "*.yaml").Order(StringComparer.Ordinal).ToList();

    /// <summary>The codes on the file's first line, <c># expect: IL017 IL014</c>.</summary>
    public static IReadOnlyList<string> ExpectedCodes(string path)
    {
        var first = File.ReadLines(path).FirstOrDefault() ?? "";
        var match = ExpectLine().Match(first);
        Assert.True(match.Success, $"{Path.GetFileName(path)} does not start with '# expect: ILnnn ...': '{first}'");
        return match.Groups["codes"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"^# expect: (?<codes>IL\d{3}(?: IL\d{3})*)$")]
    public static partial Regex ExpectLine();
}
