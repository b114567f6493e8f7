using Interlink.Core.Model;
using Interlink.Core.Networking;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;

namespace Interlink.Core.Tests.Loading;

public class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.10.0.0/16", "10.10.0.0/16", 16)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", 0)]
    [InlineData("192.168.1.7/32", "192.168.1.7/32", 32)]
    [InlineData("172.16.0.0/12", "172.16.0.0/12", 12)]
    public void A_network_parses_and_round_trips(string text, string formatted, int prefix)
    {
        Assert.True(Ipv4Cidr.TryParse(text, out var cidr, out var problem), problem);
        Assert.Equal(formatted, cidr.ToString());
        Assert.Equal(prefix, cidr.Prefix);
        Assert.Equal("", problem);
    }

    [Fact]
    public void Host_bits_set_names_the_network_that_was_probably_meant()
    {
        Assert.False(Ipv4Cidr.TryParse("10.10.1.5/16", out _, out var problem));
        Assert.Equal("has host bits set (the network is 10.10.0.0/16)", problem);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/1a")]
    public void A_prefix_outside_0_to_32_is_refused(string text)
    {
        Assert.False(Ipv4Cidr.TryParse(text, out _, out var problem));
        Assert.Equal("has a prefix length outside 0–32", problem);
    }

    [Theory]
    [InlineData("010.0.0.0/8")]
    [InlineData("10.01.0.0/16")]
    [InlineData("10.0.0.00/24")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0.0/8")]
    [InlineData("a.b.c.d/8")]
    [InlineData("/8")]
    [InlineData("10..0.0/8")]
    [InlineData("+1.0.0.0/8")]
    public void Leading_zeros_and_malformed_addresses_are_refused(string text)
    {
        Assert.False(Ipv4Cidr.TryParse(text, out _, out var problem));
        Assert.Equal("is not an IPv4 address followed by /nn", problem);
    }

    [Fact]
    public void Text_without_a_prefix_says_so()
    {
        Assert.False(Ipv4Cidr.TryParse("10.0.0.0", out _, out var problem));
        Assert.Contains("no prefix length", problem);
    }

    [Fact]
    public void Parse_throws_with_the_problem_for_bad_text()
    {
        var e = Assert.Throws<FormatException>(() => Ipv4Cidr.Parse("10.0.0.1/8"));
        Assert.Contains("10.0.0.0/8", e.Message);
    }

    [Fact]
    public void Containment_and_overlap_follow_the_prefixes()
    {
        var vpc = Ipv4Cidr.Parse("10.10.0.0/16");
        Assert.True(vpc.Contains(Ipv4Cidr.Parse("10.10.3.0/24")));
        Assert.False(vpc.Contains(Ipv4Cidr.Parse("10.0.0.0/8")));
        Assert.True(vpc.Overlaps(Ipv4Cidr.Parse("10.0.0.0/8")));
        Assert.False(vpc.Overlaps(Ipv4Cidr.Parse("10.11.0.0/16")));
        Assert.Equal(65536, vpc.Size);
        Assert.Equal("10.10.255.255", Ipv4.Format(vpc.Broadcast));
        Assert.Equal(4294967296L, Ipv4Cidr.Parse("0.0.0.0/0").Size);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("8.8.8.8", false)]
    public void Private_addresses_are_RFC_1918_and_6598(string ip, bool isPrivate)
    {
        Assert.True(Ipv4.TryParse(ip, out var address));
        Assert.Equal(isPrivate, Ipv4.IsPrivate(address));
    }
}

public class SubnetLayoutTests
{
    private static VpcSite Site(string cidr, params string[] azs) =>
        new("provider.vpc", VpcRole.Provider, "us-east-1", new VpcSpec(null, cidr, azs, [], [], null, [], null));

    [Fact]
    public void A_16_over_two_AZs_carves_24s_private_in_odd_blocks_and_public_in_even_blocks()
    {
        var site = Site("10.10.0.0/16", "use1-az1", "use1-az2");
        var privates = SubnetLayout.Private(site);
        Assert.Equal(["10.10.1.0/24", "10.10.3.0/24"], privates.Select(s => s.Cidr.ToString()));
        Assert.Equal(["use1-az1", "use1-az2"], privates.Select(s => s.Az));
        Assert.All(privates, s => Assert.True(s.Carved));
        Assert.All(privates, s => Assert.Equal("provider.vpc.cidr", s.Path));
        Assert.Equal(["10.10.2.0/24", "10.10.4.0/24"], SubnetLayout.Public(site, needed: true).Select(s => s.Cidr.ToString()));
        Assert.Empty(SubnetLayout.Public(site, needed: false));
    }

    [Fact]
    public void A_24_over_two_AZs_carves_27s()
    {
        var vpc = Ipv4Cidr.Parse("10.20.0.0/24");
        Assert.Equal(27, SubnetLayout.CarvedPrefix(vpc, 2));
        Assert.Equal(["10.20.0.32/27", "10.20.0.96/27"], SubnetLayout.Private(Site("10.20.0.0/24", "a", "b")).Select(s => s.Cidr.ToString()));
        Assert.Equal(["10.20.0.64/27", "10.20.0.128/27"], SubnetLayout.Public(Site("10.20.0.0/24", "a", "b"), needed: true).Select(s => s.Cidr.ToString()));
    }

    [Theory]
    [InlineData("10.0.0.0/28", 1)]
    [InlineData("10.0.0.0/28", 2)]
    [InlineData("10.0.0.0/27", 2)]
    [InlineData("10.0.0.0/26", 3)]
    public void A_VPC_too_small_for_a_28_per_tier_and_AZ_cannot_be_carved(string cidr, int azs)
    {
        Assert.Null(SubnetLayout.CarvedPrefix(Ipv4Cidr.Parse(cidr), azs));
        Assert.Empty(SubnetLayout.Private(Site(cidr, Enumerable.Range(1, azs).Select(i => $"az{i}").ToArray())));
    }

    [Theory]
    [InlineData("10.0.0.0/16", 1, 24)]
    [InlineData("10.0.0.0/16", 3, 24)]
    [InlineData("10.0.0.0/16", 6, 24)]
    [InlineData("10.0.0.0/20", 8, 25)]
    [InlineData("10.0.0.0/25", 1, 27)]
    [InlineData("10.0.0.0/25", 2, 28)]
    public void Carved_blocks_are_24s_when_they_fit_else_as_large_as_fit(string cidr, int azs, int prefix)
    {
        Assert.Equal(prefix, SubnetLayout.CarvedPrefix(Ipv4Cidr.Parse(cidr), azs));
    }

    [Fact]
    public void A_28_VPC_cannot_be_carved_and_the_validator_says_so()
    {
        var text = LoaderTestKit.Replace(LoaderTestKit.Valid, "cidr: 10.10.0.0/16", "cidr: 10.10.0.0/28");
        var carving = LoaderTestKit.Single(LoaderTestKit.Validate(text).Diagnostics, "IL024");
        Assert.Equal("provider.vpc.cidr", carving.Path);
    }

    [Fact]
    public void Written_subnets_win_over_carving()
    {
        var site = new VpcSite("provider.vpc", VpcRole.Provider, "us-east-1",
            new VpcSpec(null, "10.10.0.0/16", ["a", "b"], ["10.10.8.0/24", "10.10.9.0/24"], [], null, [], null));
        var privates = SubnetLayout.Private(site);
        Assert.Equal(["10.10.8.0/24", "10.10.9.0/24"], privates.Select(s => s.Cidr.ToString()));
        Assert.Equal("provider.vpc.privateSubnets[1]", privates[1].Path);
        Assert.All(privates, s => Assert.False(s.Carved));
    }

    [Fact]
    public void Written_subnets_that_do_not_match_the_AZs_give_no_layout()
    {
        var site = new VpcSite("provider.vpc", VpcRole.Provider, "us-east-1",
            new VpcSpec(null, "10.10.0.0/16", ["a", "b"], ["10.10.8.0/24"], [], null, [], null));
        Assert.Empty(SubnetLayout.Private(site));
    }

    [Fact]
    public void An_existing_VPC_uses_its_listed_subnets()
    {
        var site = new VpcSite("provider.vpc", VpcRole.Provider, "us-east-1",
            new VpcSpec("vpc-0a1b2c3d", "10.40.0.0/16", [], [], [], null,
                [new ExistingSubnet("subnet-0a1b2c3d", "use1-az1", "10.40.10.0/24", "rtb-0a1b2c3d")], "sg-0a1b2c3d"));
        var subnet = Assert.Single(SubnetLayout.Private(site));
        Assert.Equal("10.40.10.0/24", subnet.Cidr.ToString());
        Assert.Equal("use1-az1", subnet.Az);
        Assert.Empty(SubnetLayout.Public(site, needed: true));
    }
}

public class TargetLayoutTests
{
    private static readonly Ipv4Cidr[] TwoSubnets = [Ipv4Cidr.Parse("10.10.1.0/24"), Ipv4Cidr.Parse("10.10.3.0/24")];

    [Fact]
    public void Hosts_alternate_over_the_subnets_starting_at_address_plus_10()
    {
        var ips = TargetLayout.HostIps(TwoSubnets, 5).Select(Ipv4.Format);
        Assert.Equal(["10.10.1.10", "10.10.3.10", "10.10.1.11", "10.10.3.11", "10.10.1.12"], ips);
    }

    [Fact]
    public void No_hosts_means_no_ips()
    {
        Assert.Empty(TargetLayout.HostIps(TwoSubnets, 0));
    }

    [Theory]
    [InlineData("10.0.0.0/24", 245)]
    [InlineData("10.0.0.0/28", 5)]
    [InlineData("10.0.0.0/30", 0)]
    public void Capacity_leaves_the_first_ten_and_the_last_address(string subnet, long capacity)
    {
        Assert.Equal(capacity, TargetLayout.Capacity(Ipv4Cidr.Parse(subnet)));
    }

    [Fact]
    public void Every_host_of_a_full_subnet_stays_inside_it_and_off_the_broadcast_address()
    {
        var subnet = Ipv4Cidr.Parse("10.0.0.0/28");
        var ips = TargetLayout.HostIps([subnet], (int)TargetLayout.Capacity(subnet));
        Assert.All(ips, ip => Assert.True(subnet.Contains(ip) && ip != subnet.Broadcast));
        Assert.Equal(ips.Count, ips.Distinct().Count());
    }
}
