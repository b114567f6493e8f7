using Interlink.Core.Normalization;
using Interlink.Pipeline;
using Interlink.Templates;

namespace Interlink.Testing;

/// <summary>How test fixtures turn a config into a cloud assembly: validate (it must be valid), then synthesize, as the CLI does.</summary>
public static class ExampleSynthesis
{
    /// <summary>Synthesizes the config at <paramref name="configFile"/> into <paramref name="outputDirectory"/> (no host bundles).</summary>
    public static Topology Synthesize(string configFile, string outputDirectory)
    {
        var report = DesignPipeline.Validate(configFile);
        Assert.True(report.IsValid, $"{configFile} is not valid:\n{string.Join('\n', report.Diagnostics.Select(d => d.ToOneLine()))}");
        var topology = DesignPipeline.Topology(report);
        DesignPipeline.Synthesize(topology, outputDirectory, HostBundles.None);
        return topology;
    }
}
