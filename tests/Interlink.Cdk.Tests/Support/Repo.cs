namespace Interlink.Cdk.Tests.Support;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(Root, "examples", $"{name}.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interlink.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Interlink.slnx above {AppContext.BaseDirectory}");
    }
}
