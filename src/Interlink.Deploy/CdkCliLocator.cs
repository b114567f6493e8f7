using System.Reflection;

namespace Interlink.Deploy;

/// <summary>The CDK CLI deploy runs, and why that one.</summary>
/// <param name="Path">The executable.</param>
/// <param name="Source">Where it was found, in words (printed before a deploy).</param>
public sealed record CdkCli(string Path, string Source);

/// <summary>
/// Finds the CDK CLI. Only places the user chose or Interlink came with: <c>INTERLINK_CDK</c>; the Interlink
/// installation's own <c>node_modules</c> (beside the tool, or in the repository it was built from); the project
/// root's own <c>node_modules</c> (the config file's directory). Never a parent directory: a
/// <c>node_modules/.bin/cdk</c> planted in <c>/tmp</c> or a shared home above the project would otherwise run with
/// the user's (often root's) AWS credentials.
/// </summary>
public static class CdkCliLocator
{
    private static readonly string RelativePath = System.IO.Path.Combine("node_modules", ".bin", "cdk");

    /// <summary>The CLI for a project whose config is in <paramref name="projectRoot"/>, from the real environment.</summary>
    public static CdkCli Locate(string projectRoot) =>
        Locate(projectRoot, System.Environment.GetEnvironmentVariable("INTERLINK_CDK"), InstallationRoots());

    /// <summary>The CLI: <paramref name="configured"/> when set, else the first of the installation roots', else the project root's.</summary>
    /// <exception cref="DeployException">None of them has the CLI.</exception>
    public static CdkCli Locate(string projectRoot, string? configured, IReadOnlyList<string> installationRoots)
    {
        if (configured is { Length: > 0 })
            return File.Exists(configured)
                ? new CdkCli(System.IO.Path.GetFullPath(configured), "INTERLINK_CDK")
                : throw new DeployException($"INTERLINK_CDK={configured}: no such file; point it at the CDK CLI ('cdk') or unset it");
        foreach (var root in installationRoots)
        {
            if (Candidate(root) is { } found)
                return new CdkCli(found, "the Interlink installation's node_modules");
        }

        if (Candidate(projectRoot) is { } project)
            return new CdkCli(project, "the project's node_modules");
        throw new DeployException(
            $"the AWS CDK CLI is not installed: run 'npm ci' at the Interlink repo root (it installs the pinned aws-cdk), or set INTERLINK_CDK to its path; " +
            $"looked in {string.Join(", ", installationRoots.Append(projectRoot).Select(r => System.IO.Path.Combine(System.IO.Path.GetFullPath(r), RelativePath)))} (never in parent directories)");
    }

    /// <summary>Where Interlink itself lives: beside the tool, and the repository it was built from.</summary>
    public static IReadOnlyList<string> InstallationRoots()
    {
        var roots = new List<string> { AppContext.BaseDirectory };
        var source = typeof(CdkCliLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "InterlinkSourceRoot")?.Value;
        if (source is { Length: > 0 } && Directory.Exists(source))
            roots.Add(source);
        return roots;
    }

    private static string? Candidate(string root)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(root), RelativePath);
        return File.Exists(path) ? path : null;
    }
}
