namespace Interlink.Testing;

/// <summary>The repository the tests run from: the folder holding Interlink.slnx above the test binaries.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>A file under <c>examples/</c>, by file name (e.g. <c>seed.yaml</c> or <c>invalid/x.yaml</c>).</summary>
    public static string Example(string fileName) => System.IO.Path.Combine(Path, "examples", fileName);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Interlink.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Interlink.slnx above {AppContext.BaseDirectory}");
    }
}
