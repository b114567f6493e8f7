using System.Text.RegularExpressions;
using Interlink.Analysis.Diagram;
using Interlink.Analysis.Reports.Tests.Support;

namespace Interlink.Analysis.Reports.Tests;

[Collection(AssemblyCollection.Name)]
public sealed partial class DiagramTests(Assemblies assemblies)
{
    [Theory]
    [InlineData("seed")]
    [InlineData("single-account")]
    [InlineData("fan-out")]
    [InlineData("native")]
    [InlineData("existing-vpcs")]
    public void Mermaid_shows_every_vpc_peering_and_endpoint_and_is_well_formed(string example)
    {
        var assembly = assemblies.Read(example);
        var mermaid = MermaidDiagram.Render(assembly);
        var lines = mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal("flowchart LR", lines[0]);

        // Every VPC (created or existing) appears with its CIDR.
        var cidrs = assembly.Stacks.Values.SelectMany(s => s.Resources()).Where(r => r.Type == "AWS::EC2::VPC").Select(r => r.Properties.GetProperty("CidrBlock").GetString()!)
            .Concat((assembly.Wiring.ExistingVpcs ?? []).Select(v => v.Cidr)).ToList();
        Assert.NotEmpty(cidrs);
        Assert.All(cidrs, c => Assert.Contains(c, mermaid, StringComparison.Ordinal));

        // One dotted peering line per peering connection, one endpoint node per endpoint.
        var peerings = assembly.Stacks.Values.SelectMany(s => s.Resources()).Count(r => r.Type == "AWS::EC2::VPCPeeringConnection");
        Assert.Equal(peerings, lines.Count(l => l.Contains(" -.-|\"peering", StringComparison.Ordinal)));
        var endpoints = assembly.Stacks.Values.SelectMany(s => s.Resources()).Count(r => r.Type == "AWS::EC2::VPCEndpoint");
        Assert.Equal(endpoints, lines.Count(l => l.StartsWith("endpoint_", StringComparison.Ordinal) && l.Contains("interface endpoint", StringComparison.Ordinal)));
        Assert.Equal(endpoints, lines.Count(l => l.Contains("-->|\"PrivateLink\"|", StringComparison.Ordinal)));

        // Balanced subgraph/end; safe ids; edges only between declared ids.
        var depth = 0;
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var subgraph = Subgraph().Match(line);
            var node = NodeLine().Match(line);
            var edge = Edge().Match(line);
            if (subgraph.Success)
            {
                depth++;
                Assert.True(declared.Add(subgraph.Groups["id"].Value), $"duplicate id in: {line}");
            }
            else if (line == "end")
            {
                depth--;
                Assert.True(depth >= 0, "end without subgraph");
            }
            else if (edge.Success)
            {
                Assert.Contains(edge.Groups["a"].Value, declared);
                Assert.Contains(edge.Groups["b"].Value, declared);
            }
            else if (node.Success)
            {
                Assert.True(declared.Add(node.Groups["id"].Value), $"duplicate id in: {line}");
            }
            else
            {
                Assert.Fail($"unexpected Mermaid line: {line}");
            }
        }

        Assert.Equal(0, depth);
        Assert.DoesNotContain(mermaid.Split('"').Where((_, i) => i % 2 == 1), label => label.Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_diagram_shows_hosts_with_their_ips_behind_the_relay_nlb()
    {
        var mermaid = MermaidDiagram.Render(assemblies.Read("seed"));
        Assert.Contains("10.10.1.10", mermaid, StringComparison.Ordinal);
        Assert.Contains("10.10.3.10", mermaid, StringComparison.Ordinal);
        Assert.Contains("subgraph region_us_east_1[\"Region us-east-1\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("account 333333333333", mermaid, StringComparison.Ordinal);
        Assert.Contains("-->|\"TCP 80 to 8080\"| host_awsmorocco_provider_ServiceHostHost11CE32BF3", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_is_balanced_and_svg_is_rendered_only_when_graphviz_is_installed()
    {
        var assembly = assemblies.Read("fan-out");
        var dot = GraphvizDiagram.RenderDot(assembly);
        Assert.StartsWith("digraph interlink {", dot, StringComparison.Ordinal);
        Assert.Equal(dot.Count(c => c == '{'), dot.Count(c => c == '}'));
        Assert.Contains("10.31.0.0/16", dot, StringComparison.Ordinal);

        if (GraphvizDiagram.FindDot() is null)
        {
            Assert.False(GraphvizDiagram.TryRenderSvg(assembly, out var none, out var problem));
            Assert.Null(none);
            Assert.Contains("not on PATH", problem, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(GraphvizDiagram.TryRenderSvg(assembly, out var svg, out var problem), problem);
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_dot_on_path_svg_is_skipped_cleanly()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"interlink-nodot-{Guid.NewGuid():N}");
        Directory.CreateDirectory(empty);
        var path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", empty);
            Assert.Null(GraphvizDiagram.FindDot());
            Assert.False(GraphvizDiagram.TryRenderSvg("digraph x {}", out var svg, out var problem));
            Assert.Null(svg);
            Assert.NotNull(problem);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(empty);
        }
    }

    [GeneratedRegex("^subgraph (?<id>[A-Za-z][A-Za-z0-9_]*)\\[\"[^\"]*\"\\]$")]
    private static partial Regex Subgraph();

    [GeneratedRegex("^(?<id>[A-Za-z][A-Za-z0-9_]*)(\\[/|\\{\\{|\\(\\[|\\[)\"[^\"]*\"(/\\]|\\}\\}|\\]\\)|\\])$")]
    private static partial Regex NodeLine();

    [GeneratedRegex("^(?<a>[A-Za-z][A-Za-z0-9_]*) (-->|-\\.-)(\\|\"[^\"]*\"\\|)? (?<b>[A-Za-z][A-Za-z0-9_]*)$")]
    private static partial Regex Edge();
}
