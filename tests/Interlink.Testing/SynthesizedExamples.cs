using System.Collections.Concurrent;
using Interlink.Analysis.Assembly;

namespace Interlink.Testing;

/// <summary>
/// What every fixture that synthesizes shares: one temporary root per fixture, deleted when the run ends; each config
/// synthesized at most once (on first use) under it; and the jsii runtime's unpacked bundles kept under it too, since
/// jsii never deletes them. Tests read the assemblies and edit copies (<see cref="MutableAssembly"/>), never the originals.
/// </summary>
public sealed class SynthesizedExamples : IDisposable
{
    private readonly string? previousTmpDir = Environment.GetEnvironmentVariable("TMPDIR");
    private readonly ConcurrentDictionary<string, Lazy<string>> directories = new(StringComparer.Ordinal);

    /// <summary>Creates the root, named after <paramref name="purpose"/> (e.g. "analysis-tests") and this process.</summary>
    public SynthesizedExamples(string purpose)
    {
        Root = Path.Combine(Path.GetTempPath(), $"interlink-{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var temp = Path.Combine(Root, "tmp");
        System.IO.Directory.CreateDirectory(temp);
        Environment.SetEnvironmentVariable("TMPDIR", temp);
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
    }

    /// <summary>The fixture's temporary root.</summary>
    public string Root { get; }

    /// <summary>The assembly directory of <c>examples/NAME.yaml</c> (read-only by convention).</summary>
    public string Directory(string example) =>
        directories.GetOrAdd(example, name => new Lazy<string>(() =>
        {
            var output = Path.Combine(Root, "assemblies", name);
            ExampleSynthesis.Synthesize(RepoRoot.Example($"{name}.yaml"), output);
            return output;
        })).Value;

    /// <summary>The assembly directory of a config written as text (a variant of an example), synthesized once per <paramref name="key"/>.</summary>
    public string DirectoryFromText(string key, string yaml) =>
        directories.GetOrAdd("text:" + key, _ => new Lazy<string>(() =>
        {
            var directory = Path.Combine(Root, "variants", key);
            System.IO.Directory.CreateDirectory(directory);
            var config = Path.Combine(directory, "interlink.yaml");
            File.WriteAllText(config, yaml);
            var output = Path.Combine(directory, "cdk.out");
            ExampleSynthesis.Synthesize(config, output);
            return output;
        })).Value;

    /// <summary>The example's assembly, read.</summary>
    public CloudAssembly Read(string example) => CloudAssembly.Read(Directory(example));

    /// <summary>The assembly of a config written as text, read.</summary>
    public CloudAssembly ReadFromText(string key, string yaml) => CloudAssembly.Read(DirectoryFromText(key, yaml));

    /// <summary>A copy of the example's assembly to edit in memory.</summary>
    public MutableAssembly Mutable(string example) => new(Read(example));

    /// <inheritdoc />
    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TMPDIR", previousTmpDir);
        if (System.IO.Directory.Exists(Root))
            System.IO.Directory.Delete(Root, recursive: true);
    }
}
