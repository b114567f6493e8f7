using System.Collections.Concurrent;
using Interlink.Analysis.Assembly;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Interlink.Analysis.Security.Tests.Support;

/// <summary>
/// The bundled examples, each synthesized at most once per test run into one temporary root that is deleted when
/// the run ends; tests mutate copies (<see cref="Mutable"/>), never the originals.
/// </summary>
public sealed class Assemblies : IDisposable
{
    public static readonly string[] Examples = ["seed", "single-account", "fan-out", "native", "existing-vpcs"];

    private readonly string root = Path.Combine(Path.GetTempPath(), $"interlink-security-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly string? previousTmpDir = Environment.GetEnvironmentVariable("TMPDIR");
    private readonly ConcurrentDictionary<string, Lazy<string>> synthesized = new(StringComparer.Ordinal);
    private int copies;

    public Assemblies()
    {
        // jsii unpacks its bundles into the process temp directory and never deletes them: keep them under root.
        var temp = Path.Combine(root, "tmp");
        System.IO.Directory.CreateDirectory(temp);
        Environment.SetEnvironmentVariable("TMPDIR", temp);
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
    }

    /// <summary>The directory of the synthesized example (read-only by convention).</summary>
    public string Directory(string example) =>
        synthesized.GetOrAdd(example, name => new Lazy<string>(() => Synthesize(name))).Value;

    public CloudAssembly Read(string example) => CloudAssembly.Read(Directory(example));

    /// <summary>A fresh copy of the example's assembly to mutate.</summary>
    public MutableAssembly Mutable(string example)
    {
        var source = Directory(example);
        var target = Path.Combine(root, "copies", $"{example}-{Interlocked.Increment(ref copies)}");
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(source, "*.json"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return new MutableAssembly(target);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TMPDIR", previousTmpDir);
        if (System.IO.Directory.Exists(root))
            System.IO.Directory.Delete(root, recursive: true);
    }

    private string Synthesize(string name)
    {
        var output = Path.Combine(root, "assemblies", name);
        Interlink.Testing.ExampleSynthesis.Synthesize(Repo.Example(name), output);
        return output;
    }
}

[CollectionDefinition(Name)]
public sealed class AssemblyCollection : ICollectionFixture<Assemblies>
{
    public const string Name = "synthesized examples";
}

/// <summary>A copy of an assembly whose templates a test edits as JSON nodes.</summary>
public sealed class MutableAssembly(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Edits the template of the first stack whose name ends with <paramref name="stackSuffix"/>.</summary>
    public MutableAssembly Edit(string stackSuffix, Action<JsonObject> edit)
    {
        var path = System.IO.Directory.GetFiles(Directory, "*.template.json")
            .Single(f => Path.GetFileName(f)[..^".template.json".Length].EndsWith(stackSuffix, StringComparison.Ordinal));
        var template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(template);
        File.WriteAllText(path, template.ToJsonString());
        return this;
    }

    /// <summary>Edits every stack's template.</summary>
    public MutableAssembly EditAll(Action<JsonObject> edit)
    {
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.template.json"))
        {
            var template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            edit(template);
            File.WriteAllText(path, template.ToJsonString());
        }

        return this;
    }

    public CloudAssembly Read() => CloudAssembly.Read(Directory);
}

public static class Repo
{
    public static string Root => Interlink.Testing.RepoRoot.Path;

    public static string Example(string name) => Path.Combine(Root, "examples", $"{name}.yaml");

}

/// <summary>Helpers to find and change resources in a template.</summary>
public static class Json
{
    public static JsonObject Resources(this JsonObject template) => template["Resources"]!.AsObject();

    /// <summary>Properties of the only (or first) resource of <paramref name="type"/>.</summary>
    public static JsonObject First(this JsonObject template, string type) =>
        template.Resources().First(r => r.Value!["Type"]!.GetValue<string>() == type).Value!["Properties"]!.AsObject();

    public static string FirstId(this JsonObject template, string type) =>
        template.Resources().First(r => r.Value!["Type"]!.GetValue<string>() == type).Key;

    public static IEnumerable<JsonObject> All(this JsonObject template, string type) =>
        template.Resources().Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => r.Value!["Properties"]!.AsObject());

    public static void Add(this JsonObject template, string logicalId, string type, JsonObject properties) =>
        template.Resources()[logicalId] = new JsonObject { ["Type"] = type, ["Properties"] = properties };

    /// <summary>Removes every resource of <paramref name="type"/>.</summary>
    public static void RemoveAll(this JsonObject template, string type)
    {
        foreach (var id in template.Resources().Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => r.Key).ToList())
            template.Resources().Remove(id);
    }
}
