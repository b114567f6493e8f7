using System.Text;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Diagram;

/// <summary>A Mermaid flowchart of a cloud assembly: Regions ⊃ accounts ⊃ VPCs (with CIDRs), NLBs, endpoint services, endpoints, hosts with IPs, peerings.</summary>
public static class MermaidDiagram
{
    /// <summary>The flowchart text (no code fence).</summary>
    public static string Render(CloudAssembly assembly) => Render(DiagramModel.Build(assembly));

    /// <summary>The flowchart of a model.</summary>
    public static string Render(DiagramModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        foreach (var root in model.Groups.Where(g => g.Parent is null))
            Group(text, model, root, 1);
        foreach (var node in model.Nodes.Where(n => model.Groups.All(g => g.Id != n.Group)))
            Node(text, node, 1);
        foreach (var edge in model.Edges)
        {
            var label = edge.Label.Length == 0 ? "" : $"|\"{Escape(edge.Label)}\"|";
            text.Append($"  {edge.From} {(edge.Dotted ? "-.-" : "-->")}{label} {edge.To}\n");
        }

        return text.ToString();
    }

    private static void Group(StringBuilder text, DiagramModel model, DiagramGroup group, int depth)
    {
        var indent = new string(' ', depth * 2);
        text.Append($"{indent}subgraph {group.Id}[\"{Escape(group.Label)}\"]\n");
        foreach (var child in model.Groups.Where(g => g.Parent == group.Id))
            Group(text, model, child, depth + 1);
        foreach (var node in model.Nodes.Where(n => n.Group == group.Id))
            Node(text, node, depth + 1);
        text.Append($"{indent}end\n");
    }

    private static void Node(StringBuilder text, DiagramNode node, int depth)
    {
        var label = string.Join("<br/>", node.Label.Select(Escape));
        var (open, close) = node.Kind switch
        {
            "nlb" => ("[/", "/]"),
            "service" => ("{{", "}}"),
            "endpoint" => ("([", "])"),
            _ => ("[", "]"),
        };
        text.Append($"{new string(' ', depth * 2)}{node.Id}{open}\"{label}\"{close}\n");
    }

    /// <summary>Escapes text for a quoted Mermaid label.</summary>
    public static string Escape(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
