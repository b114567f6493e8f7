using System.Text;
using Interlink.Core.Catalog;
using Interlink.Core.Diagnostics;
using Interlink.Core.Quotas;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests.Rules;

/// <summary>IL080–IL081: a design that validates also fits AWS's quotas, or says which increase to request first.</summary>
public class QuotaRulesTests
{
    private const string Adjustable = "IL081";
    private const string Hard = "IL080";

    // ---- the catalog ----

    [Fact]
    public void Every_quota_names_its_AWS_source_page_and_adjustable_ones_their_Service_Quotas_code()
    {
        Assert.All(AwsQuotas.All, q =>
        {
            Assert.StartsWith("https://docs.aws.amazon.com/", q.Source, StringComparison.Ordinal);
            Assert.True(q.Default > 0, q.Name);
            if (q.Adjustable)
                Assert.Matches("^L-[0-9A-F]{8}$", q.Code);
        });
        Assert.Equal(AwsQuotas.All.Count, AwsQuotas.All.Select(q => q.Name).Distinct().Count());
    }

    [Fact]
    public void The_catalog_carries_the_quotas_of_the_issue_with_AWS_defaults()
    {
        Assert.Equal(("L-0EA8095F", 60, true), Fact(AwsQuotas.RulesPerSecurityGroup));
        Assert.Equal(("L-2AFB9258", 5, true), Fact(AwsQuotas.SecurityGroupsPerInterface));
        Assert.Equal(("L-93826ACB", 50, true), Fact(AwsQuotas.RoutesPerRouteTable));
        Assert.Equal(("L-7E9ECCDB", 50, true), Fact(AwsQuotas.ActivePeeringsPerVpc));
        Assert.Equal(("L-29B6F2EB", 50, true), Fact(AwsQuotas.InterfaceEndpointsPerVpc));
        Assert.Equal(("L-A0D0B863", 1000, true), Fact(AwsQuotas.TargetsPerTargetGroup));
        Assert.Equal(("L-B211E961", 500, true), Fact(AwsQuotas.TargetsPerAzPerNlb));
        Assert.Equal((null, 500, false), Fact(AwsQuotas.ResourcesPerTemplate));
        Assert.Equal((null, 200, false), Fact(AwsQuotas.ParametersPerTemplate));
        Assert.Equal((null, 200, false), Fact(AwsQuotas.OutputsPerTemplate));
        Assert.Contains("prefix list", AwsQuotas.RulesPerSecurityGroup.Note, StringComparison.Ordinal);
    }

    public static TheoryData<string> QuotaNames() => new(AwsQuotas.All.Select(q => q.Name));

    [Theory]
    [MemberData(nameof(QuotaNames))]
    public void A_count_at_the_quota_fits_and_one_more_exceeds_it(string name)
    {
        var quota = AwsQuotas.All.Single(q => q.Name == name);
        Assert.False(new QuotaUse(quota, quota.Default, "", "x", "y").Exceeds);
        Assert.True(new QuotaUse(quota, quota.Default + 1, "", "x", "y").Exceeds);
    }

    [Fact]
    public void Over_an_adjustable_quota_the_fix_names_the_code_to_raise()
    {
        var use = new QuotaUse(AwsQuotas.RulesPerSecurityGroup, 61, "relays", "the hosts' group", "use fewer AZs");
        Assert.Contains("request an increase of L-0EA8095F to at least 61 before deploying", use.Fix, StringComparison.Ordinal);
        Assert.Contains("use fewer AZs", use.Fix, StringComparison.Ordinal);
        Assert.Contains("61", use.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_a_quota_AWS_does_not_raise_the_fix_is_the_design_change_alone() =>
        Assert.Equal("split it", new QuotaUse(AwsQuotas.ResourcesPerTemplate, 501, "", "x", "split it").Fix);

    // ---- designs ----

    [Fact]
    public void A_design_under_every_quota_is_clean()
    {
        Expect.Clean(ConfigText.Relay);
        Expect.Clean(ConfigText.Native);
        Expect.Clean(ConfigText.ExistingProvider);
    }

    [Fact]
    public void Seventy_consumer_CIDRs_on_one_relay_fit_because_the_NLB_spreads_them_over_two_security_groups()
    {
        var report = ManyConsumers(70, sameAccount: false).Validate();

        Assert.True(report.IsValid, Expect.Describe(report));
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("L-0EA8095F", StringComparison.Ordinal) || d.Message.Contains("L-2AFB9258", StringComparison.Ordinal));
        Assert.Equal(2, NlbIngressGroups.GroupsFor(70));
    }

    [Fact]
    public void Seventy_consumers_in_one_account_and_Region_warn_to_raise_VPCs_per_Region_L_F678F1CE()
    {
        var report = ManyConsumers(70, sameAccount: true).Validate();

        var warning = Assert.Single(report.Diagnostics, d => d.Code == Adjustable && d.Message.Contains("L-F678F1CE", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("70 of L-F678F1CE", warning.Message, StringComparison.Ordinal);
        Assert.Contains("request an increase of L-F678F1CE", warning.Fix, StringComparison.Ordinal);
        Assert.True(report.IsValid);
    }

    [Theory]
    // The first group also admits ICMP "fragmentation needed" from the two target subnets: 298 consumer rules fill five.
    [InlineData(298, false)]
    [InlineData(299, true)]
    [InlineData(958, true)]
    public void More_consumer_CIDRs_than_five_security_groups_of_sixty_hold_warn_to_raise_L_2AFB9258(int consumers, bool warns)
    {
        var report = ManyConsumers(consumers, sameAccount: false).Validate();
        var found = report.Diagnostics.Where(d => d.Code == Adjustable && d.Message.Contains("L-2AFB9258", StringComparison.Ordinal)).ToList();
        Assert.Equal(warns ? 1 : 0, found.Count);
        if (warns)
            Assert.Equal("relays[0]", found[0].Path);
        Assert.True(report.IsValid, Expect.Describe(report));
    }

    [Fact]
    public void More_groups_than_the_sixteen_AWS_allows_at_most_per_interface_is_an_error()
    {
        var report = ManyConsumers(959, sameAccount: false).Validate();
        var error = Assert.Single(report.Diagnostics, d => d.Code == Hard);
        Assert.Contains("17 of L-2AFB9258", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS raises L-2AFB9258 to 16 at most", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    // 998 consumer rules and 2 ICMP rules from the target subnets make the thousand.
    [InlineData(998, false)]
    [InlineData(999, true)]
    public void More_than_a_thousand_consumer_CIDRs_on_one_NLB_is_an_error_no_increase_can_fix(int consumers, bool fails)
    {
        var report = ManyConsumers(consumers, sameAccount: false).Validate();
        var found = report.Diagnostics.Where(d => d.Code == Hard && d.Message.Contains("× security groups per network interface", StringComparison.Ordinal)).ToList();
        Assert.Equal(fails ? 1 : 0, found.Count);
        if (fails)
            Assert.Contains("fixed limit of 1000", found[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void More_targets_than_an_NLB_with_cross_zone_holds_warn_with_L_B211E961(int instances, bool warns)
    {
        var found = Warnings(LargeProviderSubnets().Edit("instances: 2", $"instances: {instances}"), "L-B211E961");
        Assert.Equal(warns ? 1 : 0, found.Count);
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public void More_targets_than_a_target_group_holds_warn_with_L_A0D0B863_instead_of_failing(int instances, bool warns)
    {
        var text = LargeProviderSubnets().Edit("instances: 2", $"instances: {instances}");
        Assert.Equal(warns ? 1 : 0, Warnings(text, "L-A0D0B863").Count);
        Assert.True(text.Validate().IsValid);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void More_new_VPCs_than_five_in_one_account_and_Region_warn_with_L_F678F1CE(int vpcs, bool warns)
    {
        var text = ConfigText.Relay;
        for (var i = 1; i < vpcs; i++)
            text = text + ConfigText.Consumer($"west{i}", "us-west-2", $"10.{20 + i}.0.0/16", "usw2-az1, usw2-az2", account: "333333333333").TrimEnd('\n') + "\n";
        var found = Warnings(text, "L-F678F1CE");
        Assert.Equal(warns ? 1 : 0, found.Count);
        if (warns)
            Assert.Contains("account 333333333333 in us-west-2", found[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void More_NAT_gateways_than_five_Elastic_IPs_in_one_account_and_Region_warn_with_L_0263D0A3(int secondNats, bool warns)
    {
        // Three consumers of account 333 in us-west-2: 2 + 2 + secondNats NAT gateways, each with an Elastic IP.
        var text = ConfigText.Relay.Edit("      azs: [usw2-az2, usw2-az1]\n", "      azs: [usw2-az2, usw2-az1]\n      natGateways: 2\n")
            + ConfigText.Consumer("west1", "us-west-2", "10.21.0.0/16", "usw2-az1, usw2-az2", account: "333333333333").Edit("      azs: [usw2-az1, usw2-az2]\n", "      azs: [usw2-az1, usw2-az2]\n      natGateways: 2\n")
            + ConfigText.Consumer("west2", "us-west-2", "10.22.0.0/16", "usw2-az1, usw2-az2", account: "333333333333").Edit("      azs: [usw2-az1, usw2-az2]\n", $"      azs: [usw2-az1, usw2-az2]\n      natGateways: {secondNats}\n");
        Assert.True(text.Validate().IsValid, Expect.Describe(text.Validate()));
        Assert.Equal(warns ? 1 : 0, Warnings(text, "L-0263D0A3").Count);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void Relays_whose_subnets_need_more_than_sixty_provider_host_rules_warn_with_L_0EA8095F(int relays, bool warns)
    {
        // Each relay has two private subnets, each admitted on the target port, a separate health-check port and ICMP
        // "fragmentation needed" for path MTU discovery: 6 rules.
        var text = ManyRelays(relays);
        var found = Warnings(text, "L-0EA8095F");
        Assert.Equal(warns ? 1 : 0, found.Count);
        if (warns)
        {
            Assert.Equal("relays", found[0].Path);
            Assert.Contains($"{relays * 6} of L-0EA8095F", found[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_example_design_fits_the_default_quotas()
    {
        foreach (var example in RepoFiles.Examples)
        {
            var report = ConfigValidator.ValidateFile(example);
            Assert.DoesNotContain(report.Diagnostics, d => d.Code is Hard or Adjustable);
        }
    }

    private static (string? Code, int Default, bool Adjustable) Fact(AwsQuota q) => (q.Code, q.Default, q.Adjustable);

    private static List<Diagnostic> Warnings(string text, string quotaCode) =>
        text.Validate().Diagnostics.Where(d => d.Code == Adjustable && d.Message.Contains(quotaCode, StringComparison.Ordinal)).ToList();

    private static string LargeProviderSubnets() => ConfigText.Relay
        .Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.0.0/21, 10.10.8.0/21]")
        .Edit("publicSubnets: [10.10.2.0/24, 10.10.4.0/24]", "publicSubnets: [10.10.16.0/24, 10.10.17.0/24]");

    private static string ConsumerCidr(int k) => $"10.{20 + (k / 16)}.{k % 16 * 16}.0/20";

    /// <summary>The relay design with <paramref name="count"/> consumers in us-west-2, each with its own /20 VPC.</summary>
    private static string ManyConsumers(int count, bool sameAccount)
    {
        var text = new StringBuilder(ConfigText.Relay[..ConfigText.Relay.IndexOf("consumers:\n", StringComparison.Ordinal)]).Append("consumers:\n");
        for (var k = 0; k < count; k++)
            text.Append(ConfigText.Consumer($"c{k}", "us-west-2", ConsumerCidr(k), "usw2-az1, usw2-az2", account: sameAccount ? "333333333333" : $"{400000000000L + k}"));
        return text.ToString();
    }

    /// <summary>
    /// Relays in <paramref name="count"/> Regions (one consumer each), every relay with two AZs, and a health check on
    /// its own port.
    /// </summary>
    private static string ManyRelays(int count)
    {
        var regions = RegionCatalog.All.Where(r => !r.OptIn && r.Code != "us-east-1" && r.AzIds.Count >= 2).Take(count).ToList();
        Assert.Equal(count, regions.Count);
        var text = new StringBuilder(ConfigText.Relay[..ConfigText.Relay.IndexOf("relays:\n", StringComparison.Ordinal)]
            .Edit("    path: /health\n", "    path: /health\n    port: 8081\n")).Append("relays:\n");
        for (var i = 0; i < count; i++)
            text.Append(ConfigText.RelayItem(regions[i].Code, $"10.{100 + i}.0.0/16", $"{regions[i].AzIds[0]}, {regions[i].AzIds[1]}"));
        text.Append("consumers:\n");
        for (var i = 0; i < count; i++)
            text.Append(ConfigText.Consumer($"c{i}", regions[i].Code, "172.16.0.0/16", $"{regions[i].AzIds[0]}, {regions[i].AzIds[1]}"));
        return text.ToString();
    }
}
