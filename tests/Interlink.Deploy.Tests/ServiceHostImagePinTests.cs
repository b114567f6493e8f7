using Interlink.Core.Wiring;
using Interlink.Deploy.Tests.Support;

namespace Interlink.Deploy.Tests;

/// <summary>
/// The service hosts' image is read from the public SSM parameter once, on the first deploy, recorded beside the
/// deploy state, and passed unchanged on every later deploy, so no update replaces a fixed-IP host by itself; the
/// user changes it on purpose with <c>--input ServiceHostImageId=…</c>.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class ServiceHostImagePinTests(AssemblyFixture assemblies) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("interlink-pin-tests-").FullName;
    private readonly FakeImageSource ssm = new("ami-0aaaaaaaaaaaaaaa1");

    private string StatePath => Path.Combine(root, ".interlink", "awsmorocco.state.json");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task The_first_deploy_reads_the_parameter_the_template_names_once_in_the_provider_Region_and_records_it()
    {
        var inputs = await Apply(new Dictionary<string, string>());

        Assert.Equal("ami-0aaaaaaaaaaaaaaa1", inputs[HostImage.ParameterName]);
        var call = Assert.Single(ssm.Calls);
        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", call.Parameter);
        Assert.Equal("us-east-1", call.Region);
        Assert.Contains("ami-0aaaaaaaaaaaaaaa1", File.ReadAllText(ServiceHostImagePin.PinPath(StatePath)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_deploys_reuse_the_recorded_image_even_after_AWS_publishes_a_new_one()
    {
        await Apply(new Dictionary<string, string>());
        ssm.Value = "ami-0bbbbbbbbbbbbbbb2";

        var inputs = await Apply(new Dictionary<string, string>());

        Assert.Equal("ami-0aaaaaaaaaaaaaaa1", inputs[HostImage.ParameterName]);
        Assert.Single(ssm.Calls);
    }

    [Fact]
    public async Task An_explicit_input_changes_the_image_on_purpose_and_becomes_the_recorded_one()
    {
        await Apply(new Dictionary<string, string>());
        var chosen = await Apply(new Dictionary<string, string> { [HostImage.ParameterName] = "ami-0ccccccccccccccc3" });
        var next = await Apply(new Dictionary<string, string>());

        Assert.Equal("ami-0ccccccccccccccc3", chosen[HostImage.ParameterName]);
        Assert.Equal("ami-0ccccccccccccccc3", next[HostImage.ParameterName]);
        Assert.Single(ssm.Calls);
    }

    [Theory]
    [InlineData("ami-123")]
    [InlineData("$(reboot)")]
    public async Task An_input_that_is_not_an_AMI_ID_is_refused(string value)
    {
        var error = await Assert.ThrowsAsync<DeployException>(() => Apply(new Dictionary<string, string> { [HostImage.ParameterName] = value }));
        Assert.Contains("is not an AMI ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reads_and_records_nothing()
    {
        var inputs = await Apply(new Dictionary<string, string>(), dryRun: true);

        Assert.StartsWith("<resolved once from /aws/service/ami-amazon-linux-latest/", inputs[HostImage.ParameterName], StringComparison.Ordinal);
        Assert.Empty(ssm.Calls);
        Assert.False(File.Exists(ServiceHostImagePin.PinPath(StatePath)));
    }

    [Fact]
    public void The_pin_file_sits_beside_the_state_file() =>
        Assert.Equal("/x/.interlink/demo.pinned.json", ServiceHostImagePin.PinPath("/x/.interlink/demo.state.json"));

    private Task<IReadOnlyDictionary<string, string>> Apply(Dictionary<string, string> inputs, bool dryRun = false)
    {
        var (dir, wiring) = assemblies.Seed;
        return ServiceHostImagePin.ApplyAsync(dir, wiring, StatePath, ProfileMap.Empty, inputs, ssm, dryRun, CancellationToken.None);
    }

    private sealed class FakeImageSource(string value) : IImageParameterSource
    {
        public string Value { get; set; } = value;

        public List<(string Parameter, string Region, string? Profile)> Calls { get; } = [];

        public Task<string> GetAsync(string parameterName, string region, string? profile, CancellationToken cancellationToken)
        {
            Calls.Add((parameterName, region, profile));
            return Task.FromResult(Value);
        }
    }
}
