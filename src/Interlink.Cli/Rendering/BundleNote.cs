using Interlink.Templates;
using Interlink.Templates.Blueprints;
using Interlink.Core.Normalization;
using Spectre.Console;

namespace Interlink.Cli.Rendering;

/// <summary>Says which published programs the assembly ships to the hosts, and how to add a missing one.</summary>
internal static class BundleNote
{
    public static void Write(IAnsiConsole console, Topology topology, HostBundles bundles)
    {
        if (topology.Targets.CreateHosts)
            console.MarkupLine(bundles.Service is { } service
                ? $"service hosts install {Markup.Escape(Path.GetFileName(service))} (CDK asset)"
                : $"service hosts: no published service found, so its S3 location is a deploy input; 'scripts/publish.sh service {HostBundles.RuntimeFor(topology.Targets.InstanceType)}' ships it");
        if (topology.Consumers.Any(c => c.Client))
            console.MarkupLine(bundles.Probe is { } probe
                ? $"client hosts install {Markup.Escape(Path.GetFileName(probe))} (CDK asset)"
                : $"client hosts: no published probe found; 'scripts/publish.sh probe {HostBundles.RuntimeFor(ClientHostBlueprint.DefaultInstanceType)}' ships it for 'interlink probe'");
    }
}
