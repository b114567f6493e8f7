using Interlink.Core.Diagnostics;
using Interlink.Core.Loading;

namespace Interlink.Core.Tests.Loading;

public class YamlPathTests
{
    [Theory]
    [InlineData("consumers[1].vpc.cidr", "consumers[1].vpc")]
    [InlineData("consumers[1].vpc", "consumers[1]")]
    [InlineData("consumers[1]", "consumers")]
    [InlineData("consumers", "")]
    [InlineData("a.b[2]", "a.b")]
    [InlineData("a.b[2][3]", "a.b[2]")]
    [InlineData("", "")]
    public void Parent_strips_the_last_key_or_index(string path, string parent)
    {
        Assert.Equal(parent, YamlPath.Parent(path));
    }

    [Fact]
    public void Key_and_index_build_paths_from_the_root()
    {
        Assert.Equal("consumers", YamlPath.Key("", "consumers"));
        Assert.Equal("consumers[1]", YamlPath.Index("consumers", 1));
        Assert.Equal("consumers[1].vpc", YamlPath.Key(YamlPath.Index("consumers", 1), "vpc"));
    }

    [Fact]
    public void Walking_parents_always_reaches_the_root()
    {
        var path = "relays[0].vpc.subnets[3].routeTableId";
        var steps = 0;
        for (var p = path; p.Length > 0; p = YamlPath.Parent(p))
            Assert.True(++steps < 10);
        Assert.Equal(6, steps);
    }

    [Fact]
    public void A_source_map_locates_an_absent_value_at_its_nearest_written_ancestor()
    {
        var map = new SourceMap("f.yaml");
        map.Record("consumers[0]", 3, 5);
        map.Record("consumers[0]", 9, 9); // the first record wins
        Assert.Equal(new SourceLocation("f.yaml", 3, 5), map.Locate("consumers[0].vpc.cidr"));
        Assert.Null(map.Locate("provider.region"));
    }
}

public class SuggestTests
{
    private static readonly string[] VpcKeys = ["id", "cidr", "azs", "privateSubnets", "publicSubnets", "natGateways", "subnets", "hostSecurityGroupId"];

    [Theory]
    [InlineData("privatSubnets", "privateSubnets")]
    [InlineData("privateSubnet", "privateSubnets")]
    [InlineData("PrivateSubnets", "privateSubnets")]
    [InlineData("natGateway", "natGateways")]
    [InlineData("cdir", "cidr")]
    [InlineData("subnest", "subnets")]
    public void Closest_finds_the_key_a_typo_meant(string typo, string meant)
    {
        Assert.Equal(meant, Suggest.Closest(typo, VpcKeys));
    }

    [Theory]
    [InlineData("zzzzzzzz")]
    [InlineData("foo")]
    [InlineData("region")]
    [InlineData("")]
    public void Closest_suggests_nothing_for_a_far_off_word(string word)
    {
        Assert.Null(Suggest.Closest(word, VpcKeys));
    }

    [Fact]
    public void Closest_of_no_candidates_is_nothing()
    {
        Assert.Null(Suggest.Closest("cidr", []));
    }

    [Fact]
    public void An_exact_match_ignoring_case_wins()
    {
        Assert.Equal("relay", Suggest.Closest("RELAY", ["native", "relay"]));
    }

    [Fact]
    public void DidYouMean_is_a_sentence_fragment_or_nothing()
    {
        Assert.Equal(" (did you mean 'cidr'?)", Suggest.DidYouMean("cidrr", VpcKeys));
        Assert.Equal("", Suggest.DidYouMean("zzzzzzzz", VpcKeys));
    }
}
