using System.Text.Json;
using System.Text.Json.Nodes;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Analysis.Reachability;

namespace Interlink.Testing;

/// <summary>An assembly whose templates a test edits as JSON nodes, in memory, and analyzes again.</summary>
/// <param name="original">The assembly as synthesized (or read).</param>
public sealed class MutableAssembly(CloudAssembly original)
{
    private readonly Dictionary<string, JsonObject> templates = original.Stacks.ToDictionary(s => s.Key, s => JsonNode.Parse(s.Value.Template.GetRawText())!.AsObject());

    /// <summary>The assembly before any edit.</summary>
    public CloudAssembly Original => original;

    /// <summary>The template of <paramref name="stack"/>, to edit.</summary>
    public JsonObject Template(string stack) => templates[stack];

    /// <summary>The <c>Resources</c> of <paramref name="stack"/>, to edit.</summary>
    public JsonObject Resources(string stack) => templates[stack]["Resources"]!.AsObject();

    /// <summary>The <c>Properties</c> of one resource, to edit.</summary>
    public JsonObject Properties(string stack, string logicalId) => Resources(stack)[logicalId]!["Properties"]!.AsObject();

    /// <summary>The stack with <paramref name="role"/> (and a name ending in <paramref name="suffix"/> when given).</summary>
    public string Stack(string role, string? suffix = null) =>
        original.Stacks.Values.First(s => s.Role == role && (suffix is null || s.Name.EndsWith(suffix, StringComparison.Ordinal))).Name;

    /// <summary>The first resource of <paramref name="type"/> in <paramref name="stack"/> whose logical ID starts with <paramref name="prefix"/>.</summary>
    public string Logical(string stack, string type, string prefix = "") =>
        Resources(stack).Where(r => r.Value!["Type"]!.GetValue<string>() == type && r.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Key).First();

    /// <summary>Edits the template of the one stack whose name ends with <paramref name="stackSuffix"/>.</summary>
    public MutableAssembly Edit(string stackSuffix, Action<JsonObject> edit)
    {
        edit(templates[templates.Keys.Single(name => name.EndsWith(stackSuffix, StringComparison.Ordinal))]);
        return this;
    }

    /// <summary>Edits every stack's template.</summary>
    public MutableAssembly EditAll(Action<JsonObject> edit)
    {
        foreach (var template in templates.Values)
            edit(template);
        return this;
    }

    /// <summary>The assembly with the edits.</summary>
    public CloudAssembly Assembly() => original with
    {
        Stacks = original.Stacks.ToDictionary(s => s.Key, s =>
        {
            using var doc = JsonDocument.Parse(templates[s.Key].ToJsonString());
            return s.Value with { Template = doc.RootElement.Clone() };
        }),
    };

    /// <summary>Reachability of the edited assembly.</summary>
    public ReachabilityReport Analyze() => ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(Assembly()));

    /// <summary>Puts every template back as synthesized.</summary>
    public void Revert()
    {
        foreach (var (name, stack) in original.Stacks)
            templates[name] = JsonNode.Parse(stack.Template.GetRawText())!.AsObject();
    }
}
