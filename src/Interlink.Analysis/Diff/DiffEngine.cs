using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Diff;

/// <summary>
/// Compares two cloud assemblies the way CloudFormation will apply the second over the first: per stack, the
/// resources added, removed, modified and replaced (from CloudFormation's update behaviour per property), and
/// the replacements that follow from them — a replaced resource gets a new physical ID, so every property that
/// refers to it changes too, in its own stack and, through outputs and the parameters they feed, in later phases.
/// </summary>
public static class DiffEngine
{
    /// <summary>The changes that deploying <paramref name="after"/> over <paramref name="before"/> makes, and what they mean.</summary>
    /// <param name="before">What is deployed (or an earlier assembly).</param>
    /// <param name="after">The new assembly.</param>
    /// <param name="changedInputs">
    /// Per stack, the parameters given as deploy inputs whose value differs from the one deployed (e.g. a new
    /// <c>ServiceHostImageId</c>): the templates read the same, but every property that refers to them changes.
    /// </param>
    public static AssemblyDiff Compare(CloudAssembly before, CloudAssembly after, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? changedInputs = null)
    {
        var work = new Dictionary<string, StackWork>(StringComparer.Ordinal);
        foreach (var name in before.Stacks.Keys.Union(after.Stacks.Keys))
        {
            var old = before.Stacks.GetValueOrDefault(name);
            var now = after.Stacks.GetValueOrDefault(name);
            work[name] = new StackWork(old, now);
        }

        Cascade(after, work, changedInputs ?? new Dictionary<string, IReadOnlyCollection<string>>());
        var stacks = work.Values
            .Select(w => w.ToDiff())
            .OrderBy(s => s.Phase).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var consequences = UpdateConsequences.Of(before, after, stacks, work.ToDictionary(w => w.Key, w => w.Value.Templates, StringComparer.Ordinal));
        return new AssemblyDiff(UpdateBehaviour.Source, stacks, consequences);
    }

    /// <summary>Follows new physical IDs through references, outputs and parameters until nothing more changes.</summary>
    private static void Cascade(CloudAssembly after, Dictionary<string, StackWork> work, IReadOnlyDictionary<string, IReadOnlyCollection<string>> changedInputs)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var changedOutputs = work.Values.Where(w => w.IsInBoth).SelectMany(w => w.ChangedOutputs()).ToDictionary(o => (o.Stack, o.Output), o => o.Definite);
            foreach (var stack in work.Values.Where(w => w.IsInBoth))
            {
                var causes = new Dictionary<string, Cause>(StringComparer.Ordinal);
                foreach (var (id, definite) in stack.NewPhysicalIds())
                    causes[id] = new Cause($"{id} is {(definite ? "replaced" : "possibly replaced")} (new physical ID)", definite);
                foreach (var input in changedInputs.GetValueOrDefault(stack.Name) ?? [])
                    causes.TryAdd(input, new Cause($"deploy input {input} changes", true));
                foreach (var attribute in stack.AttributesChangedInPlace())
                    causes.TryAdd(attribute, new Cause($"{attribute} changes whenever the resource is updated", true));
                if (after.Wiring.Stacks.TryGetValue(stack.Name, out var wiring))
                {
                    foreach (var (parameter, source) in wiring.Parameters)
                    {
                        if (changedOutputs.TryGetValue((source.Stack, source.Output), out var definite))
                            causes.TryAdd(parameter, new Cause($"parameter {parameter} is fed by output {source.Output} of {source.Stack}, which changes", definite));
                    }
                }

                changed |= stack.Propagate(causes);
            }
        }
    }

    private static readonly Dictionary<string, string[]> AttributesChangedByUpdate = new(StringComparer.Ordinal)
    {
        ["AWS::EC2::LaunchTemplate"] = ["LatestVersionNumber"],
    };

    /// <summary>Why a value that reads the same changes at deploy time; <paramref name="Definite"/> false when only possibly.</summary>
    internal sealed record Cause(string Reason, bool Definite);

    /// <summary>One stack's changes while they are worked out.</summary>
    private sealed class StackWork
    {
        private readonly Dictionary<string, ResourceWork> resources = new(StringComparer.Ordinal);

        public StackWork(StackTemplate? before, StackTemplate? after)
        {
            Templates = (before, after);
            Name = (after ?? before)!.Name;
            if (before is null || after is null)
                return;
            var old = before.Resources().ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
            foreach (var (id, type, properties) in after.Resources())
            {
                if (!old.TryGetValue(id, out var was))
                    resources[id] = new ResourceWork(id, type, properties, ResourceChange.Added);
                else if (ResourceWork.Compare(id, was.Type, was.Properties, type, properties) is { HasChanges: true } modified)
                    resources[id] = modified;
            }

            var current = after.Resources().Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, (_, type, properties)) in old.Where(o => !current.Contains(o.Key)))
                resources[id] = new ResourceWork(id, type, properties, ResourceChange.Removed);
        }

        public string Name { get; }

        public (StackTemplate? Before, StackTemplate? After) Templates { get; }

        public bool IsInBoth => Templates.Before is not null && Templates.After is not null;

        /// <summary>Logical IDs whose physical ID changes (definitely, or possibly).</summary>
        public IEnumerable<(string Id, bool Definite)> NewPhysicalIds() => resources.Values
            .Where(r => r.Change is ResourceChange.Replaced or ResourceChange.MayBeReplaced)
            .Select(r => (r.LogicalId, r.Change == ResourceChange.Replaced));

        /// <summary>
        /// <c>Id.Attribute</c> of resources updated in place whose attribute takes a new value on every update: a
        /// launch template's <c>LatestVersionNumber</c> (each change of its data is a new version; AWS CloudFormation
        /// User Guide, AWS::EC2::LaunchTemplate return values).
        /// </summary>
        public IEnumerable<string> AttributesChangedInPlace() => resources.Values
            .Where(r => r.Change == ResourceChange.Modified && AttributesChangedByUpdate.ContainsKey(r.Type))
            .SelectMany(r => AttributesChangedByUpdate[r.Type].Select(a => $"{r.LogicalId}.{a}"));

        /// <summary>Outputs whose value changes: different text, or a reference to a resource with a new physical ID.</summary>
        public IEnumerable<(string Stack, string Output, bool Definite)> ChangedOutputs()
        {
            var oldOutputs = Outputs(Templates.Before!);
            var renewed = NewPhysicalIds().ToDictionary(r => r.Id, r => r.Definite, StringComparer.Ordinal);
            var names = renewed.Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var (output, value) in Outputs(Templates.After!))
            {
                if (!oldOutputs.TryGetValue(output, out var was) || !JsonSame.Equal(was, value))
                    yield return (Name, output, true);
                else if (References.In(value, names) is { Count: > 0 } referenced)
                    yield return (Name, output, referenced.Any(id => renewed[id]));
            }
        }

        /// <summary>Marks every property that refers to a cause as changing; true when anything new changed.</summary>
        public bool Propagate(IReadOnlyDictionary<string, Cause> causes)
        {
            if (causes.Count == 0)
                return false;
            var names = causes.Keys.ToHashSet(StringComparer.Ordinal);
            var any = false;
            foreach (var resource in resources.Values.Where(r => r.Change is not (ResourceChange.Added or ResourceChange.Removed)).ToList())
                any |= resource.Absorb(names, causes);
            foreach (var (id, (type, properties)) in UnchangedResources())
            {
                var resource = new ResourceWork(id, type, properties, ResourceChange.Modified);
                if (resource.Absorb(names, causes))
                {
                    resources[id] = resource;
                    any = true;
                }
            }

            return any;
        }

        private IEnumerable<(string Id, (string Type, JsonElement Properties) Resource)> UnchangedResources() =>
            Templates.After!.Resources().Where(r => !resources.ContainsKey(r.LogicalId)).Select(r => (r.LogicalId, (r.Type, r.Properties)));

        public StackDiff ToDiff()
        {
            var (before, after) = Templates;
            var template = after ?? before!;
            var change = before is null ? StackChange.Added
                : after is null ? StackChange.Removed
                : resources.Count > 0 || !JsonSame.Equal(Section(before, "Outputs"), Section(after, "Outputs"))
                    || !JsonSame.Equal(Section(before, "Parameters"), Section(after, "Parameters")) ? StackChange.Modified
                : StackChange.Unchanged;
            var list = change == StackChange.Added
                ? after!.Resources().Select(r => new ResourceDiff(r.LogicalId, r.Type, ResourceChange.Added, [])).ToList()
                : change == StackChange.Removed ? []
                : resources.Values.OrderBy(r => r.LogicalId, StringComparer.Ordinal).Select(r => r.ToDiff()).ToList();
            return new StackDiff(Name, template.Role, template.Phase, change, list);
        }

        private static JsonElement Section(StackTemplate template, string name) =>
            template.Template.TryGetProperty(name, out var section) ? section : default;

        private static Dictionary<string, JsonElement> Outputs(StackTemplate template)
        {
            var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (Section(template, "Outputs") is { ValueKind: JsonValueKind.Object } section)
            {
                foreach (var output in section.EnumerateObject())
                {
                    if (output.Value.ValueKind == JsonValueKind.Object && output.Value.TryGetProperty("Value", out var value))
                        outputs[output.Name] = value;
                }
            }

            return outputs;
        }
    }

    /// <summary>One resource's changes while they are worked out.</summary>
    private sealed class ResourceWork(string logicalId, string type, JsonElement after, ResourceChange change)
    {
        private readonly List<PropertyChange> properties = [];

        public string LogicalId => logicalId;

        public string Type => type;

        public ResourceChange Change { get; private set; } = change;

        public bool HasChanges => properties.Count > 0;

        public static ResourceWork Compare(string id, string oldType, JsonElement before, string type, JsonElement after)
        {
            var work = new ResourceWork(id, type, after, ResourceChange.Modified);
            if (oldType != type)
            {
                work.properties.Add(new PropertyChange("Type", Quote(oldType), Quote(type), Replacement.Always));
            }
            else
            {
                foreach (var name in Names(before).Union(Names(after)).Order(StringComparer.Ordinal))
                {
                    var was = Property(before, name);
                    var now = Property(after, name);
                    if (!JsonSame.Equal(was, now))
                    {
                        var (oldText, newText) = Excerpts(was, now);
                        work.properties.Add(new PropertyChange(name, oldText, newText, UpdateBehaviour.Of(type, name)));
                    }
                }
            }

            work.Settle();
            return work;
        }

        /// <summary>Records the properties that refer to a cause; true when one was new.</summary>
        public bool Absorb(IReadOnlySet<string> names, IReadOnlyDictionary<string, Cause> causes)
        {
            var any = false;
            foreach (var name in Names(after).Where(n => properties.All(p => p.Name != n)).ToList())
            {
                var referenced = References.In(Property(after, name), names);
                if (referenced.Count == 0)
                    continue;
                var definite = referenced.Any(r => causes[r].Definite);
                var replacement = UpdateBehaviour.Of(type, name);
                if (!definite && replacement == Replacement.Always)
                    replacement = Replacement.Conditional;
                var text = Text(Property(after, name));
                properties.Add(new PropertyChange(name, text, text, replacement, string.Join("; ", referenced.Order(StringComparer.Ordinal).Select(r => causes[r].Reason))));
                any = true;
            }

            if (any)
                Settle();
            return any;
        }

        public ResourceDiff ToDiff() => new(logicalId, type, Change, properties.ToList());

        private void Settle()
        {
            if (Change is ResourceChange.Added or ResourceChange.Removed)
                return;
            Change = properties.Any(p => p.Replacement == Replacement.Always) ? ResourceChange.Replaced
                : properties.Any(p => p.Replacement == Replacement.Conditional) ? ResourceChange.MayBeReplaced
                : ResourceChange.Modified;
        }

        private static IEnumerable<string> Names(JsonElement properties) =>
            properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(p => p.Name) : [];

        private static JsonElement Property(JsonElement properties, string name) =>
            properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) ? value : default;

        /// <summary>
        /// Both values as compact JSON; long ones (user data) as the stretch around their first difference, so the
        /// change shows rather than the opening both share.
        /// </summary>
        private static (string? Before, string? After) Excerpts(JsonElement before, JsonElement after)
        {
            if (before.ValueKind == JsonValueKind.Undefined || after.ValueKind == JsonValueKind.Undefined)
                return (Text(before), Text(after));
            var was = JsonSerializer.Serialize(before, Readable);
            var now = JsonSerializer.Serialize(after, Readable);
            if (was.Length <= Window * 2 && now.Length <= Window * 2)
                return (was, now);
            var first = 0;
            while (first < was.Length && first < now.Length && was[first] == now[first])
                first++;
            var start = Math.Max(0, first - 40);
            return (Cut(was, start), Cut(now, start));
        }

        private const int Window = 100;

        // Values are shown to people: keep '<', '>' and quotes as written (JSON output escapes what it must).
        private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static string Cut(string text, int start) =>
            string.Concat(start > 0 ? "…" : "", text.AsSpan(start, Math.Min(Window, text.Length - start)), start + Window < text.Length ? "…" : "");

        /// <summary>Compact JSON of a value, cut at 400 characters (user data can be long), or null when absent.</summary>
        private static string? Text(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Undefined)
                return null;
            var text = JsonSerializer.Serialize(value, Readable);
            return text.Length <= 400 ? text : text[..400] + "…";
        }

        private static string Quote(string text) => JsonSerializer.Serialize(text);
    }
}
