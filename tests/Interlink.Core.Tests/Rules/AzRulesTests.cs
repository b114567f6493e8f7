namespace Interlink.Core.Tests.Rules;

/// <summary>IL014, IL015, IL020, IL025: Availability Zones.</summary>
public class AzRulesTests
{
    [Fact]
    public void AZ_IDs_of_each_VPC_s_own_Region_pass()
    {
        Expect.NotReported(ConfigText.Relay, "IL014");
        Expect.NotReported(ConfigText.Relay, "IL015");
    }

    [Fact]
    public void A_relay_listing_the_provider_Region_s_AZ_IDs_is_IL014_naming_both_Regions() =>
        Expect.Reported(ConfigText.Relay.Edit("azs: [usw2-az1, usw2-az2]", "azs: [use1-az1, usw2-az2]"), "IL014", "relays[0].vpc.azs[0]",
            "use1-az1", "us-east-1", "us-west-2");

    [Fact]
    public void An_AZ_name_of_another_Region_is_IL014_not_just_a_name_warning()
    {
        var text = ConfigText.Relay.Edit("azs: [usw2-az2, usw2-az1]", "azs: [usw2-az2, us-east-1b]");
        Expect.Reported(text, "IL014", "consumers[0].vpc.azs[1]", "us-east-1b", "us-west-2");
        Expect.NotReported(text, "IL015");
    }

    [Fact]
    public void An_AZ_ID_the_Region_does_not_have_is_IL014() =>
        Expect.Reported(ConfigText.Relay.Edit("azs: [use1-az1, use1-az2]", "azs: [use1-az1, use1-az7]"), "IL014", "provider.vpc.azs[1]", "use1-az7");

    [Fact]
    public void An_existing_subnet_in_another_Region_s_AZ_is_IL014_at_its_azId() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit("azId: use1-az2", "azId: usw2-az2"), "IL014", "provider.vpc.subnets[1].azId", "usw2-az2");

    [Fact]
    public void AZ_names_are_a_warning_IL015_that_does_not_block_the_design()
    {
        var text = ConfigText.Relay.Edit("azs: [use1-az1, use1-az2]", "azs: [us-east-1a, us-east-1b]");
        var finding = Expect.Reported(text, "IL015", "provider.vpc.azs[0]", "us-east-1a");
        Assert.Contains("use1-az1", finding.Fix);
        Assert.True(text.Validate().IsValid);
    }

    [Fact]
    public void A_relay_in_a_single_AZ_is_IL020() =>
        Expect.Reported(ConfigText.Relay.Edit("azs: [usw2-az1, usw2-az2]", "azs: [usw2-az1]"), "IL020", "relays[0].vpc.azs", "1 AZ", "us-west-2");

    [Fact]
    public void A_relay_listing_one_AZ_twice_still_has_one_AZ_and_is_IL020() =>
        Expect.Reported(ConfigText.Relay.Edit("azs: [usw2-az1, usw2-az2]", "azs: [usw2-az1, usw2-az1]"), "IL020", "relays[0].vpc.azs", "1 AZ");

    [Fact]
    public void A_native_provider_in_a_single_AZ_is_IL020() =>
        Expect.Reported(ConfigText.Native.Edit("azs: [use1-az1, use1-az2]", "azs: [use1-az1]"), "IL020", "provider.vpc.azs", "1 AZ", "native");

    [Fact]
    public void A_relay_mode_provider_and_a_consumer_may_use_a_single_AZ() =>
        Expect.Clean(ConfigText.Relay
            .Edit("azs: [use1-az1, use1-az2]", "azs: [use1-az1]")
            .Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.1.0/24]")
            .Edit("publicSubnets: [10.10.2.0/24, 10.10.4.0/24]", "publicSubnets: [10.10.2.0/24]")
            .Edit("azs: [usw2-az2, usw2-az1]", "azs: [usw2-az2]"));

    [Fact]
    public void An_existing_relay_VPC_with_subnets_in_one_AZ_is_IL020_at_its_subnets() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit(
                "      cidr: 10.41.0.0/16\n      azs: [usw2-az1, usw2-az2]\n",
                "      id: vpc-0b1b2c3d4e5f60718\n      cidr: 10.41.0.0/16\n      subnets:\n"
                + "        - { id: subnet-0b1b2c3d4e5f60001, azId: usw2-az1, cidr: 10.41.10.0/24, routeTableId: rtb-0b1b2c3d4e5f60001 }\n"),
            "IL020", "relays[0].vpc.subnets", "1 AZ");

    [Fact]
    public void The_same_AZ_listed_twice_is_IL025_at_the_repeat() =>
        Expect.Reported(ConfigText.Relay.Edit("azs: [use1-az1, use1-az2]", "azs: [use1-az1, use1-az1]"), "IL025", "provider.vpc.azs[1]", "use1-az1");

    [Fact]
    public void Two_existing_subnets_in_one_AZ_are_IL025_at_the_second_azId() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit("azId: use1-az2", "azId: use1-az1"), "IL025", "provider.vpc.subnets[1].azId", "use1-az1");

    [Fact]
    public void Distinct_AZs_pass_IL025() => Expect.NotReported(ConfigText.ExistingProvider, "IL025");
}
