using Interlink.Core.Wiring;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Interlink.Deploy.Tests.Support;

/// <summary>The seed and fan-out examples synthesized once for every deploy test (the jsii runtime is slow to start).</summary>
public sealed class AssemblyFixture : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("interlink-deploy-tests-").FullName;

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
    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (string, WiringManifest) Synthesize(string example)
    {
        var directory = Path.Combine(_root, example);
        Interlink.Testing.ExampleSynthesis.Synthesize(Interlink.Testing.RepoRoot.Example($"{example}.yaml"), directory);
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
