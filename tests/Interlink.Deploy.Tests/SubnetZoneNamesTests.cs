using Interlink.Core.Wiring;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// The reset alarms of an NLB in an existing VPC given by AZ IDs name their AZ by name, which differs per account: deploy
/// reads it from the subnet the template names (DescribeSubnets, in the stack's Region, with the stack's profile), once
/// per parameter; an --input of the same name wins; a dry run asks AWS nothing.
/// </summary>
public sealed class SubnetZoneNamesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"interlink-zones-{Guid.NewGuid():N}");
    private readonly WiringManifest _wiring;
    private readonly Core.Normalization.Topology _topology;

    public SubnetZoneNamesTests()
    {
        _topology = ExampleSynthesis.Synthesize(RepoRoot.Example("existing-vpcs.yaml"), _directory);
        _wiring = WiringManifest.FromJson(File.ReadAllText(Path.Combine(_directory, WiringManifest.FileName)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Each_AZ_name_is_read_from_its_subnet_in_the_relays_Region_with_the_relays_profile()
    {
        var source = new Zones("us-west-2c");
        var inputs = await SubnetZoneNames.ApplyAsync(_directory, _wiring, ProfileMap.Parse(["relay=relay-admin"]), new Dictionary<string, string>(), source, dryRun: false, CancellationToken.None);

        var subnets = _topology.Relays.Single().Network.Vpc.PrivateSubnets;
        Assert.Equal(subnets.Select(s => (s.ExistingId!, "us-west-2", (string?)"relay-admin")).Order(), source.Asked.Order());
        Assert.Equal(["NlbAzNameUsw2Az1", "NlbAzNameUsw2Az2"], inputs.Keys.Order());
        Assert.All(inputs.Values, v => Assert.Equal("us-west-2c", v));
    }

    [Fact]
    public async Task An_input_wins_and_a_dry_run_asks_nothing()
    {
        var source = new Zones("us-west-2c");
        var given = await SubnetZoneNames.ApplyAsync(_directory, _wiring, ProfileMap.Parse([]), new Dictionary<string, string> { ["NlbAzNameUsw2Az1"] = "us-west-2a" }, source, dryRun: false, CancellationToken.None);
        Assert.Equal("us-west-2a", given["NlbAzNameUsw2Az1"]);
        Assert.Single(source.Asked);

        var dry = new Zones("us-west-2c");
        var planned = await SubnetZoneNames.ApplyAsync(_directory, _wiring, ProfileMap.Parse([]), new Dictionary<string, string>(), dry, dryRun: true, CancellationToken.None);
        Assert.Empty(dry.Asked);
        Assert.StartsWith("<AZ name of subnet-", planned["NlbAzNameUsw2Az2"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_EC2_each_name_is_the_subnets_AvailabilityZone_and_an_unknown_subnet_is_a_one_line_error()
    {
        var aws = new FakeAws();
        foreach (var subnet in _topology.Relays.Single().Network.Vpc.PrivateSubnets)
            aws.Subnets[subnet.ExistingId!] = ("us-west-2", subnet.Az == "usw2-az1" ? "us-west-2b" : "us-west-2d");
        var inputs = await SubnetZoneNames.ApplyAsync(_directory, _wiring, ProfileMap.Parse([]), new Dictionary<string, string>(), new Deploy.Aws.Ec2SubnetZoneSource(aws), dryRun: false, CancellationToken.None);
        Assert.Equal(("us-west-2b", "us-west-2d"), (inputs["NlbAzNameUsw2Az1"], inputs["NlbAzNameUsw2Az2"]));

        aws.Subnets.Clear();
        var error = await Assert.ThrowsAsync<DeployException>(() => SubnetZoneNames.ApplyAsync(_directory, _wiring, ProfileMap.Parse([]), new Dictionary<string, string>(), new Deploy.Aws.Ec2SubnetZoneSource(aws), dryRun: false, CancellationToken.None));
        Assert.Contains("InvalidSubnetID.NotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_is_not_an_AZ_name_is_refused_with_the_input_that_fixes_it()
    {
        var error = await Assert.ThrowsAsync<DeployException>(() => SubnetZoneNames.ApplyAsync(_directory, _wiring, ProfileMap.Parse([]), new Dictionary<string, string>(), new Zones("usw2-az1"), dryRun: false, CancellationToken.None));
        Assert.Contains("--input NlbAzName", error.Message, StringComparison.Ordinal);
    }

    private sealed class Zones(string answer) : ISubnetZoneSource
    {
        public List<(string Subnet, string Region, string? Profile)> Asked { get; } = [];

        public Task<string> ZoneNameAsync(string subnetId, string region, string? profile, CancellationToken cancellationToken)
        {
            Asked.Add((subnetId, region, profile));
            return Task.FromResult(answer);
        }
    }
}
