namespace Interlink.Core.Tests.Rules;

/// <summary>IL060–IL062, IL070: names that become stack and resource names, and suppressions.</summary>
public class NameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("shop")]
    [InlineData("shop-api2")]
    public void Lowercase_hyphenated_design_names_pass(string name) => Expect.Clean(ConfigText.Relay.Edit("name: shop", $"name: {name}"));

    [Fact]
    public void A_design_name_with_capitals_and_an_underscore_is_IL060_and_the_fix_offers_a_clean_one()
    {
        var finding = Expect.Reported(ConfigText.Relay.Edit("name: shop", "name: Shop_API"), "IL060", "name", "Shop_API");
        Assert.Contains("shop-api", finding.Fix);
    }

    [Theory]
    [InlineData("1shop")]
    [InlineData("shop-")]
    [InlineData("shop--api")]
    [InlineData("shop.api")]
    public void A_design_name_AWS_would_reject_is_IL060(string name) =>
        Expect.Reported(ConfigText.Relay.Edit("name: shop", $"name: {name}"), "IL060", "name", name);

    [Fact]
    public void A_24_character_name_fits_the_32_character_target_group_name() =>
        Expect.Clean(ConfigText.Relay.Edit("name: shop", $"name: {new string('s', 24)}"));

    [Fact]
    public void A_25_character_name_makes_a_33_character_target_group_name_and_is_IL061()
    {
        var name = new string('s', 25);
        var finding = Expect.Reported(ConfigText.Relay.Edit("name: shop", $"name: {name}"), "IL061", "name", $"{name}-usw2-tg", "33 characters");
        Assert.Contains("24", finding.Fix);
    }

    [Fact]
    public void A_consumer_name_that_makes_a_stack_name_over_128_characters_is_IL061() =>
        Expect.Reported(ConfigText.Relay.Edit("name: west", $"name: {new string('w', 120)}"), "IL061", "name", "shop-consumer-", "134 characters");

    [Fact]
    public void Two_consumers_with_one_name_are_IL062_at_the_second() =>
        Expect.Reported(ConfigText.Relay.With(ConfigText.Consumer("west", "us-west-2", "10.13.0.0/16", "usw2-az1, usw2-az2")),
            "IL062", "consumers[1].name", "west", "consumers[0]");

    [Fact]
    public void A_consumer_name_with_a_space_is_IL062() =>
        Expect.Reported(ConfigText.Relay.Edit("name: west", "name: West Coast"), "IL062", "consumers[0].name", "West Coast");

    [Fact]
    public void Distinct_simple_consumer_names_pass_IL062() =>
        Expect.Clean(ConfigText.Relay.With(ConfigText.Consumer("west-b", "us-west-2", "10.13.0.0/16", "usw2-az1, usw2-az2")));

    [Fact]
    public void A_suppression_of_a_security_rule_with_a_reason_passes() =>
        Expect.Clean(ConfigText.Relay.With("suppressions:\n  - { rule: ILS010, reason: the service only serves public price lists }\n"));

    [Fact]
    public void Suppressing_a_validation_code_instead_of_a_security_rule_is_IL070() =>
        Expect.Reported(ConfigText.Relay.With("suppressions:\n  - { rule: IL020, reason: one AZ is enough for the test stage }\n"),
            "IL070", "suppressions[0].rule", "IL020");

    [Fact]
    public void A_suppression_whose_reason_is_one_word_is_IL070() =>
        Expect.Reported(ConfigText.Relay.With("suppressions:\n  - { rule: ILS010, reason: ok }\n"), "IL070", "suppressions[0].reason", "'ok'");
}

/// <summary>IL063 and the <c>deployment</c> section: who deploys, so roles trust exactly that principal.</summary>
public class DeploymentSectionTests
{
    [Fact]
    public void A_deployment_section_with_an_account_and_a_custom_qualifier_passes_and_reaches_the_topology()
    {
        var report = ConfigText.Relay.With("deployment: { account: \"999999999999\", bootstrapQualifier: team_a-1 }\n").Validate();
        Assert.True(report.IsValid, Expect.Describe(report));
        var topology = Interlink.Core.Normalization.TopologyBuilder.Build(report);
        Assert.Equal("999999999999", topology.DeployerAccount);
        Assert.Equal("team_a-1", topology.Deployment.BootstrapQualifier);
    }

    [Fact]
    public void Without_a_deployment_section_the_provider_account_deploys_with_the_CDK_default_qualifier()
    {
        var topology = Interlink.Core.Normalization.TopologyBuilder.Build(ConfigText.Relay.Validate());
        Assert.Equal(topology.Provider.Account, topology.DeployerAccount);
        Assert.Equal("hnb659fds", topology.Deployment.BootstrapQualifier);
    }

    [Theory]
    [InlineData("toolongqualifier")]
    [InlineData("has space")]
    [InlineData("a.b")]
    public void A_qualifier_cdk_bootstrap_would_refuse_is_IL063(string qualifier) =>
        Expect.Reported(ConfigText.Relay.With($"deployment: {{ bootstrapQualifier: '{qualifier}' }}\n"), "IL063", "deployment.bootstrapQualifier", qualifier);

    [Fact]
    public void A_deployer_account_that_is_not_12_digits_is_IL011() =>
        Expect.Reported(ConfigText.Relay.With("deployment: { account: \"12345\" }\n"), "IL011", "deployment.account", "12345");

    [Fact]
    public void An_unknown_key_under_deployment_is_reported() =>
        Assert.Contains(ConfigText.Relay.With("deployment: { acount: \"999999999999\" }\n").Validate().Diagnostics, d => d.Path == "deployment.acount");
}
