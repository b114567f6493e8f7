namespace Interlink.Core.Tests.Rules;

/// <summary>IL021–IL023, IL026–IL028: NAT gateways, health checks, existing IDs, tags, accounts, DNS names.</summary>
public class VpcSettingRulesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Zero_to_one_NAT_gateway_per_AZ_passes(int count) =>
        Expect.Clean(ConfigText.Relay.Edit("natGateways: 1", $"natGateways: {count}"));

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void More_NAT_gateways_than_AZs_or_a_negative_count_is_IL021(int count) =>
        Expect.Reported(ConfigText.Relay.Edit("natGateways: 1", $"natGateways: {count}"), "IL021", "provider.vpc.natGateways", $"{count} NAT gateways", "2 AZs");

    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    public void Health_check_intervals_of_5_to_300_seconds_pass(int seconds) =>
        Expect.Clean(ConfigText.Relay.Edit("    path: /health\n", $"    path: /health\n    interval: {seconds}\n"));

    [Fact]
    public void A_health_check_interval_of_one_second_is_IL022() =>
        Expect.Reported(ConfigText.Relay.Edit("    path: /health\n", "    path: /health\n    interval: 1\n"), "IL022", "service.healthCheck.interval", "interval 1");

    [Fact]
    public void A_healthy_threshold_above_10_is_IL022() =>
        Expect.Reported(ConfigText.Relay.Edit("    path: /health\n", "    path: /health\n    healthyThreshold: 11\n"), "IL022", "service.healthCheck.healthyThreshold", "11");

    [Fact]
    public void An_unhealthy_threshold_below_2_is_IL022() =>
        Expect.Reported(ConfigText.Relay.Edit("    path: /health\n", "    path: /health\n    unhealthyThreshold: 1\n"), "IL022", "service.healthCheck.unhealthyThreshold", "1");

    [Fact]
    public void A_TCP_health_check_with_a_path_is_IL022() =>
        Expect.Reported(ConfigText.Relay.Edit("protocol: http", "protocol: tcp"), "IL022", "service.healthCheck.path", "/health");

    [Fact]
    public void A_health_check_path_without_a_leading_slash_is_IL022() =>
        Expect.Reported(ConfigText.Relay.Edit("path: /health", "path: health"), "IL022", "service.healthCheck.path", "'health'");

    [Fact]
    public void A_TCP_health_check_without_a_path_passes() =>
        Expect.Clean(ConfigText.Relay.Edit("protocol: http", "protocol: tcp").Without("    path: /health\n"));

    [Fact]
    public void Well_formed_existing_IDs_pass() => Expect.Clean(ConfigText.ExistingProvider);

    [Fact]
    public void A_truncated_VPC_ID_is_IL023() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit("id: vpc-0a1b2c3d4e5f60718", "id: vpc-0a1b2c"), "IL023", "provider.vpc.id", "vpc-0a1b2c");

    [Fact]
    public void A_subnet_ID_where_a_route_table_ID_belongs_is_IL023() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit("routeTableId: rtb-0a1b2c3d4e5f60002", "routeTableId: subnet-0a1b2c3d4e5f60002"),
            "IL023", "provider.vpc.subnets[1].routeTableId", "subnet-0a1b2c3d4e5f60002", "rtb-");

    [Fact]
    public void A_security_group_ID_in_upper_case_is_IL023() =>
        Expect.Reported(ConfigText.ExistingProvider.Edit("sg-0a1b2c3d4e5f60099", "SG-0A1B2C3D4E5F60099"), "IL023", "provider.vpc.hostSecurityGroupId", "SG-0A1B2C3D4E5F60099");

    [Fact]
    public void Ordinary_tags_pass() =>
        Expect.Clean(ConfigText.Relay.With("tags:\n  Project: shop\n  CostCenter: \"4711\"\n"));

    [Fact]
    public void A_tag_key_with_the_reserved_aws_prefix_is_IL026() =>
        Expect.Reported(ConfigText.Relay.With("tags:\n  aws:cost-center: \"4711\"\n"), "IL026", "tags.aws:cost-center", "aws:cost-center");

    [Fact]
    public void A_tag_value_over_256_characters_is_IL026() =>
        Expect.Reported(ConfigText.Relay.With($"tags:\n  Notes: {new string('x', 257)}\n"), "IL026", "tags.Notes", "Notes", "257");

    [Fact]
    public void More_than_40_user_tags_is_IL026() =>
        Expect.Reported(ConfigText.Relay.With("tags:\n" + string.Concat(Enumerable.Range(1, 41).Select(i => $"  Tag{i}: v\n"))), "IL026", "tags", "41 tags");

    [Fact]
    public void Naming_other_accounts_but_not_the_provider_s_is_IL027() =>
        Expect.Reported(ConfigText.Relay.Without("  account: \"111111111111\"\n"), "IL027", "provider.account", "222222222222", "333333333333");

    [Fact]
    public void Naming_no_account_at_all_means_one_account_and_passes() =>
        Expect.Clean(ConfigText.Relay
            .Without("  account: \"111111111111\"\n")
            .Without("    account: \"222222222222\"\n")
            .Without("    account: \"333333333333\"\n"));

    [Fact]
    public void A_hosted_zone_written_as_a_URL_is_IL028() =>
        Expect.Reported(ConfigText.Relay.With("    hostedZone: https://shop.internal.example.com/\n"), "IL028", "consumers[0].hostedZone", "https://shop.internal.example.com/");

    [Fact]
    public void A_hosted_zone_with_an_underscore_is_IL028() =>
        Expect.Reported(ConfigText.Relay.With("    hostedZone: shop_api.internal\n"), "IL028", "consumers[0].hostedZone", "shop_api.internal");

    [Theory]
    [InlineData("shop.internal.example.com")]
    [InlineData("shop.internal.")]
    public void A_lowercase_DNS_name_passes_as_hosted_zone(string zone) =>
        Expect.Clean(ConfigText.Relay.With($"    hostedZone: {zone}\n"));
}
