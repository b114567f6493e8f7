using System.Diagnostics;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Plan;
using Interlink.Analysis.Tests.Support;

namespace Interlink.Analysis.Tests;

/// <summary>
/// <c>plan --assembly</c> reads directories anyone could have edited. Random type mutations of a synthesized
/// assembly (a value replaced by null, a number, a string, a list, an object, an intrinsic pointing anywhere, a key
/// removed, a parameter fed from itself) are either planned or refused with an <see cref="AssemblyException"/>
/// (exit 2): never another exception, which the CLI would report as a bug (exit 1), and never a stack overflow.
/// In-process against the analysis API, deterministic (fixed seeds), thousands of runs.
/// </summary>
[Collection(ExamplesCollection.Name)]
public sealed class HostileAssemblyFuzzTests(Examples examples)
{
    private const int Runs = 3000;

    [Fact]
    public void Random_type_mutations_are_planned_or_refused_never_crash()
    {
        var original = examples["seed"];
        var wiring = JsonNode.Parse(original.Wiring.ToJson())!;
        var templates = original.Stacks.Values.ToDictionary(s => s.TemplateFile, s => JsonNode.Parse(s.Template.GetRawText())!);
        // Fixed by default so a failure reproduces; INTERLINK_FUZZ_SEED explores other mutations.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("INTERLINK_FUZZ_SEED"), out var chosen) ? chosen : 20261130;
        var random = new Random(seed);
        var failures = new List<string>();
        var refused = 0;
        var watch = Stopwatch.StartNew();
        for (var run = 0; run < Runs && failures.Count < 10; run++)
        {
            var mutatedWiring = wiring.DeepClone();
            var mutatedTemplates = templates.ToDictionary(t => t.Key, t => t.Value);
            var description = new List<string>();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                if (random.Next(5) == 0)
                {
                    description.Add("wiring " + Mutate(mutatedWiring, random, Names(mutatedWiring, templates)));
                }
                else
                {
                    var file = mutatedTemplates.Keys.ElementAt(random.Next(mutatedTemplates.Count));
                    var copy = mutatedTemplates[file].DeepClone();
                    description.Add(file + " " + Mutate(copy, random, Names(copy, templates)));
                    mutatedTemplates[file] = copy;
                }
            }

            try
            {
                var assembly = CloudAssembly.Parse("/hostile/assembly", mutatedWiring.ToJsonString(),
                    name => mutatedTemplates.TryGetValue(name, out var t) ? t.ToJsonString() : throw new AssemblyException($"{name}: template is missing"));
                _ = PlanRunner.Run(assembly, null, [], 100m);
            }
            catch (AssemblyException)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed} run {run}: {string.Join("; ", description)} → {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Interlink", StringComparison.Ordinal))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // A good share of the mutations must reach the analyses, or the test only exercises the reader
        // (about half are refused by it: a resource without a Type, a section that is not an object…).
        Assert.True(refused < Runs * 2 / 3, $"{refused} of {Runs} runs were refused by the reader");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Parameters_fed_from_each_other_in_a_cycle_are_unknown_not_a_stack_overflow()
    {
        var original = examples["seed"];
        var wiring = JsonNode.Parse(original.Wiring.ToJson())!;
        var templates = original.Stacks.Values.ToDictionary(s => s.TemplateFile, s => JsonNode.Parse(s.Template.GetRawText())!);
        // Every wired parameter is fed from an output of its own stack whose value is that parameter.
        foreach (var (name, stack) in wiring["stacks"]!.AsObject())
        {
            var template = templates[stack!["template"]!.GetValue<string>()];
            var outputs = template["Outputs"] as JsonObject ?? [];
            template["Outputs"] = outputs;
            foreach (var (parameter, _) in stack["parameters"]!.AsObject().ToList())
            {
                stack["parameters"]![parameter] = new JsonObject { ["stack"] = name, ["output"] = "Loop" + parameter };
                outputs["Loop" + parameter] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = parameter } };
            }
        }

        var assembly = CloudAssembly.Parse("/hostile/assembly", wiring.ToJsonString(), name => templates[name].ToJsonString());
        _ = PlanRunner.Run(assembly, null, [], 100m);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../x.json")]
    [InlineData("..")]
    public void A_template_path_outside_the_assembly_is_refused(string template)
    {
        using var temp = new TempAssembly(examples["seed"]);
        temp.EditWiring(w => w["stacks"]!.AsObject().First().Value!["template"] = template);
        var error = Assert.Throws<AssemblyException>(() => CloudAssembly.Read(temp.Path));
        Assert.Contains("not a file name inside the assembly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_is_a_link_a_fifo_or_a_directory_is_refused()
    {
        using var temp = new TempAssembly(examples["seed"]);
        var first = temp.TemplateFiles[0];
        File.Delete(Path.Combine(temp.Path, first));
        File.CreateSymbolicLink(Path.Combine(temp.Path, first), "/etc/passwd");
        Assert.Contains("is a symbolic link, not a regular file", Assert.Throws<AssemblyException>(() => CloudAssembly.Read(temp.Path)).Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(temp.Path, first));
        Directory.CreateDirectory(Path.Combine(temp.Path, first));
        Assert.Contains("is a directory, not a regular file", Assert.Throws<AssemblyException>(() => CloudAssembly.Read(temp.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wiring_manifest_with_null_where_an_object_belongs_is_refused_naming_the_field()
    {
        using var temp = new TempAssembly(examples["seed"]);
        var stack = temp.EditWiring(w => w["stacks"]!.AsObject().First().Value!["parameters"] = null);
        var error = Assert.Throws<AssemblyException>(() => CloudAssembly.Read(temp.Path));
        Assert.Contains($"'stacks.{stack}.parameters' is missing or null", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Names(JsonNode document, Dictionary<string, JsonNode> templates) =>
        templates.Values.SelectMany(t => new[] { t["Resources"], t["Parameters"], t["Outputs"] })
            .OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key))
            .Concat(document is JsonObject o2 && o2["stacks"] is JsonObject s ? s.Select(p => p.Key) : [])
            .Distinct().ToList();

    /// <summary>Replaces, removes or re-types one random node; returns what it did.</summary>
    private static string Mutate(JsonNode root, Random random, IReadOnlyList<string> names)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0)
            return "(nothing to mutate)";
        var (parent, key, index) = slots[random.Next(slots.Count)];
        var name = names.Count == 0 ? "x" : names[random.Next(names.Count)];
        JsonNode? Replacement() => random.Next(16) switch
        {
            0 => null,
            1 => JsonValue.Create(0),
            2 => JsonValue.Create(-1),
            3 => JsonValue.Create(1e300),
            4 => JsonValue.Create(""),
            5 => JsonValue.Create("10.0.0.0/33"),
            6 => JsonValue.Create(true),
            7 => new JsonArray(),
            8 => new JsonObject(),
            9 => new JsonArray((JsonNode?)null),
            10 => new JsonObject { ["Ref"] = name },
            11 => new JsonObject { ["Fn::GetAtt"] = new JsonArray(name, "Arn") },
            12 => new JsonObject { ["Fn::Join"] = new JsonArray(",", new JsonArray(new JsonObject { ["Ref"] = name })) },
            13 => new JsonObject { ["Fn::Select"] = new JsonArray(99, new JsonObject { ["Ref"] = name }) },
            14 => JsonValue.Create(name),
            _ => slots[random.Next(slots.Count)] is var other && other.Key is not null ? other.Parent[other.Key]?.DeepClone() : null,
        };

        if (parent is JsonObject obj)
        {
            if (random.Next(8) == 0)
            {
                obj.Remove(key!);
                return $"removed {key}";
            }

            var replacement = Replacement();
            obj[key!] = replacement;
            return $"{key} = {replacement?.ToJsonString() ?? "null"}";
        }

        var array = (JsonArray)parent;
        var value = Replacement();
        array[index] = value;
        return $"[{index}] = {value?.ToJsonString() ?? "null"}";
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    slots.Add((obj, key, -1));
                    if (child is not null)
                        Collect(child, slots);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } child)
                        Collect(child, slots);
                }

                break;
        }
    }

    /// <summary>A copy of an assembly on disk whose files a test can break.</summary>
    private sealed class TempAssembly : IDisposable
    {
        public TempAssembly(CloudAssembly source)
        {
            Path = Directory.CreateTempSubdirectory("interlink-hostile-assembly-").FullName;
            foreach (var file in Directory.EnumerateFiles(source.Directory))
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            TemplateFiles = source.Stacks.Values.Select(s => s.TemplateFile).ToList();
        }

        public string Path { get; }

        public IReadOnlyList<string> TemplateFiles { get; }

        /// <summary>Edits the wiring manifest; returns the name of the first stack.</summary>
        public string EditWiring(Action<JsonNode> edit)
        {
            var file = System.IO.Path.Combine(Path, "interlink.wiring.json");
            var wiring = JsonNode.Parse(File.ReadAllText(file))!;
            edit(wiring);
            File.WriteAllText(file, wiring.ToJsonString());
            return wiring["stacks"]!.AsObject().First().Key;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
