namespace Interlink.Core.Tests.Rules;

/// <summary>IL050–IL055: what the NLB sends traffic to.</summary>
public class TargetRulesTests
{
    private static string WithIps(string ips) => ConfigText.Relay.Edit("    instances: 2\n", $"    ips: [{ips}]\n");

    [Fact]
    public void Target_IPs_inside_the_provider_private_subnets_pass() => Expect.Clean(WithIps("10.10.1.20, 10.10.3.20"));

    [Fact]
    public void Target_IPs_inside_carved_private_subnets_pass() =>
        Expect.Clean(WithIps("10.10.1.20, 10.10.3.20")
            .Without("    privateSubnets: [10.10.1.0/24, 10.10.3.0/24]\n")
            .Without("    publicSubnets: [10.10.2.0/24, 10.10.4.0/24]\n"));

    [Fact]
    public void A_target_IP_in_a_public_subnet_is_IL050_listing_the_private_subnets() =>
        Expect.Reported(WithIps("10.10.1.20, 10.10.2.20"), "IL050", "provider.targets.ips[1]", "10.10.2.20", "10.10.1.0/24, 10.10.3.0/24");

    [Fact]
    public void A_host_name_as_target_is_IL050() =>
        Expect.Reported(WithIps("10.10.1.20, shop-2.internal"), "IL050", "provider.targets.ips[1]", "shop-2.internal");

    [Fact]
    public void The_same_target_IP_twice_is_IL051_at_the_repeat() =>
        Expect.Reported(WithIps("10.10.1.20, 10.10.3.20, 10.10.1.20"), "IL051", "provider.targets.ips[2]", "10.10.1.20", "ips[0]");

    [Fact]
    public void Distinct_target_IPs_pass_IL051() => Expect.NotReported(WithIps("10.10.1.20, 10.10.1.21"), "IL051");

    [Fact]
    public void More_instances_than_small_private_subnets_hold_is_IL052()
    {
        var text = ConfigText.Relay
            .Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.1.0/28, 10.10.3.0/28]")
            .Edit("instances: 2", "instances: 12");
        Expect.Reported(text, "IL052", "provider.targets.instances", "12 instances", "6 addresses", "10.10.1.0/28", "room for 5");
    }

    [Fact]
    public void Instances_that_just_fit_the_private_subnets_pass_IL052() =>
        Expect.Clean(ConfigText.Relay
            .Edit("privateSubnets: [10.10.1.0/24, 10.10.3.0/24]", "privateSubnets: [10.10.1.0/28, 10.10.3.0/28]")
            .Edit("instances: 2", "instances: 10"));

    [Fact]
    public void A_thousand_and_one_instances_in_two_slash_24_subnets_is_IL052_for_room_the_target_quota_is_only_a_warning() =>
        // Targets per target group (L-A0D0B863) is adjustable: IL081 warns about it (QuotaRulesTests); IL052 is about room.
        Expect.Reported(ConfigText.Relay.Edit("instances: 2", "instances: 1001"), "IL052", "provider.targets.instances", "1001 instances", "room for");

    [Fact]
    public void Zero_instances_is_IL053() =>
        Expect.Reported(ConfigText.Relay.Edit("instances: 2", "instances: 0"), "IL053", "provider.targets.instances", "0 instances");

    [Fact]
    public void One_instance_passes_IL053() => Expect.Clean(ConfigText.Relay.Edit("instances: 2", "instances: 1"));

    [Theory]
    [InlineData("10.10.1.1")]
    [InlineData("10.10.1.3")]
    [InlineData("10.10.1.255")]
    public void A_target_IP_AWS_reserves_in_its_subnet_is_IL054(string ip)
    {
        var finding = Expect.Reported(WithIps($"{ip}, 10.10.3.20"), "IL054", "provider.targets.ips[0]", ip, "10.10.1.0/24");
        Assert.Contains("10.10.1.4", finding.Fix);
        Assert.Contains("10.10.1.254", finding.Fix);
    }

    [Theory]
    [InlineData("10.10.1.4")]
    [InlineData("10.10.1.254")]
    public void The_first_and_last_assignable_addresses_pass_IL054(string ip) => Expect.Clean(WithIps($"{ip}, 10.10.3.20"));

    [Fact]
    public void Own_IPs_in_an_existing_provider_VPC_without_the_hosts_security_group_are_IL055() =>
        Expect.Reported(ConfigText.ExistingProvider.Without("    hostSecurityGroupId: sg-0a1b2c3d4e5f60099\n"),
            "IL055", "provider.vpc.hostSecurityGroupId", "security group");

    [Fact]
    public void Own_IPs_with_the_hosts_security_group_named_pass_IL055() => Expect.Clean(ConfigText.ExistingProvider);
}
