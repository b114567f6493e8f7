namespace Interlink.Core.Tests.Rules;

/// <summary>IL030–IL037: how provider, relays and consumers fit together.</summary>
public class DesignRulesTests
{
    [Fact]
    public void A_relay_reusing_the_provider_CIDR_is_IL030_naming_both_VPCs() =>
        Expect.Reported(ConfigText.Relay.Edit("cidr: 10.11.0.0/16", "cidr: 10.10.0.0/16"), "IL030", "relays[0].vpc.cidr",
            "the relay VPC in us-west-2 10.10.0.0/16", "the provider VPC 10.10.0.0/16");

    [Fact]
    public void Two_relays_with_overlapping_CIDRs_are_IL030_at_the_second() =>
        Expect.Reported(ConfigText.Relay.WithRelay(ConfigText.RelayItem("eu-west-1", "10.11.128.0/17", "euw1-az1, euw1-az2"))
                .With(ConfigText.Consumer("dublin", "eu-west-1", "10.13.0.0/16", "euw1-az1, euw1-az2")),
            "IL030", "relays[1].vpc.cidr", "10.11.128.0/17", "10.11.0.0/16");

    [Fact]
    public void Disjoint_provider_and_relay_CIDRs_pass_IL030() => Expect.NotReported(ConfigText.Relay, "IL030");

    [Fact]
    public void A_consumer_overlapping_the_provider_is_only_an_IL031_note_and_the_design_stays_valid()
    {
        var text = ConfigText.Relay.Edit("cidr: 10.12.0.0/16", "cidr: 10.10.0.0/16");
        Expect.Reported(text, "IL031", "consumers[0].vpc.cidr", "10.10.0.0/16", "the provider VPC");
        Expect.NotReported(text, "IL030");
        Expect.Clean(text);
    }

    [Fact]
    public void A_consumer_with_its_own_block_gets_no_IL031_note() => Expect.NotReported(ConfigText.Relay, "IL031");

    [Fact]
    public void A_consumer_in_a_Region_without_a_relay_is_IL032() =>
        Expect.Reported(ConfigText.Relay.With(ConfigText.Consumer("dublin", "eu-west-1", "10.13.0.0/16", "euw1-az1, euw1-az2")),
            "IL032", "consumers[1].region", "dublin", "eu-west-1");

    [Fact]
    public void A_consumer_sharing_its_Region_s_relay_passes_IL032() =>
        Expect.Clean(ConfigText.Relay.With(ConfigText.Consumer("west-b", "us-west-2", "10.13.0.0/16", "usw2-az1, usw2-az2")));

    [Fact]
    public void Native_mode_needs_no_relay_for_any_consumer() => Expect.NotReported(ConfigText.Native, "IL032");

    [Fact]
    public void A_relay_no_consumer_uses_is_an_IL033_warning_that_does_not_block()
    {
        var text = ConfigText.Relay.WithRelay(ConfigText.RelayItem("eu-west-1", "10.21.0.0/16", "euw1-az1, euw1-az2"));
        Expect.Reported(text, "IL033", "relays[1].region", "eu-west-1");
        Assert.True(text.Validate().IsValid);
    }

    [Fact]
    public void A_relay_serving_a_consumer_gets_no_IL033() => Expect.NotReported(ConfigText.Relay, "IL033");

    [Fact]
    public void A_second_relay_in_the_same_Region_is_IL034_pointing_at_the_first() =>
        Expect.Reported(ConfigText.Relay.WithRelay(ConfigText.RelayItem("us-west-2", "10.21.0.0/16", "usw2-az1, usw2-az2")),
            "IL034", "relays[1].region", "us-west-2", "relays[0]");

    [Fact]
    public void Relays_in_different_Regions_pass_IL034() =>
        Expect.Clean(ConfigText.Relay.WithRelay(ConfigText.RelayItem("eu-west-1", "10.21.0.0/16", "euw1-az1, euw1-az2"))
            .With(ConfigText.Consumer("dublin", "eu-west-1", "10.13.0.0/16", "euw1-az1, euw1-az2")));

    [Fact]
    public void A_consumer_in_the_provider_s_Region_is_IL035() =>
        Expect.Reported(ConfigText.Relay.With(ConfigText.Consumer("east", "us-east-1", "10.13.0.0/16", "use1-az1, use1-az2")),
            "IL035", "consumers[1].region", "east", "us-east-1");

    [Fact]
    public void A_relay_in_the_provider_s_Region_is_IL035() =>
        Expect.Reported(ConfigText.Relay.WithRelay(ConfigText.RelayItem("us-east-1", "10.21.0.0/16", "use1-az1, use1-az2")),
            "IL035", "relays[1].region", "us-east-1");

    [Fact]
    public void Relays_and_consumers_away_from_the_provider_pass_IL035() => Expect.NotReported(ConfigText.Relay, "IL035");

    [Fact]
    public void An_empty_consumer_list_is_IL036() =>
        Expect.Reported(ConfigText.Relay[..ConfigText.Relay.IndexOf("consumers:", StringComparison.Ordinal)] + "consumers: []\n",
            "IL036", "consumers", "no consumers");

    [Fact]
    public void A_missing_consumer_list_is_IL005_not_IL036()
    {
        var text = ConfigText.Relay[..ConfigText.Relay.IndexOf("consumers:", StringComparison.Ordinal)];
        Expect.NotReported(text, "IL036");
        Assert.Contains(text.Validate().Diagnostics, d => d.Code == "IL005" && d.Path == "consumers");
    }

    [Fact]
    public void A_consumer_only_in_AZs_its_relay_does_not_serve_is_IL037_naming_both_sets() =>
        Expect.Reported(ConfigText.Relay.Edit("azs: [usw2-az2, usw2-az1]", "azs: [usw2-az3, usw2-az4]"),
            "IL037", "consumers[0].vpc.azs", "usw2-az3", "usw2-az1");

    [Fact]
    public void A_consumer_sharing_one_AZ_with_its_relay_passes_IL037() =>
        Expect.NotReported(ConfigText.Relay.Edit("azs: [usw2-az2, usw2-az1]", "azs: [usw2-az2, usw2-az4]"), "IL037");

    [Fact]
    public void An_empty_consumer_list_gets_no_IL033_warning_per_relay() =>
        Expect.NotReported(ConfigText.Relay.Edit(ConfigText.Relay[ConfigText.Relay.IndexOf("consumers:", StringComparison.Ordinal)..], "consumers: []\n"), "IL033");
}
