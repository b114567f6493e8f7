using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

[Collection(CdkCollection.Name)]
public sealed class ResourceCountTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Each_stack_holds_exactly_the_resources_its_part_of_the_design_calls_for(string example)
    {
        var x = examples[example];
        foreach (var (name, stack) in x.Wiring.Stacks)
        {
            var expected = Describe(ExpectedResources.For(x, stack, name));
            var actual = Describe(x.Templates[name].TypeCounts());
            Assert.True(expected == actual, $"{name}:\nexpected\n{expected}\nactual\n{actual}");
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void The_synth_summary_counts_the_resources_each_template_holds(string example)
    {
        var x = examples[example];
        Sets.Equal(x.Wiring.Stacks.Keys, x.Summary.Select(s => s.Name), "stacks in the summary");
        foreach (var stack in x.Summary)
            Assert.Equal(x.Templates[stack.Name].Resources.Count, stack.Resources);
    }

    [Fact]
    public void Seed_provider_has_two_private_subnets_two_hosts_and_one_NAT_gateway()
    {
        var provider = examples[Examples.Seed].Provider;
        var config = examples[Examples.Seed].Config.Provider;

        Assert.Equal(config.Vpc.Azs.Count, provider.PrivateSubnets().Count);
        Assert.Equal(config.Targets.Instances, provider.OfType("AWS::EC2::Instance").Count());
        Assert.Equal(config.Vpc.NatGateways, provider.OfType("AWS::EC2::NatGateway").Count());
        Assert.Equal(config.Vpc.PublicSubnets.Count, provider.OfType("AWS::EC2::Subnet").Count() - provider.PrivateSubnets().Count);
    }

    [Fact]
    public void Fan_out_provider_routes_hold_one_route_per_relay_and_target_route_table()
    {
        var x = examples[Examples.FanOut];
        var routes = x.ProviderRoutes.OfType("AWS::EC2::Route").Count();

        Assert.Equal(x.Config.Relays.Count * x.Config.Provider.Targets.Instances, routes);
    }

    [Fact]
    public void No_stack_comes_near_the_CloudFormation_limit_of_500_resources()
    {
        foreach (var example in Examples.Files)
        {
            foreach (var template in examples[example].Templates.Values)
                Assert.True(template.Resources.Count < 500, $"{template.StackName}: {template.Resources.Count} resources");
        }
    }

    private static string Describe(IDictionary<string, int> counts) =>
        string.Join("\n", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"  {c.Key} = {c.Value}"));
}
