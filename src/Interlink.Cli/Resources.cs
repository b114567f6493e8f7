namespace Interlink.Cli;

/// <summary>Files embedded in the tool: starter configs, the bundled example and the JSON Schema.</summary>
internal static class Resources
{
    public static string Read(string name)
    {
        using var stream = typeof(Resources).Assembly.GetManifestResourceStream($"Interlink.Cli.{name}")
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Template(string mode) => Read($"Templates.{mode}.yaml");

    public static string Schema => Read("interlink.schema.json");

    /// <summary>examples/seed.yaml, for <c>demo</c> run outside the repository.</summary>
    public static string Seed => Read("seed.yaml");
}
