using Amazon.CDK;
using Interlink.Cdk.Stacks;
using Interlink.Core.IO;
using Interlink.Core.Normalization;
using Interlink.Templates;
using Interlink.Templates.Writing;

namespace Interlink.Cdk;

/// <summary>
/// Synthesizes a design through the CDK: the stacks of the template model (<see cref="Templates.Stacks.DesignStacks"/>)
/// emitted as CDK stacks (<see cref="InterlinkStack"/>), written by the CDK's own synthesis, plus
/// <c>interlink.wiring.json</c>. What <c>npx cdk synth</c> runs through <c>cdk.json</c>; the interlink CLI writes the
/// same assembly without Node (<see cref="AssemblyWriter"/>), and a test holds the two to the same templates.
/// </summary>
public static class AssemblyBuilder
{
    /// <summary>Synthesizes <paramref name="topology"/> into <paramref name="outputDirectory"/>, replacing it whole.</summary>
    public static IReadOnlyList<SynthesizedStack> Synthesize(Topology topology, string outputDirectory, HostBundles? bundles = null)
    {
        QuietJsii();
        return AssemblyDirectory.Replace(outputDirectory, staging => SynthesizeInto(topology, staging, bundles ?? HostBundles.None));
    }

    /// <summary>
    /// Synthesizes straight into <paramref name="directory"/>, as the CDK CLI expects of an app (it owns and locks that
    /// directory, so it is not swapped).
    /// </summary>
    public static IReadOnlyList<SynthesizedStack> SynthesizeInPlace(Topology topology, string directory, HostBundles? bundles = null)
    {
        QuietJsii();
        return SynthesizeInto(topology, Path.GetFullPath(directory), bundles ?? HostBundles.None);
    }

    private static IReadOnlyList<SynthesizedStack> SynthesizeInto(Topology topology, string directory, HostBundles bundles) =>
        AssemblyWriter.WriteInto(topology, directory, bundles, (outdir, stacks) =>
        {
            var app = new App(new AppProps { Outdir = outdir, AnalyticsReporting = false });
            foreach (var stack in stacks)
                _ = new InterlinkStack(app, stack);
            app.Synth();
        });

    /// <summary>
    /// The jsii runtime unpacks about 66 MB of JavaScript bundles into a fresh temporary directory on every run and
    /// never removes it, and Node runs that JavaScript: it must live where no other user can swap it. Point it at this
    /// process's private scratch directory (<see cref="PrivateScratch"/>: per user, mode 0700, owner checked) and remove
    /// that when the process ends; ones left by killed runs are swept at the next start.
    /// </summary>
    private static void ContainJsiiTemporaryFiles()
    {
        if (_jsiiTemp is not null)
            return;
        _jsiiTemp = PrivateScratch.Create("jsii");
        System.Environment.SetEnvironmentVariable("TMPDIR", _jsiiTemp);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PrivateScratch.TryDelete(_jsiiTemp);
    }

    private static string? _jsiiTemp;

    /// <summary>
    /// The jsii runtime prints a full-screen banner when Node.js is older than it likes (Node 20 on this kind of
    /// machine). Synthesis does not depend on it, so the banner is silenced unless the user set the variables.
    /// </summary>
    private static void QuietJsii()
    {
        ContainJsiiTemporaryFiles();
        SetIfUnset("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        SetIfUnset("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "14,16,18,20");
        SetIfUnset("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");

        static void SetIfUnset(string name, string value)
        {
            if (System.Environment.GetEnvironmentVariable(name) is null)
                System.Environment.SetEnvironmentVariable(name, value);
        }
    }
}
