using Interlink.Templates.Blueprints;
using Interlink.Core.Normalization;

namespace Interlink.Templates;

/// <summary>
/// Published programs the hosts install, shipped as CDK file assets: the sample service for the provider hosts
/// and the probe for consumer client hosts (<c>scripts/publish.sh service|probe RID</c>). Either may be absent:
/// the service's S3 location then becomes a deploy input, and client hosts come up without the probe.
/// </summary>
/// <param name="Service">Service tarball, or null.</param>
/// <param name="Probe">Probe tarball, or null.</param>
public sealed record HostBundles(string? Service = null, string? Probe = null)
{
    /// <summary>No bundles.</summary>
    public static HostBundles None { get; } = new();

    /// <summary>
    /// The bundles published under <c>artifacts/</c> in <paramref name="projectDirectory"/> (where the command runs,
    /// as <c>scripts/publish.sh</c> writes them) for the hosts' architectures. Only there, never in a parent
    /// directory: a tarball planted above the project would otherwise be shipped to every host, and its digest,
    /// computed from the same file, would vouch for it.
    /// </summary>
    public static HostBundles Find(Topology topology, string projectDirectory) => new(
        topology.Targets.CreateHosts ? Locate(projectDirectory, "service", topology.Targets.InstanceType) : null,
        topology.Consumers.Any(c => c.Client) ? Locate(projectDirectory, "probe", ClientHostBlueprint.DefaultInstanceType) : null);

    /// <summary>
    /// The lowercase hex SHA-256 of <paramref name="path"/>, computed at synth: the template carries it as a literal,
    /// and the host refuses a bundle whose digest differs from it.
    /// </summary>
    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
    }

    /// <summary>The runtime identifier of hosts of <paramref name="instanceType"/>.</summary>
    public static string RuntimeFor(string instanceType) =>
        HostImages.Architecture(instanceType) == "arm64" ? "linux-arm64" : "linux-x64";

    private static string? Locate(string projectDirectory, string component, string instanceType)
    {
        var file = Path.Combine(Path.GetFullPath(projectDirectory), "artifacts", component, $"interlink-{component}-{RuntimeFor(instanceType)}.tar.gz");
        return File.Exists(file) ? file : null;
    }
}
