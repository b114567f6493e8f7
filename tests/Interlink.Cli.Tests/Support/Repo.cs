namespace Interlink.Cli.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    /// <summary>The repository root (the folder holding Interlink.slnx).</summary>
    public static string Root => Interlink.Testing.RepoRoot.Path;

    /// <summary>The example configs that must validate (examples/*.yaml), as absolute paths.</summary>
    public static IReadOnlyList<string> ValidExamples =>
        Directory.GetFiles(Path.Combine(Root, "examples"), "*.yaml").Order(StringComparer.Ordinal).ToList();

    /// <summary>The example configs that must fail (examples/invalid/*.yaml), as absolute paths.</summary>
    public static IReadOnlyList<string> InvalidExamples =>
        Directory.GetFiles(Path.Combine(Root, "examples", "invalid"), "*.yaml").Order(StringComparer.Ordinal).ToList();

    /// <summary>Absolute path of an example given relative to examples/.</summary>
    public static string Example(string relative) => Path.Combine(Root, "examples", relative);

}
