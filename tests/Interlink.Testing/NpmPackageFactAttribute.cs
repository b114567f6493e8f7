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
    public NpmPackageFactAttribute(string package) => Skip = NpmPackages.SkipReason(package);
}

/// <summary>The theory form of <see cref="NpmPackageFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NpmPackageTheoryAttribute : TheoryAttribute
{
    /// <summary>A theory that needs npm package <paramref name="package"/> under the repository's node_modules.</summary>
    public NpmPackageTheoryAttribute(string package) => Skip = NpmPackages.SkipReason(package);
}

/// <summary>Whether the repository's pinned npm packages and Node are there.</summary>
internal static class NpmPackages
{
    /// <summary>Why a test needing <paramref name="package"/> cannot run here, or null when it can.</summary>
    public static string? SkipReason(string package) =>
        !Directory.Exists(Path.Combine(RepoRoot.Path, "node_modules", package)) ? $"needs npm package {package}: run 'npm ci' at the repository root"
        : !NodeOnPath() ? "needs Node.js on the PATH"
        : null;

    private static bool NodeOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, "node")));
}
