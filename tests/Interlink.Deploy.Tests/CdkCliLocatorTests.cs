namespace Interlink.Deploy.Tests;

/// <summary>
/// Deploy runs the CDK CLI with the user's AWS credentials (often as root), so it runs only one the user chose
/// (<c>INTERLINK_CDK</c>) or that came with Interlink or the project: never a <c>node_modules/.bin/cdk</c> found by
/// walking up parent directories, where anyone who can write to <c>/tmp</c> or a shared directory could plant one.
/// </summary>
public sealed class CdkCliLocatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("interlink-cdk-locator-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_cdk_planted_in_an_ancestor_of_the_project_is_never_chosen()
    {
        var planted = Plant(root);
        var project = Directory.CreateDirectory(Path.Combine(root, "team", "project")).FullName;
        var installation = Directory.CreateDirectory(Path.Combine(root, "opt", "interlink")).FullName;

        var error = Assert.Throws<DeployException>(() => CdkCliLocator.Locate(project, configured: null, [installation]));

        Assert.DoesNotContain(planted, error.Message, StringComparison.Ordinal);
        Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
        Assert.Contains("never in parent directories", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cdk_planted_above_the_installation_is_never_chosen_either()
    {
        Plant(root);
        var installation = Directory.CreateDirectory(Path.Combine(root, "opt", "interlink", "bin")).FullName;
        var project = Directory.CreateDirectory(Path.Combine(root, "p")).FullName;
        var own = Plant(project);

        Assert.Equal(new CdkCli(own, "the project's node_modules"), CdkCliLocator.Locate(project, null, [installation]));
    }

    [Fact]
    public void The_installation_s_own_cli_comes_before_the_project_s()
    {
        var installation = Directory.CreateDirectory(Path.Combine(root, "interlink")).FullName;
        var pinned = Plant(installation);
        var project = Directory.CreateDirectory(Path.Combine(root, "p")).FullName;
        Plant(project);

        Assert.Equal(new CdkCli(pinned, "the Interlink installation's node_modules"), CdkCliLocator.Locate(project, null, [installation]));
    }

    [Fact]
    public void INTERLINK_CDK_wins_and_a_missing_one_is_an_error_not_a_fallback()
    {
        var project = Directory.CreateDirectory(Path.Combine(root, "p")).FullName;
        Plant(project);
        var chosen = Path.Combine(root, "my-cdk");
        File.WriteAllText(chosen, "#!/bin/sh\n");

        Assert.Equal(new CdkCli(chosen, "INTERLINK_CDK"), CdkCliLocator.Locate(project, chosen, []));
        var error = Assert.Throws<DeployException>(() => CdkCliLocator.Locate(project, Path.Combine(root, "nope"), []));
        Assert.StartsWith($"INTERLINK_CDK={Path.Combine(root, "nope")}: no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_build_s_repository_is_an_installation_root()
    {
        // The repository these tests were built from holds the pinned CLI (package.json) once 'npm ci' has run.
        Assert.Contains(CdkCliLocator.InstallationRoots(), r => File.Exists(Path.Combine(r, "package.json")) && File.Exists(Path.Combine(r, "Interlink.slnx")));
    }

    private static string Plant(string directory)
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory, "node_modules", ".bin")).FullName;
        var cdk = Path.Combine(bin, "cdk");
        File.WriteAllText(cdk, "#!/bin/sh\necho planted\n");
        return cdk;
    }
}
