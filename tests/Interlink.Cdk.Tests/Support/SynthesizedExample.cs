using System.Diagnostics;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests.Support;

/// <summary>A config validated, built into a topology and synthesized into a cloud assembly, with every template parsed.</summary>
public sealed class SynthesizedExample
{
    private SynthesizedExample(string name, ValidationReport report, Topology topology, string directory, IReadOnlyList<SynthesizedStack> summary, TimeSpan elapsed, HostBundles bundles)
    {
        Bundles = bundles;
        Name = name;
        Config = report.Config!;
        Topology = topology;
        Directory = directory;
        Summary = summary;
        SynthesisTime = elapsed;
        Wiring = WiringManifest.FromJson(File.ReadAllText(Path.Combine(directory, WiringManifest.FileName)));
        Templates = System.IO.Directory.GetFiles(directory, "*.template.json")
            .ToDictionary(
                f => Path.GetFileName(f)[..^".template.json".Length],
                f =>
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(f));
                    return new Template(Path.GetFileName(f)[..^".template.json".Length], doc.RootElement.Clone());
                },
                StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The published bundles the assembly ships.</summary>
    public HostBundles Bundles { get; }

    public InterlinkConfig Config { get; }

    public Topology Topology { get; }

    public string Directory { get; }

    public IReadOnlyList<SynthesizedStack> Summary { get; }

    public TimeSpan SynthesisTime { get; }

    public WiringManifest Wiring { get; }

    /// <summary>Every <c>*.template.json</c> of the assembly, by stack name.</summary>
    public IReadOnlyDictionary<string, Template> Templates { get; }

    public bool Native => Topology.Mode == DeployMode.Native;

    public Template Provider => Templates[NameScheme.ProviderStack(Topology.Name)];

    public Template ProviderRoutes => Templates[NameScheme.ProviderRoutesStack(Topology.Name)];

    public Template Relay(string region) => Templates[NameScheme.RelayStack(Topology.Name, region)];

    public Template Consumer(string name) => Templates[NameScheme.ConsumerStack(Topology.Name, name)];

    /// <summary>The relay serving consumers of <paramref name="region"/>.</summary>
    public RelaySite RelayIn(string region) => Topology.Relays.Single(r => r.Network.Region == region);

    /// <summary>Each stack that owns a VPC, with the VPC as written in the config and as resolved.</summary>
    public IEnumerable<(Template Template, VpcSpec Spec, NetworkSite Site)> Networks()
    {
        yield return (Provider, Config.Provider.Vpc, Topology.Provider);
        for (var i = 0; i < Topology.Relays.Count; i++)
            yield return (Relay(Topology.Relays[i].Network.Region), Config.Relays[i].Vpc, Topology.Relays[i].Network);
        for (var i = 0; i < Topology.Consumers.Count; i++)
            yield return (Consumer(Topology.Consumers[i].Name), Config.Consumers[i].Vpc, Topology.Consumers[i].Network);
    }

    /// <summary>Validates (it must be valid), builds and synthesizes the config at <paramref name="configPath"/> or in <paramref name="configText"/>.</summary>
    public static SynthesizedExample Synthesize(string name, string outputDirectory, string? configPath = null, string? configText = null, HostBundles? bundles = null)
    {
        var report = configText is null ? ConfigValidator.ValidateFile(configPath!) : ConfigValidator.ValidateText(configText, $"{name}.yaml");
        Assert.True(report.IsValid, $"{name} is not valid: {string.Join("; ", report.Diagnostics.Select(d => d.ToOneLine()))}");
        var topology = TopologyBuilder.Build(report);
        var watch = Stopwatch.StartNew();
        var summary = AssemblyBuilder.Synthesize(topology, outputDirectory, bundles);
        return new SynthesizedExample(name, report, topology, outputDirectory, summary, watch.Elapsed, bundles ?? HostBundles.None);
    }
}
