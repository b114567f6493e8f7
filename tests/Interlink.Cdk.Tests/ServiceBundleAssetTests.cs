using System.Formats.Tar;
using System.IO.Compression;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Normalization;
using Interlink.Templates.Hosts;
using Interlink.Core.Validation;

namespace Interlink.Cdk.Tests;

/// <summary>
/// With a published service tarball, the provider hosts fetch it as a CDK file asset from the bootstrap bucket:
/// no bundle parameters remain, the tarball is staged in the assembly, and the host role may read exactly it.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class ServiceBundleAssetTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("interlink-bundle-tests-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_published_service_ships_as_an_asset_and_replaces_the_bundle_parameters()
    {
        var bundle = Path.Combine(root, "interlink-service-linux-arm64.tar.gz");
        WriteTarball(bundle, "Interlink.Service", "#!/bin/sh\necho service\n");
        var report = ConfigValidator.ValidateFile(Repo.Example("seed"));
        var output = Path.Combine(root, "assembly");

        AssemblyBuilder.Synthesize(TopologyBuilder.Build(report), output, new HostBundles(Service: bundle));

        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "awsmorocco-provider.template.json")));
        var parameters = template.RootElement.GetProperty("Parameters").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["ServiceHostImageId"], parameters);
        var staged = Assert.Single(Directory.GetFiles(output, "asset.*.tar.gz"));
        Assert.Equal(File.ReadAllBytes(bundle), File.ReadAllBytes(staged));

        var instance = template.RootElement.GetProperty("Resources").EnumerateObject().First(r => r.Value.GetProperty("Type").GetString() == "AWS::EC2::Instance");
        var sub = instance.Value.GetProperty("Properties").GetProperty("UserData").GetProperty("Fn::Base64").GetProperty("Fn::Sub");
        var variables = sub[1];
        Assert.Equal("cdk-hnb659fds-assets-111111111111-us-east-1", variables.GetProperty("BundleBucket").GetString());
        var hash = Path.GetFileName(staged)["asset.".Length..^".tar.gz".Length];
        Assert.StartsWith(hash, variables.GetProperty("BundleKey").GetString(), StringComparison.Ordinal);

        var assets = File.ReadAllText(Path.Combine(output, "awsmorocco-provider.assets.json"));
        Assert.Contains(Path.GetFileName(staged), assets, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_published_probe_the_client_host_installs_it_from_its_own_asset()
    {
        var probe = Path.Combine(root, "interlink-probe-linux-arm64.tar.gz");
        WriteTarball(probe, "Interlink.Probe", "#!/bin/sh\necho probe\n");
        var report = ConfigValidator.ValidateFile(Repo.Example("seed"));
        var output = Path.Combine(root, "with-probe");

        AssemblyBuilder.Synthesize(TopologyBuilder.Build(report), output, new HostBundles(Probe: probe));

        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "awsmorocco-consumer-west.template.json")));
        var resources = template.RootElement.GetProperty("Resources").EnumerateObject().ToList();
        var instance = resources.Single(r => r.Value.GetProperty("Type").GetString() == "AWS::EC2::Instance");
        var sub = instance.Value.GetProperty("Properties").GetProperty("UserData").GetProperty("Fn::Base64").GetProperty("Fn::Sub");
        Assert.Equal(ProbeUserData.Render(), sub[0].GetString());
        Assert.Contains("<<'INTERLINK_VALUES'\n${ProbeBucket}\n${ProbeKey}\n${ProbeSha256}\n", sub[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("cdk-hnb659fds-assets-333333333333-us-west-2", sub[1].GetProperty("ProbeBucket").GetString());
        Assert.Single(Directory.GetFiles(output, "asset.*.tar.gz"));
        var roles = resources.Where(r => r.Value.GetProperty("Type").GetString() == "AWS::IAM::Role").Select(r => r.Value.GetRawText());
        Assert.Contains(roles, r => r.Contains("s3:GetObject", StringComparison.Ordinal));
        // The provider, without a service bundle, keeps the deploy inputs.
        using var provider = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "awsmorocco-provider.template.json")));
        Assert.True(provider.RootElement.GetProperty("Parameters").TryGetProperty("ServiceBundleBucket", out _));
    }

    private static void WriteTarball(string path, string name, string content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
        tar.WriteEntry(entry);
    }
}
