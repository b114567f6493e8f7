using Interlink.Core.Diagnostics;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests.Rules;

/// <summary>
/// Small valid designs written as YAML text, and edits that break exactly one thing. Each edit must find
/// its text exactly once, so a test can never pass because its edit silently did nothing.
/// </summary>
internal static class ConfigText
{
    /// <summary>Relay mode, three accounts: provider in us-east-1, relay and consumer in us-west-2.</summary>
    public const string Relay = """
        name: shop
        mode: relay
        service:
          port: 443
          targetPort: 8443
          healthCheck:
            protocol: http
            path: /health
        provider:
          account: "111111111111"
          region: us-east-1
          vpc:
            cidr: 10.10.0.0/16
            azs: [use1-az1, use1-az2]
            privateSubnets: [10.10.1.0/24, 10.10.3.0/24]
            publicSubnets: [10.10.2.0/24, 10.10.4.0/24]
            natGateways: 1
          targets:
            instances: 2
        relays:
          - region: us-west-2
            account: "222222222222"
            vpc:
              cidr: 10.11.0.0/16
              azs: [usw2-az1, usw2-az2]
        consumers:
          - name: west
            account: "333333333333"
            region: us-west-2
            vpc:
              cidr: 10.12.0.0/16
              azs: [usw2-az2, usw2-az1]

        """;

    /// <summary>Native mode: provider in us-east-1, one consumer in us-west-2, subnets carved.</summary>
    public const string Native = """
        name: ledger
        mode: native
        service:
          port: 443
          targetPort: 8080
        provider:
          account: "111111111111"
          region: us-east-1
          vpc:
            cidr: 10.10.0.0/16
            azs: [use1-az1, use1-az2]
          targets:
            instances: 2
        consumers:
          - name: oregon
            account: "333333333333"
            region: us-west-2
            vpc:
              cidr: 10.12.0.0/16
              azs: [usw2-az1, usw2-az2]

        """;

    /// <summary>Relay mode with an existing provider VPC serving the user's own IPs.</summary>
    public const string ExistingProvider = """
        name: billing
        mode: relay
        service:
          port: 443
          targetPort: 9443
        provider:
          account: "111111111111"
          region: us-east-1
          vpc:
            id: vpc-0a1b2c3d4e5f60718
            cidr: 10.40.0.0/16
            subnets:
              - { id: subnet-0a1b2c3d4e5f60001, azId: use1-az1, cidr: 10.40.10.0/24, routeTableId: rtb-0a1b2c3d4e5f60001 }
              - { id: subnet-0a1b2c3d4e5f60002, azId: use1-az2, cidr: 10.40.20.0/24, routeTableId: rtb-0a1b2c3d4e5f60002 }
            hostSecurityGroupId: sg-0a1b2c3d4e5f60099
          targets:
            ips: [10.40.10.25, 10.40.20.25]
        relays:
          - region: us-west-2
            account: "222222222222"
            vpc:
              cidr: 10.41.0.0/16
              azs: [usw2-az1, usw2-az2]
        consumers:
          - name: west
            account: "333333333333"
            region: us-west-2
            vpc:
              cidr: 172.16.0.0/16
              azs: [usw2-az1, usw2-az2]

        """;

    /// <summary>A second consumer (list item) for <see cref="Relay"/>, in <paramref name="region"/>.</summary>
    public static string Consumer(string name, string region, string cidr, string azs, string account = "444444444444") => $"""
          - name: {name}
            account: "{account}"
            region: {region}
            vpc:
              cidr: {cidr}
              azs: [{azs}]

        """;

    /// <summary>A second relay (list item) in <paramref name="region"/>.</summary>
    public static string RelayItem(string region, string cidr, string azs) => $"""
          - region: {region}
            vpc:
              cidr: {cidr}
              azs: [{azs}]

        """;

    /// <summary><paramref name="text"/> with its single occurrence of <paramref name="find"/> replaced.</summary>
    public static string Edit(this string text, string find, string replace)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"the config has no '{find}'");
        Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"the config has '{find}' more than once");
        return string.Concat(text.AsSpan(0, first), replace, text.AsSpan(first + find.Length));
    }

    /// <summary><paramref name="text"/> without the single line containing <paramref name="find"/>.</summary>
    public static string Without(this string text, string find) => text.Edit(find, "");

    /// <summary><paramref name="text"/> with <paramref name="item"/> added at the end of the <c>relays</c> list.</summary>
    public static string WithRelay(this string text, string item) => text.Edit("consumers:\n", item + "consumers:\n");

    /// <summary><paramref name="text"/> with <paramref name="section"/> (top-level YAML) appended.</summary>
    public static string With(this string text, string section) => text + section;

    public static ValidationReport Validate(this string text) => ConfigValidator.ValidateText(text, "interlink.yaml");
}

/// <summary>Assertions that read as the rule's contract.</summary>
internal static class Expect
{
    /// <summary>
    /// The config is reported under <paramref name="code"/> exactly once at <paramref name="path"/>, with a message naming
    /// each of <paramref name="named"/>, a fix (unless the rule is informational) and a source line; returns the finding.
    /// </summary>
    public static Diagnostic Reported(string text, string code, string path, params string[] named)
    {
        var report = text.Validate();
        var at = report.Diagnostics.Where(d => d.Code == code && d.Path == path).ToList();
        Assert.True(at.Count == 1, $"expected one {code} at '{path}', got:\n{Describe(report)}");
        var finding = at[0];
        foreach (var value in named)
            Assert.True(finding.Message.Contains(value, StringComparison.Ordinal), $"the message does not name '{value}': {finding.Message}");
        var rule = RuleSet.All.Single(r => r.Code == code);
        Assert.Equal(rule.Severity, finding.Severity);
        if (rule.Severity == Severity.Info)
            Assert.Null(finding.Fix);
        else
            Assert.False(string.IsNullOrWhiteSpace(finding.Fix), $"{code} gives no fix");
        Assert.True(finding.Location is { Line: >= 1 }, $"{code} has no line: {finding.ToOneLine()}");
        if (rule.Severity == Severity.Error)
            Assert.False(report.IsValid);
        return finding;
    }

    /// <summary>The config does not trigger <paramref name="code"/> anywhere.</summary>
    public static void NotReported(string text, string code)
    {
        var report = text.Validate();
        Assert.True(report.Diagnostics.All(d => d.Code != code), $"unexpected {code}:\n{Describe(report)}");
    }

    /// <summary>The config is valid and clean: no errors, no warnings.</summary>
    public static void Clean(string text)
    {
        var report = text.Validate();
        Assert.True(report.IsValid, Describe(report));
        Assert.Empty(report.Of(Severity.Warning));
    }

    public static string Describe(ValidationReport report) =>
        report.Diagnostics.Count == 0 ? "(nothing)" : string.Join('\n', report.Diagnostics.Select(d => d.ToOneLine()));
}
