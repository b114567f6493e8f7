namespace Interlink.Cdk.Tests.Support;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repo
{
    public static string Root => Interlink.Testing.RepoRoot.Path;

    public static string Example(string name) => Path.Combine(Root, "examples", $"{name}.yaml");

}
