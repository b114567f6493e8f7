using Interlink.Cdk.Constructs;
using Interlink.Core.Normalization;

namespace Interlink.Cdk;

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

    /// <summary>The bundles published under <c>artifacts/</c> above <paramref name="start"/> for the hosts' architectures.</summary>
    public static HostBundles Find(Topology topology, string start) => new(
        topology.Targets.CreateHosts ? Locate(start, "service", topology.Targets.InstanceType) : null,
        topology.Consumers.Any(c => c.Client) ? Locate(start, "probe", ClientHostProps.DefaultInstanceType) : null);

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
        HardenedHostTemplate.Architecture(instanceType) == "arm64" ? "linux-arm64" : "linux-x64";

    private static string? Locate(string start, string component, string instanceType)
    {
        var file = Path.Combine("artifacts", component, $"interlink-{component}-{RuntimeFor(instanceType)}.tar.gz");
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, file)))
                return Path.Combine(dir.FullName, file);
        }

        return null;
    }
}
