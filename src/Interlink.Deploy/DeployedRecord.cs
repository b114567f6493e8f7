using System.Text.Json;
using System.Text.Json.Nodes;
using Interlink.Core.Wiring;

namespace Interlink.Deploy;

/// <summary>
/// What is deployed, as a cloud assembly beside the state file (<c>.interlink/NAME.deployed</c>): for each stack
/// that is deployed, the template and asset manifest it was last deployed with, its artifacts in
/// <c>manifest.json</c> and its entry in the wiring manifest. <c>interlink diff</c> compares a new design with it,
/// and the CDK CLI can destroy from it a stack that is no longer in the design. A deploy that changes nothing
/// records nothing new: only a stack that ran is recorded.
/// </summary>
public sealed class DeployedRecord
{
    private const string CdkManifest = "manifest.json";
    // Stacks of a phase deploy side by side and each records itself: one lock for every record in the process.
    private static readonly Lock Gate = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The record of the design whose state file is <paramref name="statePath"/>.</summary>
    public DeployedRecord(string statePath) => Directory = DirectoryFor(statePath);

    /// <summary>The record's directory.</summary>
    public string Directory { get; }

    /// <summary><c>.interlink/NAME.deployed</c> for the state file <c>.interlink/NAME.state.json</c>.</summary>
    public static string DirectoryFor(string statePath)
    {
        const string suffix = ".state.json";
        var path = Path.GetFullPath(statePath);
        return (path.EndsWith(suffix, StringComparison.Ordinal) ? path[..^suffix.Length] : path) + ".deployed";
    }

    /// <summary>The recorded wiring (the deployed stacks only), or null when nothing is recorded.</summary>
    public WiringManifest? Wiring()
    {
        var path = Path.Combine(Directory, WiringManifest.FileName);
        return File.Exists(path) ? WiringManifest.FromJson(File.ReadAllText(path)) : null;
    }

    /// <summary>The parameter values <paramref name="stack"/> was last deployed with (empty when unknown).</summary>
    public IReadOnlyDictionary<string, string> Parameters(string stack)
    {
        var path = Path.Combine(Directory, $"{stack}.parameters.json");
        return File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : new Dictionary<string, string>();
    }

    /// <summary>
    /// Records that <paramref name="stack"/> of the assembly in <paramref name="assembly"/> is deployed, with the
    /// <paramref name="parameters"/> it was deployed with (null: not known, e.g. a stack deployed by an earlier Interlink).
    /// </summary>
    public void Record(string assembly, WiringManifest wiring, string stack, IReadOnlyDictionary<string, string>? parameters = null)
    {
        lock (Gate)
        {
            System.IO.Directory.CreateDirectory(Directory);
            var source = ReadManifest(Path.Combine(assembly, CdkManifest));
            var target = ReadManifest(Path.Combine(Directory, CdkManifest)) ?? new JsonObject { ["version"] = source?["version"]?.DeepClone(), ["artifacts"] = new JsonObject() };
            var artifacts = target["artifacts"]!.AsObject();
            foreach (var name in new[] { stack, $"{stack}.assets" })
            {
                artifacts.Remove(name);
                if (source?["artifacts"]?[name] is not JsonObject artifact)
                    continue;
                artifacts[name] = artifact.DeepClone();
                foreach (var file in new[] { artifact["properties"]?["templateFile"], artifact["properties"]?["file"] }.OfType<JsonNode>().Select(f => f.GetValue<string>()))
                    CopyInside(assembly, file);
            }

            CopyInside(assembly, wiring.Stacks[stack].Template);
            if (parameters is not null)
                WriteWhole(Path.Combine(Directory, $"{stack}.parameters.json"), JsonSerializer.SerializeToUtf8Bytes(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(), Indented));
            var recorded = Wiring() ?? wiring with { Stacks = new Dictionary<string, WiringStack>(), Phases = [] };
            var stacks = new Dictionary<string, WiringStack>(recorded.Stacks, StringComparer.Ordinal) { [stack] = wiring.Stacks[stack] };
            Save(target, recorded with { Name = wiring.Name, Mode = wiring.Mode, ExistingVpcs = wiring.ExistingVpcs, Stacks = stacks, Phases = PhasesOf(stacks) });
        }
    }

    /// <summary>Records that <paramref name="stack"/> is destroyed.</summary>
    public void Forget(string stack)
    {
        lock (Gate)
        {
            if (Wiring() is not { } recorded || ReadManifest(Path.Combine(Directory, CdkManifest)) is not { } manifest)
                return;
            foreach (var name in new[] { stack, $"{stack}.assets" })
            {
                if (manifest["artifacts"]?[name] is JsonObject artifact)
                {
                    foreach (var file in new[] { artifact["properties"]?["templateFile"], artifact["properties"]?["file"] }.OfType<JsonNode>().Select(f => f.GetValue<string>()))
                        File.Delete(Path.Combine(Directory, Path.GetFileName(file)));
                }

                manifest["artifacts"]?.AsObject().Remove(name);
            }

            if (recorded.Stacks.TryGetValue(stack, out var entry))
                File.Delete(Path.Combine(Directory, Path.GetFileName(entry.Template)));
            File.Delete(Path.Combine(Directory, $"{stack}.parameters.json"));
            var stacks = recorded.Stacks.Where(s => s.Key != stack).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            Save(manifest, recorded with { Stacks = stacks, Phases = PhasesOf(stacks) });
        }
    }

    private static List<WiringPhase> PhasesOf(IReadOnlyDictionary<string, WiringStack> stacks) =>
        stacks.GroupBy(s => s.Value.Phase).OrderBy(g => g.Key)
            .Select(g => new WiringPhase(g.Key, g.Select(s => s.Key).Order(StringComparer.Ordinal).ToList())).ToList();

    private void CopyInside(string assembly, string file)
    {
        // Only plain file names inside the assembly: the manifest is data, not a path to follow anywhere.
        if (file != Path.GetFileName(file))
            throw new DeployException($"the assembly's manifest names '{file}', which is not a file of the assembly; synthesize again");
        WriteWhole(Path.Combine(Directory, file), File.ReadAllBytes(Path.Combine(assembly, file)));
    }

    private void Save(JsonObject manifest, WiringManifest wiring)
    {
        WriteWhole(Path.Combine(Directory, CdkManifest), System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(Indented)));
        WriteWhole(Path.Combine(Directory, WiringManifest.FileName), System.Text.Encoding.UTF8.GetBytes(wiring.ToJson()));
    }

    private static JsonObject? ReadManifest(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;

    /// <summary>Writes a file whole or not at all (the deploy holding the <see cref="DeployLock"/> is the only writer).</summary>
    private static void WriteWhole(string path, byte[] content) => DurableFile.Replace(path, content);
}
