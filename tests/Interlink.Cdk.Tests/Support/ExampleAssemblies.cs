using System.Collections.Concurrent;

namespace Interlink.Cdk.Tests.Support;

/// <summary>
/// Collection fixture: each example is synthesized at most once per test run (on first use), into its own
/// directory under one temporary root that is deleted when the run ends.
/// </summary>
public sealed class ExampleAssemblies : IDisposable
{
    /// <summary>
    /// Not an example file: seed with a friendly DNS name for the consumer, a separate health-check port and a
    /// deployment section (a deploying account of its own, a custom bootstrap qualifier): options no example uses.
    /// </summary>
    public const string SeedWithExtras = "seed-with-extras";

    public const string DeployerAccount = "999999999999";

    public const string BootstrapQualifier = "team_a-1";

    /// <summary>
    /// Not an example file: seed synthesized with a published service and probe (small stand-in tarballs), so the
    /// hosts fetch CDK file assets and the client host installs the probe.
    /// </summary>
    public const string SeedWithBundles = "seed-with-bundles";

    public const string FriendlyName = "api.awsmorocco.internal";

    public const int SeparateHealthPort = 8081;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"interlink-cdk-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly string? previousTmpDir = Environment.GetEnvironmentVariable("TMPDIR");
    private readonly ConcurrentDictionary<string, Lazy<SynthesizedExample>> examples = new(StringComparer.Ordinal);

    public ExampleAssemblies()
    {
        // The jsii runtime unpacks its JavaScript bundles (about 66 MB) into a fresh temp directory per process and
        // never deletes it (aws/jsii#700). Point the process's temp directory into this fixture's root, so that
        // it goes when the run ends.
        var temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(temp);
        Environment.SetEnvironmentVariable("TMPDIR", temp);
    }

    public SynthesizedExample this[string example] =>
        examples.GetOrAdd(example, name => new Lazy<SynthesizedExample>(() => Synthesize(name))).Value;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TMPDIR", previousTmpDir);
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private SynthesizedExample Synthesize(string name)
    {
        var output = Path.Combine(root, "assemblies", name);
        if (name == SeedWithBundles)
        {
            var bundles = Path.Combine(root, "bundles");
            Directory.CreateDirectory(bundles);
            var service = Path.Combine(bundles, "interlink-service-linux-arm64.tar.gz");
            var probe = Path.Combine(bundles, "interlink-probe-linux-arm64.tar.gz");
            // Text with a CRLF: the CDK fingerprints text files with line endings normalized.
            File.WriteAllText(service, "stand-in\r\nservice bundle\n");
            File.WriteAllText(probe, "stand-in probe bundle");
            return SynthesizedExample.Synthesize(name, output, configPath: Repo.Example("seed"), bundles: new HostBundles(service, probe));
        }

        if (name != SeedWithExtras)
            return SynthesizedExample.Synthesize(name, output, configPath: Repo.Example(name));

        var text = File.ReadAllText(Repo.Example("seed"))
            .Replace("healthCheck: { protocol: http, path: /health }", $"healthCheck: {{ protocol: http, path: /health, port: {SeparateHealthPort} }}", StringComparison.Ordinal)
            .Replace("    client: true", $"    client: true\n    hostedZone: {FriendlyName}", StringComparison.Ordinal)
            + $"deployment: {{ account: \"{DeployerAccount}\", bootstrapQualifier: {BootstrapQualifier} }}\n";
        Assert.Contains(FriendlyName, text, StringComparison.Ordinal);
        Assert.Contains($"port: {SeparateHealthPort}", text, StringComparison.Ordinal);
        return SynthesizedExample.Synthesize(name, output, configText: text);
    }
}
