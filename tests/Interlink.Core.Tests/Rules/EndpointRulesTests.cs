using Interlink.Core.Diagnostics;
using Interlink.Core.Security;

namespace Interlink.Core.Tests.Rules;

/// <summary>IL038 (privateDns) and IL071 (acceptance off): what the consumer endpoints may ask for.</summary>
public class EndpointRulesTests
{
    private static string WithPrivateDns(string extra = "") =>
        ConfigText.Relay.Edit("      azs: [usw2-az2, usw2-az1]\n", $"      azs: [usw2-az2, usw2-az1]\n    privateDns: true\n{extra}");

    [Fact]
    public void PrivateDns_true_is_IL038_pointing_to_a_private_hosted_zone()
    {
        var finding = Expect.Reported(WithPrivateDns(), "IL038", "consumers[0].privateDns", "west", "privateDns: true", "no private DNS name", "TXT");
        Assert.Contains("hostedZone: west.shop.internal", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateDns_true_beside_a_hosted_zone_says_the_zone_already_gives_the_name()
    {
        var finding = Expect.Reported(WithPrivateDns("    hostedZone: api.shop.internal\n"), "IL038", "consumers[0].privateDns");
        Assert.Contains("'hostedZone: api.shop.internal' already gives", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateDns_false_passes() =>
        Expect.Clean(ConfigText.Relay.Edit("      azs: [usw2-az2, usw2-az1]\n", "      azs: [usw2-az2, usw2-az1]\n    privateDns: false\n"));

    [Fact]
    public void PrivateDns_true_is_rejected_in_native_mode_too() =>
        Expect.Reported(ConfigText.Native.Edit("      azs: [usw2-az1, usw2-az2]\n", "      azs: [usw2-az1, usw2-az2]\n    privateDns: true\n"), "IL038", "consumers[0].privateDns");

    private static string AcceptanceOff(string text) => text.Edit("  port: 443\n", "  port: 443\n  acceptanceRequired: false\n");

    [Fact]
    public void Acceptance_off_with_a_consumer_of_another_account_warns_IL071_that_plan_and_deploy_refuse_ILS002()
    {
        var finding = Expect.Reported(AcceptanceOff(ConfigText.Relay), "IL071", "service.acceptanceRequired",
            "ILS002", "us-west-2", "222222222222", "333333333333", "deploy");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("rule: ILS002", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Acceptance_off_in_native_mode_names_the_provider_as_the_owner() =>
        Expect.Reported(AcceptanceOff(ConfigText.Native), "IL071", "service.acceptanceRequired", "us-east-1", "111111111111", "333333333333");

    [Fact]
    public void Acceptance_off_when_every_consumer_is_in_the_service_owners_account_is_no_finding() =>
        // Relay and consumer in the provider's account (accounts left out): nobody outside the owner connects.
        Expect.NotReported(AcceptanceOff(ConfigText.Relay)
            .Without("    account: \"222222222222\"\n")
            .Without("    account: \"333333333333\"\n"), "IL071");

    [Fact]
    public void Acceptance_off_with_ILS002_suppressed_is_no_finding() =>
        Expect.NotReported(AcceptanceOff(ConfigText.Relay).With("suppressions:\n  - { rule: ILS002, reason: every consumer account is ours and audited }\n"), "IL071");

    [Fact]
    public void Acceptance_required_is_no_finding() => Expect.NotReported(ConfigText.Relay, "IL071");

    [Fact]
    public void The_warning_and_the_security_rule_share_one_rule_id() => Assert.Equal("ILS002", AcceptanceReview.RuleId);
}
