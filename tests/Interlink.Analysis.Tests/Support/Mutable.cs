using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Analysis.Reachability;

namespace Interlink.Analysis.Tests.Support;

/// <summary>An assembly whose templates can be edited as JSON nodes, in memory, and analyzed again.</summary>
public sealed class Mutable(CloudAssembly original)
{
    private readonly Dictionary<string, JsonObject> templates = original.Stacks.ToDictionary(s => s.Key, s => JsonNode.Parse(s.Value.Template.GetRawText())!.AsObject());

    public CloudAssembly Original => original;

    public JsonObject Template(string stack) => templates[stack];

    public JsonObject Resources(string stack) => templates[stack]["Resources"]!.AsObject();

    public JsonObject Properties(string stack, string logicalId) => Resources(stack)[logicalId]!["Properties"]!.AsObject();

    /// <summary>The stack with <paramref name="role"/> (and a name ending in <paramref name="suffix"/> when given).</summary>
    public string Stack(string role, string? suffix = null) =>
        original.Stacks.Values.First(s => s.Role == role && (suffix is null || s.Name.EndsWith(suffix, StringComparison.Ordinal))).Name;

    /// <summary>The single resource of <paramref name="type"/> in <paramref name="stack"/> whose logical ID starts with <paramref name="prefix"/>.</summary>
    public string Logical(string stack, string type, string prefix = "") =>
        Resources(stack).Where(r => r.Value!["Type"]!.GetValue<string>() == type && r.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Key).First();

    public CloudAssembly Assembly() => original with
    {
        Stacks = original.Stacks.ToDictionary(s => s.Key, s =>
        {
            using var doc = JsonDocument.Parse(templates[s.Key].ToJsonString());
            return s.Value with { Template = doc.RootElement.Clone() };
        }),
    };

    public ReachabilityReport Analyze() => ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(Assembly()));

    /// <summary>Puts every template back as synthesized.</summary>
    public void Revert()
    {
        foreach (var (name, stack) in original.Stacks)
            templates[name] = JsonNode.Parse(stack.Template.GetRawText())!.AsObject();
    }
}
