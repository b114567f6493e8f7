using Interlink.Cli.Commands;
using Interlink.Lab;
using Interlink.Probe;
using System.Text.Json.Nodes;
using Spectre.Console.Testing;

namespace Interlink.Cli.Tests;

/// <summary>What the lab commands print, without a lab: readable routes, not C# records; a clear verdict when nothing gets through.</summary>
public class LabTextTests
{
    private static readonly LabPeeringRoute Route = new("il-relay-usw2", 100, "10.10.0.0/16", "169.254.0.1", "peer0", "rtb-relay", "awsmorocco-relay-us-west-2", "PeeringToProvider1");

    [Theory]
    [InlineData("cut-peering", "withdrew")]
    [InlineData("restore", "restored")]
    public void Fault_routes_are_printed_as_sentences(string fault, string verb)
    {
        var console = new TestConsole().Width(InterlinkApp.UnwrappedWidth);
        LabCli.WriteFault(console, new LabFaultReport(fault, "what happened", [Route]));

        Assert.DoesNotContain("LabPeeringRoute", console.Output, StringComparison.Ordinal);
        Assert.Contains($"  {verb} route 10.10.0.0/16 via 169.254.0.1 (peer0) in il-relay-usw2: awsmorocco-relay-us-west-2/PeeringToProvider1", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_where_every_path_is_blocked_says_so()
    {
        var report = new ProbeReport("http://10.12.1.5/", 10, 2, 2000, 30000, false, DateTimeOffset.UnixEpoch, 2000, 10, 0, 10, 0, false, 5,
            new Dictionary<string, int> { [ProbeErrorKind.Timeout] = 10 }, new Dictionary<string, string> { [ProbeErrorKind.Timeout] = "no response within 2000 ms" },
            null, new Dictionary<string, int>(), 0, null);
        var console = new TestConsole().Width(InterlinkApp.UnwrappedWidth);

        var passed = LabCli.WriteProbes(console, [new LabProbe("west", "vpce-1", "il-west-client", "http://10.12.1.5/", report, [])]);

        Assert.False(passed);
        Assert.Contains("targets answering: none", console.Output, StringComparison.Ordinal);
        Assert.Contains("no request got through: every path from the consumers to the service is blocked", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("A task was canceled", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_as_json_carries_each_clients_figures_for_scripts()
    {
        var report = new ProbeReport("http://10.12.1.5/", 10, 2, 2000, 30000, true, DateTimeOffset.UnixEpoch, 500, 10, 10, 0, 0, false, 20,
            new Dictionary<string, int>(), new Dictionary<string, string>(), new LatencySummary(10, 1, 2, 2, 3, 4, 5), new Dictionary<string, int> { ["10.10.1.10"] = 10 }, 0, null);
        var console = new TestConsole().Width(InterlinkApp.UnwrappedWidth);

        LabCli.WriteProbesJson(console, [new LabProbe("west", "vpce-1", "il-west-client", "http://10.12.1.5/", report, ["10.10.1.10"])]);

        var probe = Assert.Single(JsonNode.Parse(console.Output)!.AsArray())!;
        Assert.Equal("west", (string?)probe["consumer"]);
        Assert.Equal(20, (double?)probe["report"]!["requestsPerSecond"]);
        Assert.Equal(2, (double?)probe["report"]!["latency"]!["p50Ms"]);
        Assert.Equal(0, (int?)probe["report"]!["failed"]);
    }
}
