using Interlink.Templates;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;

namespace Interlink.Testing;

/// <summary>How test fixtures turn a config into a cloud assembly: validate (it must be valid), then synthesize.</summary>
internal static class ExampleSynthesis
{
    /// <summary>Synthesizes the config at <paramref name="configFile"/> into <paramref name="outputDirectory"/>.</summary>
    public static Topology Synthesize(string configFile, string outputDirectory)
    {
        var report = ConfigValidator.ValidateFile(configFile);
        Assert.True(report.IsValid, $"{configFile} is not valid:\n{string.Join('\n', report.Diagnostics.Select(d => d.ToOneLine()))}");
        var topology = TopologyBuilder.Build(report);
        AssemblyWriter.Synthesize(topology, outputDirectory);
        return topology;
    }
}
