namespace Interlink.Core.Tests.Rules;

/// <summary>IL040–IL043: AWS native cross-Region PrivateLink.</summary>
public class NativeRulesTests
{
    [Fact]
    public void A_native_design_without_relays_passes() => Expect.Clean(ConfigText.Native);

    [Fact]
    public void Relays_left_in_a_native_design_are_IL040() =>
        Expect.Reported(ConfigText.Relay.Edit("mode: relay", "mode: native"), "IL040", "relays", "1 relay", "native");

    [Fact]
    public void A_native_provider_in_use1_az3_is_IL041() =>
        Expect.Reported(ConfigText.Native.Edit("azs: [use1-az1, use1-az2]", "azs: [use1-az1, use1-az3]"), "IL041", "provider.vpc.azs[1]", "use1-az3");

    [Fact]
    public void A_native_consumer_in_usw1_az2_is_IL041_and_the_fix_lists_the_usable_AZs()
    {
        var finding = Expect.Reported(ConfigText.Native.Edit("region: us-west-2", "region: us-west-1").Edit("azs: [usw2-az1, usw2-az2]", "azs: [usw1-az1, usw1-az2]"),
            "IL041", "consumers[0].vpc.azs[1]", "usw1-az2");
        Assert.Contains("usw1-az1", finding.Fix);
        Assert.DoesNotContain("usw1-az2", finding.Fix);
    }

    [Fact]
    public void Use1_az3_is_fine_in_relay_mode() =>
        Expect.NotReported(ConfigText.Relay.Edit("azs: [use1-az1, use1-az2]", "azs: [use1-az1, use1-az3]"), "IL041");

    [Fact]
    public void A_native_consumer_in_the_provider_s_Region_is_IL042() =>
        Expect.Reported(ConfigText.Native.Edit("region: us-west-2", "region: us-east-1").Edit("azs: [usw2-az1, usw2-az2]", "azs: [use1-az1, use1-az2]"),
            "IL042", "consumers[0].region", "oregon", "us-east-1");

    [Fact]
    public void A_native_consumer_in_another_Region_passes_IL042() => Expect.NotReported(ConfigText.Native, "IL042");

    [Fact]
    public void A_native_consumer_in_a_Region_not_known_to_offer_it_is_IL043() =>
        Expect.Reported(ConfigText.Native.Edit("region: us-west-2", "region: ap-southeast-7").Edit("azs: [usw2-az1, usw2-az2]", "azs: [apse7-az1, apse7-az2]"),
            "IL043", "consumers[0].region", "ap-southeast-7");

    [Fact]
    public void A_native_provider_in_a_Region_not_known_to_offer_it_is_IL043() =>
        Expect.Reported(ConfigText.Native.Edit("region: us-east-1", "region: ap-east-2").Edit("azs: [use1-az1, use1-az2]", "azs: [ape2-az1, ape2-az2]"),
            "IL043", "provider.region", "ap-east-2");

    [Fact]
    public void The_same_Region_is_fine_in_relay_mode() =>
        Expect.NotReported(ConfigText.Relay.Edit("- region: us-west-2", "- region: ap-southeast-7").Edit("region: us-west-2", "region: ap-southeast-7"), "IL043");

    [Fact]
    public void A_native_design_gets_an_IL044_note_about_vpce_AllowMultiRegion_and_stays_valid()
    {
        var note = Expect.Reported(ConfigText.Native, "IL044", "mode", "vpce:AllowMultiRegion");
        Assert.Equal(Interlink.Core.Diagnostics.Severity.Info, note.Severity);
        Expect.Clean(ConfigText.Native);
    }

    [Fact]
    public void A_native_consumer_in_an_opt_in_Region_gets_an_IL044_note_naming_it() =>
        Expect.Reported(ConfigText.Native.Edit("region: us-west-2", "region: af-south-1").Edit("azs: [usw2-az1, usw2-az2]", "azs: [afs1-az1, afs1-az2]"),
            "IL044", "consumers[0].region", "af-south-1", "opted in");

    [Fact]
    public void Relay_designs_get_no_IL044_note() => Expect.NotReported(ConfigText.Relay, "IL044");
}
