using System.Text.Json;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Templates.Model;
using Interlink.Templates.Stacks;
using Interlink.Templates.Writing;

namespace Interlink.Templates;

/// <summary>One synthesized stack, for the summary table.</summary>
/// <param name="Name">Stack name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Account">Account, or null for the deploying account.</param>
/// <param name="Region">Region.</param>
/// <param name="Phase">Deploy phase.</param>
/// <param name="Resources">Number of CloudFormation resources in its template.</param>
public sealed record SynthesizedStack(string Name, string Role, string? Account, string Region, int Phase, int Resources);

/// <summary>
/// Synthesizes a design without Node: builds the template model of every stack (<see cref="DesignStacks"/>) and writes
/// the cloud assembly directly (<see cref="CloudAssemblyWriter"/>), plus <c>interlink.wiring.json</c>. The CDK
/// construct library emits the same model through the CDK for users who compose the constructs in their own app; a
/// test holds the two to the same templates.
/// </summary>
public static class AssemblyWriter
{
    /// <summary>Synthesizes <paramref name="topology"/> into <paramref name="outputDirectory"/>, replacing it whole.</summary>
    public static IReadOnlyList<SynthesizedStack> Synthesize(Topology topology, string outputDirectory, HostBundles? bundles = null) =>
        AssemblyDirectory.Replace(outputDirectory, staging => WriteInto(topology, staging, bundles ?? HostBundles.None));

    /// <summary>
    /// Writes the stacks, the wiring manifest and the marker into <paramref name="directory"/> — the step both writers
    /// share once they have their stacks' templates (<paramref name="writeStacks"/>).
    /// </summary>
    public static IReadOnlyList<SynthesizedStack> WriteInto(Topology topology, string directory, HostBundles bundles,
        Action<string, IReadOnlyList<StackModel>>? writeStacks = null)
    {
        var wiring = WiringPlanner.Plan(topology);
        var stacks = DesignStacks.Build(topology, wiring, bundles);
        (writeStacks ?? CloudAssemblyWriter.Write)(directory, stacks);
        AssemblyDirectory.Mark(directory);
        File.WriteAllText(Path.Combine(directory, WiringManifest.FileName), wiring.ToJson());
        return wiring.Stacks.Select(s =>
        {
            using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, s.Value.Template)));
            var resources = template.RootElement.TryGetProperty("Resources", out var r) ? r.EnumerateObject().Count() : 0;
            return new SynthesizedStack(s.Key, s.Value.Role, s.Value.Account, s.Value.Region, s.Value.Phase, resources);
        }).OrderBy(s => s.Phase).ToList();
    }
}
