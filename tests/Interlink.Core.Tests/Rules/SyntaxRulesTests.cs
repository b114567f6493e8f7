namespace Interlink.Core.Tests.Rules;

/// <summary>IL010–IL013: values are well formed before any design rule looks at them.</summary>
public class SyntaxRulesTests
{
    [Fact]
    public void Well_formed_CIDRs_accounts_ports_and_Regions_pass() => Expect.Clean(ConfigText.Relay);

    [Fact]
    public void A_VPC_CIDR_with_host_bits_is_IL010_and_the_fix_names_the_network()
    {
        var finding = Expect.Reported(ConfigText.Relay.Edit("cidr: 10.10.0.0/16", "cidr: 10.10.1.0/16"),
            "IL010", "provider.vpc.cidr", "10.10.1.0/16");
        Assert.Contains("10.10.0.0/16", finding.Fix);
    }

    [Theory]
    [InlineData("10.11.0.0", "prefix")]
    [InlineData("10.11.0.300/16", "10.11.0.300/16")]
    [InlineData("10.11.0.0/33", "0–32")]
    public void A_malformed_relay_CIDR_is_IL010_at_the_relay_path(string cidr, string named) =>
        Expect.Reported(ConfigText.Relay.Edit("cidr: 10.11.0.0/16", $"cidr: {cidr}"), "IL010", "relays[0].vpc.cidr", cidr, named);

    [Fact]
    public void A_malformed_subnet_CIDR_is_IL010_at_its_list_index() =>
        Expect.Reported(ConfigText.Relay.Edit("[10.10.1.0/24, 10.10.3.0/24]", "[10.10.1.0/24, 10.10.3.0/33]"),
            "IL010", "provider.vpc.privateSubnets[1]", "10.10.3.0/33");

    [Fact]
    public void An_account_ID_copied_with_dashes_is_IL011() =>
        Expect.Reported(ConfigText.Relay.Edit("\"333333333333\"", "\"3333-3333-3333\""), "IL011", "consumers[0].account", "3333-3333-3333");

    [Fact]
    public void An_account_ID_with_eleven_digits_is_IL011() =>
        Expect.Reported(ConfigText.Relay.Edit("\"222222222222\"", "\"22222222222\""), "IL011", "relays[0].account", "22222222222");

    [Fact]
    public void An_account_ID_with_a_leading_zero_is_accepted() =>
        Expect.Clean(ConfigText.Relay.Edit("\"111111111111\"", "\"011111111111\""));

    [Fact]
    public void A_target_port_above_65535_is_IL012() =>
        Expect.Reported(ConfigText.Relay.Edit("targetPort: 8443", "targetPort: 80800"), "IL012", "service.targetPort", "80800");

    [Fact]
    public void A_health_check_port_of_zero_is_IL012() =>
        Expect.Reported(ConfigText.Relay.Edit("    path: /health\n", "    path: /health\n    port: 0\n"), "IL012", "service.healthCheck.port", "0");

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void Ports_at_the_ends_of_the_range_are_accepted(int port) =>
        Expect.NotReported(ConfigText.Relay.Edit("  port: 443", $"  port: {port}"), "IL012");

    [Fact]
    public void A_misspelled_Region_is_IL013_and_the_message_suggests_the_right_one() =>
        Expect.Reported(ConfigText.Relay.Edit("- region: us-west-2", "- region: us-west2"), "IL013", "relays[0].region",
            "us-west2", "did you mean 'us-west-2'");

    [Fact]
    public void An_AZ_name_written_as_the_Region_is_IL013() =>
        Expect.Reported(ConfigText.Relay.Edit("  region: us-east-1", "  region: us-east-1a"), "IL013", "provider.region", "us-east-1a");

    [Fact]
    public void Every_catalogued_Region_is_known() =>
        Expect.NotReported(ConfigText.Relay.Edit("- region: us-west-2", "- region: ap-southeast-7"), "IL013");
}
