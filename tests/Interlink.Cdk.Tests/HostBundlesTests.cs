using Interlink.Core.Normalization;
using Interlink.Core.Validation;

namespace Interlink.Cdk.Tests;

/// <summary>Published bundles are found only in the project directory, never in one above it.</summary>
public sealed class HostBundlesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"interlink-bundles-{Guid.NewGuid():N}");
    private readonly Topology seed = TopologyBuilder.Build(ConfigValidator.ValidateFile(Interlink.Testing.RepoRoot.Example("seed.yaml")));

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_service_tarball_planted_in_a_parent_directory_is_never_shipped()
    {
        var project = Path.Combine(root, "project");
        Directory.CreateDirectory(project);
        Plant(root);

        Assert.Null(HostBundles.Find(seed, project).Service);
    }

    [Fact]
    public void The_project_s_own_published_tarball_is_found()
    {
        var project = Path.Combine(root, "project");
        var planted = Plant(project);

        Assert.Equal(planted, HostBundles.Find(seed, project).Service);
    }

    private string Plant(string directory)
    {
        var file = Path.Combine(directory, "artifacts", "service", $"interlink-service-{HostBundles.RuntimeFor(seed.Targets.InstanceType)}.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a real bundle");
        return file;
    }
}
