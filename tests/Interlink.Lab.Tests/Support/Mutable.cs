using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Analysis.Reachability;

namespace Interlink.Lab.Tests.Support;

/// <summary>An assembly whose templates can be edited as JSON nodes, in memory.</summary>
public sealed class Mutable(CloudAssembly original)
{
    private readonly Dictionary<string, JsonObject> templates = original.Stacks.ToDictionary(s => s.Key, s => JsonNode.Parse(s.Value.Template.GetRawText())!.AsObject());

    public JsonObject Resources(string stack) => templates[stack]["Resources"]!.AsObject();

    public JsonObject Properties(string stack, string logicalId) => Resources(stack)[logicalId]!["Properties"]!.AsObject();

    public CloudAssembly Assembly() => original with
    {
        Stacks = original.Stacks.ToDictionary(s => s.Key, s =>
        {
            using var doc = JsonDocument.Parse(templates[s.Key].ToJsonString());
            return s.Value with { Template = doc.RootElement.Clone() };
        }),
    };

    public ReachabilityReport Analyze() => ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(Assembly()));
}
