using Interlink.Core.Wiring;
using Interlink.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Interlink.Deploy.Tests.Support;

/// <summary>The seed and fan-out examples synthesized once for every deploy test (the jsii runtime is slow to start).</summary>
public sealed class AssemblyFixture : IDisposable
{
    private readonly SynthesizedExamples _synthesized = new("deploy-tests");

    /// <summary>Synthesizes the examples.</summary>
    public AssemblyFixture()
    {
        Seed = Synthesize("seed");
        FanOut = Synthesize("fan-out");
    }

    /// <summary>The seed example: three accounts, phases provider → relay → provider-routes + consumer.</summary>
    public (string Directory, WiringManifest Wiring) Seed { get; }

    /// <summary>The fan-out example: three relays in phase 2, four consumers and provider-routes in phase 3.</summary>
    public (string Directory, WiringManifest Wiring) FanOut { get; }

    /// <inheritdoc />
    public void Dispose() => _synthesized.Dispose();

    private (string, WiringManifest) Synthesize(string example)
    {
        var directory = _synthesized.Directory(example);
        return (directory, WiringManifest.FromJson(File.ReadAllText(Path.Combine(directory, WiringManifest.FileName))));
    }
}

/// <summary>Shares <see cref="AssemblyFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<AssemblyFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "deploy";
}
