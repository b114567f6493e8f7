using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests.Loading;

/// <summary>A small valid design to break one way at a time, and helpers to look at what the loader says.</summary>
internal static class LoaderTestKit
{
    public const string FileName = "interlink.yaml";

    /// <summary>A valid relay design; line numbers matter to the position tests.</summary>
    public const string Valid = """
        name: demo
        mode: relay
        service:
          port: 80
        provider:
          region: us-east-1
          vpc:
            cidr: 10.10.0.0/16
            azs: [use1-az1, use1-az2]
          targets:
            instances: 2
        relays:
          - region: us-west-2
            vpc:
              cidr: 10.11.0.0/16
              azs: [usw2-az1, usw2-az2]
        consumers:
          - name: west
            region: us-west-2
            vpc:
              cidr: 10.12.0.0/16
              azs: [usw2-az1, usw2-az2]
        """;

    public static LoadResult Load(string text) => ConfigLoader.LoadText(text, FileName);

    public static ValidationReport Validate(string text) => ConfigValidator.ValidateText(text, FileName);

    /// <summary>The only diagnostic with <paramref name="code"/>; fails listing everything otherwise.</summary>
    public static Diagnostic Single(LoadResult result, string code) => Single(result.Diagnostics.Items, code);

    public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var matching = diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}, got:{Environment.NewLine}{Dump(diagnostics)}");
        return matching[0];
    }

    public static string Dump(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToOneLine()));

    public static string Replace(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the text");
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
