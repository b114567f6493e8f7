using System.Collections.Concurrent;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Tests.Support;

/// <summary>
/// Collection fixture: each example is synthesized at most once per run (on first use) under one temporary
/// root, deleted when the run ends; tests read the assembly once and mutate copies of its templates in memory.
/// </summary>
public sealed class Examples : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"interlink-analysis-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly string? previousTmpDir = Environment.GetEnvironmentVariable("TMPDIR");
    private readonly ConcurrentDictionary<string, Lazy<CloudAssembly>> assemblies = new(StringComparer.Ordinal);

    public Examples()
    {
        // jsii unpacks its bundles into the process temp directory and never deletes them: keep them in our root.
        var temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(temp);
        Environment.SetEnvironmentVariable("TMPDIR", temp);
    }

    public CloudAssembly this[string example] => assemblies.GetOrAdd(example, name => new Lazy<CloudAssembly>(() => Synthesize(name))).Value;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TMPDIR", previousTmpDir);
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private CloudAssembly Synthesize(string name)
    {
        var output = Path.Combine(root, "assemblies", name);
        Interlink.Testing.ExampleSynthesis.Synthesize(Interlink.Testing.RepoRoot.Example($"{name}.yaml"), output);
        return CloudAssembly.Read(output);
    }

    public static string RepoRoot => Interlink.Testing.RepoRoot.Path;

    /// <summary>The assembly of a config written as text (a variant of an example), synthesized once per <paramref name="key"/>.</summary>
    public CloudAssembly FromText(string key, string yaml) => assemblies.GetOrAdd("text:" + key, _ => new Lazy<CloudAssembly>(() =>
    {
        var directory = Path.Combine(root, "variants", key);
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "interlink.yaml");
        File.WriteAllText(config, yaml);
        var output = Path.Combine(directory, "cdk.out");
        Interlink.Testing.ExampleSynthesis.Synthesize(config, output);
        return CloudAssembly.Read(output);
    })).Value;

}

[CollectionDefinition(Name)]
public sealed class ExamplesCollection : ICollectionFixture<Examples>
{
    public const string Name = "examples";
}
