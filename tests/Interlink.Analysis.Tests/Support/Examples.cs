using System.Collections.Concurrent;
using Interlink.Analysis.Assembly;
using Interlink.Testing;

namespace Interlink.Analysis.Tests.Support;

/// <summary>
/// Collection fixture: each example synthesized at most once per run (<see cref="SynthesizedExamples"/>) and read once;
/// tests mutate copies of its templates in memory (<see cref="MutableAssembly"/>).
/// </summary>
public sealed class Examples : IDisposable
{
    private readonly SynthesizedExamples synthesized = new("analysis-tests");
    private readonly ConcurrentDictionary<string, Lazy<CloudAssembly>> assemblies = new(StringComparer.Ordinal);

    public CloudAssembly this[string example] => assemblies.GetOrAdd(example, name => new Lazy<CloudAssembly>(() => synthesized.Read(name))).Value;

    /// <summary>The assembly of a config written as text (a variant of an example), synthesized once per <paramref name="key"/>.</summary>
    public CloudAssembly FromText(string key, string yaml) =>
        assemblies.GetOrAdd("text:" + key, _ => new Lazy<CloudAssembly>(() => synthesized.ReadFromText(key, yaml))).Value;

    public void Dispose() => synthesized.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ExamplesCollection : ICollectionFixture<Examples>
{
    public const string Name = "examples";
}
