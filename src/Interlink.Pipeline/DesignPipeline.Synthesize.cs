using Interlink.Cdk;
using Interlink.Core.Normalization;
using Interlink.Templates;

namespace Interlink.Pipeline;

public static partial class DesignPipeline
{
    /// <summary>
    /// THE synthesis of the pipeline: writes the cloud assembly of <paramref name="topology"/> (every stack's
    /// template, <c>interlink.wiring.json</c>, the hosts' bundles as assets) to <paramref name="directory"/>, replacing
    /// it whole. Every command that synthesizes comes through here. The assembly is written in C# from the template
    /// model (<see cref="AssemblyWriter"/>): no Node, no jsii; the construct library emits the same model through the CDK.
    /// </summary>
    /// <returns>Each stack written, in deploy order.</returns>
    public static IReadOnlyList<SynthesizedStack> Synthesize(Topology topology, string directory, HostBundles bundles) =>
        AssemblyWriter.Synthesize(topology, directory, bundles);

    /// <summary>
    /// The published service and probe bundles for <paramref name="topology"/>'s hosts, found under <c>artifacts/</c>
    /// in the current directory (where <c>scripts/publish.sh</c> writes them).
    /// </summary>
    public static HostBundles Bundles(Topology topology) => HostBundles.Find(topology, Directory.GetCurrentDirectory());

    /// <summary>
    /// For the AWS CDK CLI's own app run (<c>cdk.json</c>, <c>npx cdk synth</c>): synthesizes through the construct
    /// library straight into <paramref name="directory"/>, which the CDK CLI owns and locks (so it is not swapped).
    /// Not a second pipeline: this is the CDK users' path, and stays on the CDK whatever writes the CLI's assemblies.
    /// </summary>
    public static void SynthesizeForCdkCli(Topology topology, string directory) =>
        _ = AssemblyBuilder.SynthesizeInPlace(topology, directory);
}
