using Interlink.Cdk.Tests.Support;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests;

/// <summary>
/// Service hosts have fixed private IPs, so CloudFormation can never replace them (it creates the replacement while
/// the old instance holds the IP: InvalidIPAddress.InUse). Their image therefore never changes by itself: it is a
/// parameter deploy pins once, or an AMI pinned in the config; never the SSM value CloudFormation re-reads on every update.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class HostImageTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Fixed_IP_hosts_never_take_their_image_from_a_value_CloudFormation_re_resolves(string example)
    {
        var provider = examples[example].Provider;
        foreach (var host in provider.OfType("AWS::EC2::Instance").Where(i => i.Has("PrivateIpAddress")))
        {
            var launchTemplate = provider.Target(host.Prop("LaunchTemplate").GetProperty("LaunchTemplateId"));
            var image = launchTemplate.Prop("LaunchTemplateData").GetProperty("ImageId");
            Assert.DoesNotContain("resolve:ssm", Json.Compact(image), StringComparison.Ordinal);
            Assert.DoesNotContain("resolve:ssm", Json.Compact(host.Properties), StringComparison.Ordinal);
            Assert.Equal(HostImage.ParameterName, Json.RefName(image));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void The_image_parameter_is_a_typed_AMI_ID_and_the_template_names_where_deploy_resolves_it_once(string example)
    {
        var x = examples[example];
        var parameter = x.Provider.Parameters[HostImage.ParameterName];
        Assert.Equal("AWS::EC2::Image::Id", parameter.GetProperty("Type").GetString());
        Assert.False(parameter.TryGetProperty("Default", out _), "no default: deploy always passes the pinned value");
        var source = x.Provider.Root.GetProperty("Metadata").GetProperty(HostImage.SourceMetadataKey).GetString();
        Assert.Equal(HostImages.ImageParameterFor(x.Topology.Targets.InstanceType), source);
        Assert.StartsWith("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-", source, StringComparison.Ordinal);
    }

    [Fact]
    public void User_IPs_need_no_image()
    {
        var provider = examples[Examples.ExistingVpcs].Provider;
        Assert.False(provider.Parameters.ContainsKey(HostImage.ParameterName));
        Assert.False(provider.Root.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty(HostImage.SourceMetadataKey, out _));
    }

    [Fact]
    public void An_image_pinned_in_the_config_is_a_literal_and_needs_no_parameter()
    {
        var root = Directory.CreateTempSubdirectory("interlink-image-").FullName;
        try
        {
            var text = File.ReadAllText(Repo.Example(Examples.Seed)).Replace("targets: { instances: 2 }", "targets: { instances: 2, imageId: ami-0123456789abcdef0 }", StringComparison.Ordinal);
            Assert.Contains("imageId: ami-0123456789abcdef0", text, StringComparison.Ordinal);
            var x = SynthesizedExample.Synthesize("seed-pinned", Path.Combine(root, "out"), configText: text);
            Assert.False(x.Provider.Parameters.ContainsKey(HostImage.ParameterName));
            var images = x.Provider.OfType("AWS::EC2::LaunchTemplate").Select(t => t.Prop("LaunchTemplateData").GetProperty("ImageId").GetString()).ToList();
            Assert.Equal(["ami-0123456789abcdef0"], images);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
