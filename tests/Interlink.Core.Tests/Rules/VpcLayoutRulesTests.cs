namespace Interlink.Core.Tests.Rules;

/// <summary>IL016–IL019, IL024: VPC sizes and the subnets inside them.</summary>
public class VpcLayoutRulesTests
{
    [Fact]
    public void A_VPC_larger_than_a_slash_16_is_IL016_and_the_fix_offers_a_slash_16_inside_it()
    {
        var finding = Expect.Reported(ConfigText.Relay.Edit("cidr: 10.12.0.0/16", "cidr: 10.0.0.0/8"), "IL016", "consumers[0].vpc.cidr", "10.0.0.0/8", "/8");
        Assert.Contains("10.0.0.0/16", finding.Fix);
    }

    [Fact]
    public void A_VPC_smaller_than_a_slash_28_is_IL016() =>
        Expect.Reported(ConfigText.Relay.Edit("cidr: 10.12.0.0/16", "cidr: 10.12.0.0/29"), "IL016", "consumers[0].vpc.cidr", "10.12.0.0/29");

    [Theory]
    [InlineData("10.12.0.0/16")]
    [InlineData("10.12.0.0/28")]
    public void VPC_sizes_from_slash_16_to_slash_28_pass_IL016(string cidr) =>
        Expect.NotReported(ConfigText.Relay.Edit("cidr: 10.12.0.0/16", $"cidr: {cidr}"), "IL016");

    [Fact]
    public void Consumer_subnet_outside_its_VPC_is_reported_with_its_path() =>
        Expect.Reported(ConfigText.Relay.Edit("cidr: 10.12.0.0/16\n      azs: [usw2-az2, usw2-az1]",
                "cidr: 10.2.0.0/16\n      azs: [usw2-az2, usw2-az1]\n      privateSubnets: [10.2.1.0/24, 10.12.3.0/24]"),
            "IL017", "consumers[0].vpc.privateSubnets[1]", "10.12.3.0/24", "10.2.0.0/16");

    [Fact]
    public void A_subnet_larger_than_its_VPC_is_IL017() =>
        Expect.Reported(ConfigText.Relay.Edit("publicSubnets: [10.10.2.0/24, 10.10.4.0/24]", "publicSubnets: [10.10.2.0/24, 10.0.0.0/8]"),
            "IL017", "provider.vpc.publicSubnets[1]", "10.0.0.0/8", "10.10.0.0/16");

    [Fact]
    public void An_existing_subnet_outside_the_existing_VPC_is_IL017() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit("cidr: 10.40.20.0/24", "cidr: 10.44.20.0/24"), "IL017", "provider.vpc.subnets[1].cidr", "10.44.20.0/24");

    [Fact]
    public void Subnets_inside_their_VPCs_pass_IL017()
    {
        Expect.NotReported(ConfigText.Relay, "IL017");
        Expect.NotReported(ConfigText.ExistingProvider, "IL017");
    }

    [Fact]
    public void A_public_subnet_reusing_a_private_subnet_s_block_is_IL018_naming_both() =>
        Expect.Reported(ConfigText.Relay.Edit("publicSubnets: [10.10.2.0/24, 10.10.4.0/24]", "publicSubnets: [10.10.1.0/24, 10.10.4.0/24]"),
            "IL018", "provider.vpc.publicSubnets[0]", "10.10.1.0/24", "provider.vpc.privateSubnets[0]");

    [Fact]
    public void A_subnet_containing_another_is_IL018() =>
        Expect.Reported(ConfigText.Relay.Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.0.0/20, 10.10.3.0/24]"),
            "IL018", "provider.vpc.privateSubnets[1]", "10.10.3.0/24", "10.10.0.0/20");

    [Fact]
    public void Adjacent_subnets_do_not_overlap() =>
        Expect.NotReported(ConfigText.Relay.Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.0.0/24, 10.10.3.0/24]")
            .Edit("publicSubnets: [10.10.2.0/24, 10.10.4.0/24]", "publicSubnets: [10.10.1.0/24, 10.10.2.0/24]"), "IL018");

    [Fact]
    public void Three_private_subnets_for_two_AZs_is_IL019() =>
        Expect.Reported(ConfigText.Relay.Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.1.0/24, 10.10.3.0/24, 10.10.5.0/24]"),
            "IL019", "provider.vpc.privateSubnets", "3 privateSubnets for 2 AZs");

    [Fact]
    public void One_public_subnet_for_two_AZs_is_IL019() =>
        Expect.Reported(ConfigText.Relay.Edit("publicSubnets: [10.10.2.0/24, 10.10.4.0/24]", "publicSubnets: [10.10.2.0/24]"),
            "IL019", "provider.vpc.publicSubnets", "1 publicSubnets for 2 AZs");

    [Fact]
    public void Leaving_subnets_out_lets_Interlink_carve_them() =>
        Expect.Clean(ConfigText.Relay
            .Without("    privateSubnets: [10.10.1.0/24, 10.10.3.0/24]\n")
            .Without("    publicSubnets: [10.10.2.0/24, 10.10.4.0/24]\n"));

    [Fact]
    public void A_VPC_too_small_to_carve_a_subnet_pair_per_AZ_is_IL024() =>
        Expect.Reported(ConfigText.Relay.Edit("cidr: 10.11.0.0/16", "cidr: 10.11.0.0/26"), "IL024", "relays[0].vpc.cidr", "10.11.0.0/26", "2 AZs");

    [Fact]
    public void A_slash_25_still_fits_five_slash_28_blocks_for_two_AZs() =>
        Expect.NotReported(ConfigText.Relay.Edit("cidr: 10.11.0.0/16", "cidr: 10.11.0.0/25"), "IL024");

    [Fact]
    public void A_small_VPC_with_its_subnets_written_out_is_not_carved_so_not_IL024() =>
        Expect.NotReported(ConfigText.Relay.Edit("cidr: 10.12.0.0/16\n      azs: [usw2-az2, usw2-az1]",
            "cidr: 10.12.0.0/27\n      azs: [usw2-az2, usw2-az1]\n      privateSubnets: [10.12.0.0/28, 10.12.0.16/28]"), "IL024");
}
