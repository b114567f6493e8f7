using Xunit;

namespace Interlink.Testing;

/// <summary>
/// A fact that reads an npm package the repository pins in package.json (AWS data the checks are built on). It
/// runs when <c>npm ci</c> has installed the package and Node is on the PATH (CI does both), and is skipped with
/// that reason otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NpmPackageFactAttribute : FactAttribute
{
    /// <summary>A fact that needs npm package <paramref name="package"/> under the repository's node_modules.</summary>
    public NpmPackageFactAttribute(string package)
    {
        if (!Directory.Exists(Path.Combine(RepoRoot.Path, "node_modules", package)))
            Skip = $"needs npm package {package}: run 'npm ci' at the repository root";
        else if (!NodeOnPath())
            Skip = "needs Node.js on the PATH";
    }

    private static bool NodeOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, "node")));
}
