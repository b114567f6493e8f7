using System.Text.Json;
using Amazon.CDK;
using Interlink.Cdk.Stacks;
using Interlink.Core.IO;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;

namespace Interlink.Cdk;

/// <summary>One synthesized stack, for the summary table.</summary>
/// <param name="Name">Stack name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Account">Account, or null for the deploying account.</param>
/// <param name="Region">Region.</param>
/// <param name="Phase">Deploy phase.</param>
/// <param name="Resources">Number of CloudFormation resources in its template.</param>
public sealed record SynthesizedStack(string Name, string Role, string? Account, string Region, int Phase, int Resources);

/// <summary>
/// Builds the CDK app of a topology and writes the cloud assembly: every stack's template plus
/// <c>interlink.wiring.json</c>. The assembly is written beside the target and moved into place only
/// when complete, so a failure never leaves half an assembly behind.
/// </summary>
public static class AssemblyBuilder
{
    /// <summary>Synthesizes <paramref name="topology"/> into <paramref name="outputDirectory"/>, replacing it whole.</summary>
    public static IReadOnlyList<SynthesizedStack> Synthesize(Topology topology, string outputDirectory, HostBundles? bundles = null)
    {
        var target = Path.GetFullPath(outputDirectory);
        // Refused before any work: only an empty directory or an assembly Interlink wrote is replaced.
        AssemblyDirectory.EnsureReplaceable(target);
        AssemblyDirectory.SweepStale(target);
        QuietJsii();
        var staging = AssemblyDirectory.CreateStaging(target);
        try
        {
            var stacks = SynthesizeInto(topology, staging, bundles ?? HostBundles.None);
            Replace(target, staging);
            return stacks;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// Synthesizes straight into <paramref name="directory"/>, as the CDK CLI expects of an app (it owns and
    /// locks that directory, so it is not swapped).
    /// </summary>
    public static IReadOnlyList<SynthesizedStack> SynthesizeInPlace(Topology topology, string directory, HostBundles? bundles = null)
    {
        QuietJsii();
        return SynthesizeInto(topology, Path.GetFullPath(directory), bundles ?? HostBundles.None);
    }

    private static List<SynthesizedStack> SynthesizeInto(Topology topology, string directory, HostBundles bundles)
    {
        var wiring = WiringPlanner.Plan(topology);
        var app = new App(new AppProps { Outdir = directory, AnalyticsReporting = false });
        AddStacks(app, topology, wiring, bundles);
        app.Synth();
        AssemblyDirectory.Mark(directory);
        File.WriteAllText(Path.Combine(directory, WiringManifest.FileName), wiring.ToJson());
        return Summarize(directory, wiring);
    }

    /// <summary>
    /// The jsii runtime unpacks about 66 MB of JavaScript bundles into a fresh temporary directory on every run
    /// and never removes it, and Node runs that JavaScript: it must live where no other user can swap it. Point
    /// it at this process's private scratch directory (<see cref="PrivateScratch"/>: per user, mode 0700, owner
    /// checked) and remove that when the process ends; ones left by killed runs are swept at the next start.
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
    /// The jsii runtime prints a full-screen banner when Node.js is older than it likes (Node 20 on this
    /// kind of machine). Synthesis does not depend on it, so the banner is silenced unless the user set the
    /// variables.
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

    private static void AddStacks(App app, Topology topology, WiringManifest wiring, HostBundles bundles)
    {
        foreach (var (name, stack) in wiring.Stacks)
        {
            switch (stack.Role)
            {
                case StackRoles.Provider:
                    _ = new ProviderStack(app, name, topology, bundles.Service);
                    break;
                case StackRoles.Relay:
                    _ = new RelayStack(app, name, topology, topology.Relays.Single(r => r.Network.Region == stack.Region));
                    break;
                case StackRoles.ProviderRoutes:
                    _ = new ProviderRoutesStack(app, name, topology, topology.TargetRouteTableSubnets().Count);
                    break;
                case StackRoles.Consumer:
                    _ = new ConsumerStack(app, name, topology, topology.Consumers.Single(c => NameScheme.ConsumerStack(topology.Name, c.Name) == name), bundles.Probe);
                    break;
                default:
                    throw new InvalidOperationException($"unknown stack role {stack.Role}");
            }
        }
    }

    private static List<SynthesizedStack> Summarize(string directory, WiringManifest wiring) =>
        wiring.Stacks.Select(s =>
        {
            using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, s.Value.Template)));
            var resources = template.RootElement.TryGetProperty("Resources", out var r) ? r.EnumerateObject().Count() : 0;
            return new SynthesizedStack(s.Key, s.Value.Role, s.Value.Account, s.Value.Region, s.Value.Phase, resources);
        }).OrderBy(s => s.Phase).ToList();

    private static void Replace(string target, string staging)
    {
        // Checked again: the directory may have changed while the CDK ran.
        AssemblyDirectory.EnsureReplaceable(target);
        try
        {
            if (Directory.Exists(target))
            {
                var old = AssemblyDirectory.Sibling(target, "old", System.Environment.ProcessId);
                Directory.Move(target, old);
                Directory.Move(staging, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Directory.Move(staging, target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AssemblyOutputException($"cannot write '{target}': {e.Message.TrimEnd('.')}; choose a directory you can write to");
        }
    }
}
