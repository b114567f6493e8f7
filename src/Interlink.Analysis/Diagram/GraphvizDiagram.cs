using System.Diagnostics;
using System.Text;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Diagram;

/// <summary>A Graphviz DOT rendering of a cloud assembly, and SVG through <c>dot -Tsvg</c> when Graphviz is installed.</summary>
public static class GraphvizDiagram
{
    /// <summary>The DOT text of <paramref name="assembly"/>.</summary>
    public static string RenderDot(CloudAssembly assembly) => RenderDot(DiagramModel.Build(assembly));

    /// <summary>The DOT text of a model.</summary>
    public static string RenderDot(DiagramModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append("digraph interlink {\n  rankdir=LR;\n  compound=true;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var root in model.Groups.Where(g => g.Parent is null))
            Group(text, model, root, 1);
        foreach (var node in model.Nodes.Where(n => model.Groups.All(g => g.Id != n.Group)))
            Node(text, node, 1);

        // Peerings join VPC clusters: draw them between a node of each cluster (or an invisible anchor).
        foreach (var edge in model.Edges)
        {
            var from = Anchor(model, edge.From);
            var to = Anchor(model, edge.To);
            var attrs = new List<string>();
            if (edge.Label.Length > 0)
                attrs.Add($"label={Quote(edge.Label)}");
            if (edge.Dotted)
                attrs.Add("style=dashed, dir=none");
            if (from != edge.From)
                attrs.Add($"ltail=cluster_{edge.From}");
            if (to != edge.To)
                attrs.Add($"lhead=cluster_{edge.To}");
            text.Append($"  {from} -> {to}{(attrs.Count == 0 ? "" : $" [{string.Join(", ", attrs)}]")};\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The <c>dot</c> executable on PATH, or null when Graphviz is not installed.</summary>
    public static string? FindDot()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "dot.exe" } : ["dot"])
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                    return path;
            }
        }

        return null;
    }

    /// <summary>
    /// Renders <paramref name="assembly"/> to SVG with <c>dot -Tsvg</c>. Returns false (and null) when Graphviz is not
    /// on PATH or fails; <paramref name="problem"/> then says why.
    /// </summary>
    public static bool TryRenderSvg(CloudAssembly assembly, out string? svg, out string? problem) =>
        TryRenderSvg(RenderDot(assembly), out svg, out problem);

    /// <summary>Renders DOT text to SVG with <c>dot -Tsvg</c> (see <see cref="TryRenderSvg(CloudAssembly, out string?, out string?)"/>).</summary>
    public static bool TryRenderSvg(string dotText, out string? svg, out string? problem)
    {
        svg = null;
        var dot = FindDot();
        if (dot is null)
        {
            problem = "Graphviz 'dot' is not on PATH: no SVG (the Mermaid diagram is in the report)";
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(dot, "-Tsvg")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dotText);
            process.StandardInput.Close();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                problem = "dot -Tsvg did not finish within 30 s";
                return false;
            }

            if (process.ExitCode != 0)
            {
                problem = $"dot -Tsvg failed ({process.ExitCode}): {error.Result.Trim()}";
                return false;
            }

            svg = output.Result;
            problem = null;
            return true;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = $"cannot run {dot}: {e.Message}";
            return false;
        }
    }

    private static string Anchor(DiagramModel model, string id)
    {
        if (model.Nodes.Any(n => n.Id == id))
            return id;
        return model.Nodes.FirstOrDefault(n => n.Group == id)?.Id ?? $"anchor_{id}";
    }

    private static void Group(StringBuilder text, DiagramModel model, DiagramGroup group, int depth)
    {
        var indent = new string(' ', depth * 2);
        text.Append($"{indent}subgraph cluster_{group.Id} {{\n{indent}  label={Quote(group.Label)};\n");
        if (!model.Nodes.Any(n => n.Group == group.Id))
            text.Append($"{indent}  anchor_{group.Id} [shape=point, style=invis];\n");
        foreach (var child in model.Groups.Where(g => g.Parent == group.Id))
            Group(text, model, child, depth + 1);
        foreach (var node in model.Nodes.Where(n => n.Group == group.Id))
            Node(text, node, depth + 1);
        text.Append($"{indent}}}\n");
    }

    private static void Node(StringBuilder text, DiagramNode node, int depth)
    {
        var shape = node.Kind switch { "nlb" => "trapezium", "service" => "hexagon", "endpoint" => "ellipse", _ => "box" };
        text.Append($"{new string(' ', depth * 2)}{node.Id} [label={Quote(string.Join("\n", node.Label))}, shape={shape}];\n");
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
