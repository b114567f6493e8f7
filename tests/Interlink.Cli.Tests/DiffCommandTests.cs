using System.Text.Json.Nodes;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>interlink diff</c> on two assemblies, without credentials: exit 0 for no changes, 5 for changes that are
/// safe, 6 for changes that fail, interrupt traffic or leave stacks behind; JSON in the documented shape.
/// </summary>
public sealed class DiffCommandTests(PlanCommandTests.SeedAssembly seed) : IClassFixture<PlanCommandTests.SeedAssembly>, IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string before = seed.Directory;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_same_assembly_on_both_sides_exits_0_and_says_a_deploy_would_do_nothing()
    {
        var result = App.Run("diff", "--assembly", before, "--against", before);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("no changes: a deploy would do nothing.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_updated_in_place_exits_5()
    {
        var after = Copy("after", template => Resource(template, "AWS::EC2::VPC")["Properties"]!["Tags"] = new JsonArray(new JsonObject { ["Key"] = "Name", ["Value"] = "edited" }));

        var result = App.Run("diff", "--assembly", after, "--against", before);

        Assert.True(result.ExitCode == ExitCodes.Changes, result.ToString());
        Assert.Contains("~ NetworkVpc", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replaced_target_group_exits_6_and_the_JSON_names_the_replacement_and_its_consequence()
    {
        var after = Copy("after", template => Resource(template, "AWS::ElasticLoadBalancingV2::TargetGroup")["Properties"]!["Port"] = 9443);

        var result = App.Run("diff", "--assembly", after, "--against", before, "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.ChangesDisrupt, result.ToString());
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal(6, json["exitCode"]!.GetValue<int>());
        var relay = json["diff"]!["stacks"]!.AsArray().Single(s => s!["role"]!.GetValue<string>() == "relay")!;
        var group = relay["resources"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "AWS::ElasticLoadBalancingV2::TargetGroup")!;
        Assert.Equal("replaced", group["change"]!.GetValue<string>());
        Assert.Equal("always", group["properties"]![0]!["replacement"]!.GetValue<string>());
        Assert.Contains(json["diff"]!["consequences"]!.AsArray(), c => c!["code"]!.GetValue<string>() == "ILU012" && c["kind"]!.GetValue<string>() == "disrupts");
    }

    [Fact]
    public void Without_against_and_with_nothing_deployed_the_error_says_what_to_do_and_exits_2()
    {
        var config = temp.Write("interlink.yaml", File.ReadAllText(Repo.Example("seed.yaml")));

        var result = App.Run("diff", config, "--assembly", before);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("nothing deployed is recorded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_against_an_earlier_assembly_puts_the_proof_and_the_change_in_one_markdown_report()
    {
        var after = Copy("after", template => Resource(template, "AWS::ElasticLoadBalancingV2::TargetGroup")["Properties"]!["Port"] = 9443);

        var result = App.Run("plan", "--assembly", after, "--against", before, "--format", "markdown");

        Assert.Contains("## Changes", result.Output, StringComparison.Ordinal);
        Assert.Contains("| ILU012 | interrupts traffic |", result.Output, StringComparison.Ordinal);
        Assert.Contains("## Reachability", result.Output, StringComparison.Ordinal);
    }

    private string Copy(string name, Action<JsonObject> editRelay)
    {
        var parent = temp.File(name);
        Directory.CreateDirectory(parent);
        return seed.EditedCopy(parent, "awsmorocco-relay-us-west-2.template.json", editRelay);
    }

    private static JsonNode Resource(JsonObject template, string type) =>
        template["Resources"]!.AsObject().First(r => r.Value!["Type"]!.GetValue<string>() == type).Value!;
}
