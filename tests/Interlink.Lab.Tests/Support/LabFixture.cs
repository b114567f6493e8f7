using Interlink.Analysis.Assembly;
using Interlink.Testing;

namespace Interlink.Lab.Tests.Support;

/// <summary>
/// Collection fixture: the seed example with a fast health check (interval 5 s, thresholds 2), synthesized once into a
/// temporary root (<see cref="SynthesizedExamples"/>); a lab state directory of its own; and every lab torn down when the run ends.
/// </summary>
public sealed class LabFixture : IDisposable
{
    private readonly SynthesizedExamples synthesized = new("lab-tests");
    private readonly Lazy<CloudAssembly> seed;

    public LabFixture()
    {
        Options = new LabOptions { StateDirectory = Path.Combine(synthesized.Root, "state"), HealthCheckTimeoutSeconds = 2, ReadyTimeout = TimeSpan.FromSeconds(60) };
        seed = new Lazy<CloudAssembly>(() => synthesized.ReadFromText("seed-fast", FastSeedYaml()));
    }

    /// <summary>An example as written (synthesized on first use).</summary>
    public CloudAssembly Example(string name) =>
        examples.GetOrAdd(name, n => new Lazy<CloudAssembly>(() => synthesized.ReadFromText(n, File.ReadAllText(RepoRoot.Example($"{n}.yaml"))
            .Replace("../schema/", Path.Combine(RepoRoot.Path, "schema") + "/", StringComparison.Ordinal)))).Value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CloudAssembly>> examples = new(StringComparer.Ordinal);

    public LabOptions Options { get; }

    /// <summary>The seed example with <c>interval: 5, healthyThreshold: 2, unhealthyThreshold: 2</c>.</summary>
    public CloudAssembly Seed => seed.Value;

    public string SeedDirectory => Seed.Directory;

    public void Dispose()
    {
        if (LabRuntime.Unavailable() is null && LabState.Load(Options.StateDirectory) is not null)
            LabRuntime.DownAsync(Options).GetAwaiter().GetResult();
        synthesized.Dispose();
    }

    private static string FastSeedYaml()
    {
        var text = File.ReadAllText(RepoRoot.Example("seed.yaml"));
        const string check = "healthCheck: { protocol: http, path: /health }";
        Assert.Contains(check, text, StringComparison.Ordinal);
        return text.Replace(check, "healthCheck: { protocol: http, path: /health, interval: 5, healthyThreshold: 2, unhealthyThreshold: 2 }", StringComparison.Ordinal)
            .Replace("../schema/", Path.Combine(RepoRoot.Path, "schema") + "/", StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}

/// <summary>A fact that needs root, ip and nft: skipped with the reason otherwise (CI runs as root and installs them).</summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (LabRuntime.Unavailable() is { } why)
            Skip = $"lab tests need root, iproute2 and nftables: {why}";
    }
}

/// <summary>A theory that needs root, ip and nft: skipped with the reason otherwise.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        if (LabRuntime.Unavailable() is { } why)
            Skip = $"lab tests need root, iproute2 and nftables: {why}";
    }
}
