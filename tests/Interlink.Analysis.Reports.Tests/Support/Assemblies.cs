using Interlink.Analysis.Assembly;
using Interlink.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Interlink.Analysis.Reports.Tests.Support;

/// <summary>
/// The bundled examples, each synthesized at most once per test run (<see cref="SynthesizedExamples"/>); tests edit
/// copies in memory (<see cref="MutableAssembly"/>), never the originals.
/// </summary>
public sealed class Assemblies : IDisposable
{
    public static readonly string[] Examples = ["seed", "single-account", "fan-out", "native", "existing-vpcs"];

    private readonly SynthesizedExamples synthesized = new("reports-tests");

    /// <summary>The directory of the synthesized example (read-only by convention).</summary>
    public string Directory(string example) => synthesized.Directory(example);

    public CloudAssembly Read(string example) => synthesized.Read(example);

    /// <summary>A copy of the example's assembly to edit.</summary>
    public MutableAssembly Mutable(string example) => synthesized.Mutable(example);

    public void Dispose() => synthesized.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AssemblyCollection : ICollectionFixture<Assemblies>
{
    public const string Name = "synthesized examples";
}

/// <summary>Helpers to find and change resources in a template.</summary>
public static class Json
{
    public static JsonObject Resources(this JsonObject template) => template["Resources"]!.AsObject();

    /// <summary>A section of the template (Parameters, Conditions, …), added when the template has none.</summary>
    public static JsonObject Section(this JsonObject template, string name) => (template[name] ??= new JsonObject()).AsObject();

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
