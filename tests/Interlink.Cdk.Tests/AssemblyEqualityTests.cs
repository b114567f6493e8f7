using System.Text.Json.Nodes;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;

namespace Interlink.Cdk.Tests;

/// <summary>
/// One description, two emitters: the assembly the CLI writes without Node (<see cref="AssemblyWriter"/>) is the one
/// the construct library synthesizes through the CDK (<see cref="AssemblyBuilder"/>) — the same templates as JSON
/// (logical IDs, parameters, outputs, metadata, tags), the same published assets under the same keys, the same
/// stack artifacts (environment, bootstrap roles, tags, logical-ID metadata). Only the template's own asset hash may
/// differ, since the two format the JSON differently.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class AssemblyEqualityTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithBundles), MemberType = typeof(Examples))]
    public void The_direct_writer_writes_the_assembly_the_CDK_synthesizes(string example)
    {
        var cdk = examples[example];
        var direct = Path.Combine(Path.GetTempPath(), $"interlink-direct-{Guid.NewGuid():N}");
        try
        {
            _ = AssemblyWriter.Synthesize(cdk.Topology, direct, cdk.Bundles);
            AssertSameAssembly(cdk.Directory, direct);
        }
        finally
        {
            Directory.Delete(direct, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedConfigs))]
    public void Both_emitters_agree_on_generated_designs(int seed)
    {
        var text = DesignGenerator.Config(seed);
        var report = ConfigValidator.ValidateText(text, $"generated-{seed}.yaml");
        Assert.True(report.IsValid, $"generated config {seed} is not valid:\n{text}\n{string.Join('\n', report.Diagnostics.Select(d => d.ToOneLine()))}");
        var topology = TopologyBuilder.Build(report);
        var root = Path.Combine(Path.GetTempPath(), $"interlink-generated-{seed}-{Guid.NewGuid():N}");
        try
        {
            _ = AssemblyBuilder.Synthesize(topology, Path.Combine(root, "cdk"));
            _ = AssemblyWriter.Synthesize(topology, Path.Combine(root, "direct"));
            AssertSameAssembly(Path.Combine(root, "cdk"), Path.Combine(root, "direct"));
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    public static TheoryData<int> GeneratedConfigs() => new(Enumerable.Range(1, DesignGenerator.Count));

    private static void AssertSameAssembly(string cdkDirectory, string directDirectory)
    {
        var cdkTemplates = Files(cdkDirectory, "*.template.json");
        Assert.Equal(cdkTemplates, Files(directDirectory, "*.template.json"));
        foreach (var file in cdkTemplates)
            AssertJsonEqual(Read(cdkDirectory, file), Read(directDirectory, file), file);

        Assert.Equal(Files(cdkDirectory, "asset.*"), Files(directDirectory, "asset.*"));
        foreach (var file in Files(cdkDirectory, "*.assets.json"))
            AssertJsonEqual(WithoutTemplateAsset(Read(cdkDirectory, file)), WithoutTemplateAsset(Read(directDirectory, file)), file);

        var cdkManifest = Artifacts(Read(cdkDirectory, "manifest.json"));
        var directManifest = Artifacts(Read(directDirectory, "manifest.json"));
        Assert.Equal(cdkManifest.Select(a => a.Key).Order(), directManifest.Select(a => a.Key).Order());
        foreach (var (name, artifact) in cdkManifest)
            AssertJsonEqual(artifact, directManifest.Single(a => a.Key == name).Value, $"manifest.json artifact {name}");
    }

    private static void AssertJsonEqual(JsonNode? expected, JsonNode? actual, string what)
    {
        if (!JsonNode.DeepEquals(expected, actual))
            Assert.Fail($"{what} differs:\nCDK:    {expected?.ToJsonString()}\ndirect: {actual?.ToJsonString()}");
    }

    private static List<string> Files(string directory, string pattern) =>
        [.. Directory.GetFiles(directory, pattern).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static JsonNode Read(string directory, string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file)))!;

    // The template's own asset is named by the hash of its text, which differs with formatting only.
    private static JsonNode WithoutTemplateAsset(JsonNode manifest)
    {
        var files = manifest["files"]!.AsObject();
        foreach (var key in files.Where(f => f.Value!["source"]!["path"]!.GetValue<string>().EndsWith(".template.json", StringComparison.Ordinal)).Select(f => f.Key).ToList())
            files.Remove(key);
        return manifest;
    }

    // The CDK also writes a construct tree (tree.json) that nothing deploys from; the direct writer does not.
    private static List<KeyValuePair<string, JsonNode?>> Artifacts(JsonNode manifest)
    {
        var artifacts = manifest["artifacts"]!.AsObject().Where(a => a.Key != "Tree").Select(a => new KeyValuePair<string, JsonNode?>(a.Key, a.Value!.DeepClone())).ToList();
        foreach (var (_, artifact) in artifacts)
            artifact!["properties"]?.AsObject().Remove("stackTemplateAssetObjectUrl");
        return artifacts;
    }
}
