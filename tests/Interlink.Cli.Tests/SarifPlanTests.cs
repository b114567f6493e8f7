using System.Text.Json;
using System.Text.Json.Nodes;
using Interlink.Cli.Tests.Support;
using Interlink.Testing;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>plan --format sarif</c>: a SARIF 2.1.0 log (OASIS) that code scanning accepts. The seed plans to a log with
/// no error results; a hand-edited assembly gives results with the rule ID, level "error", the template file and
/// the line of the logical ID; a suppressed finding is a result with an inSource suppression carrying the reason.
/// No schema is vendored: each test asserts the properties SARIF requires.
/// </summary>
public sealed class SarifPlanTests : IClassFixture<PlanCommandTests.SeedAssembly>
{
    private readonly PlanCommandTests.SeedAssembly seed;

    public SarifPlanTests(PlanCommandTests.SeedAssembly seed) => this.seed = seed;

    [Fact]
    public void The_seed_gives_a_valid_sarif_log_with_no_error_results()
    {
        var result = App.Run("plan", "--assembly", seed.Directory, "--format", "sarif");

        Assert.Equal(0, result.ExitCode);
        var run = ValidSarif(result.Output);
        Assert.Equal("interlink", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.DoesNotContain(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("level").GetString() == "error");
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var ils002 = Assert.Single(rules, r => r.GetProperty("id").GetString() == "ILS002");
        Assert.Equal("error", ils002.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Contains("Fix: ", ils002.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "ILD002");
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "ILQ001");
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "NO_RETURN_ROUTE");
    }

    [Fact]
    public void Acceptance_off_in_the_template_is_an_ILS002_error_at_the_endpoint_service_line()
    {
        using var temp = new TempDirectory();
        var copy = WithAcceptanceOff(temp);
        var sarif = temp.File("plan.sarif");

        var result = App.Run("plan", "--assembly", copy, "--format", "sarif", "--output", sarif);

        Assert.Equal(ExitCodes.FindingsBlock, result.ExitCode);
        var run = ValidSarif(File.ReadAllText(sarif));
        var finding = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ILS002");
        Assert.Equal("error", finding.GetProperty("level").GetString());
        AssertLocatedAt(run, finding, copy, "awsmorocco-relay-us-west-2.template.json", EndpointServiceId(copy));
    }

    [Fact]
    public void An_accepter_role_without_the_vpc_resource_is_an_ILD002_error_at_the_peering_connection()
    {
        using var temp = new TempDirectory();
        var copy = seed.WithoutAccepterVpcResource(temp.Path);

        var result = App.Run("plan", "--assembly", copy, "--format", "sarif");

        Assert.Equal(ExitCodes.FindingsBlock, result.ExitCode);
        var run = ValidSarif(result.Output);
        var finding = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ILD002");
        Assert.Equal("error", finding.GetProperty("level").GetString());
        AssertLocatedAt(run, finding, copy, "awsmorocco-relay-us-west-2.template.json", Ids.Of("Peering/Connection"));
    }

    [Fact]
    public void A_blocked_path_is_an_error_result_with_its_explanation_code()
    {
        using var temp = new TempDirectory();
        var copy = seed.WithoutReturnRoutes(temp.Path);

        var result = App.Run("plan", "--assembly", copy, "--format", "sarif");

        Assert.Equal(ExitCodes.FindingsBlock, result.ExitCode);
        var run = ValidSarif(result.Output);
        var blocked = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == "NO_RETURN_ROUTE").ToList();
        Assert.Equal(2, blocked.Count);
        Assert.All(blocked, r => Assert.Equal("error", r.GetProperty("level").GetString()));
        Assert.All(blocked, r => Assert.Contains("cannot reach", r.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_suppressed_finding_is_a_result_with_an_in_source_suppression_and_its_reason()
    {
        using var temp = new TempDirectory();
        var copy = WithAcceptanceOff(temp);
        const string reason = "every consumer account belongs to our organization and is audited";
        var config = temp.File("interlink.yaml");
        File.WriteAllText(config, File.ReadAllText(Repo.Example("seed.yaml")) + $"suppressions:\n  - {{ rule: ILS002, reason: {reason} }}\n");

        var result = App.Run("plan", config, "--assembly", copy, "--format", "sarif");

        var run = ValidSarif(result.Output);
        var finding = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ILS002");
        var suppression = Assert.Single(finding.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal(reason, suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void Against_does_not_mix_a_change_list_into_a_sarif_log()
    {
        var result = App.Run("plan", "--assembly", seed.Directory, "--format", "sarif", "--against", seed.Directory);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--against does not combine with --format sarif", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("diff")]
    public void Only_plan_offers_sarif(string command)
    {
        var result = App.Run(command, "--format", "sarif");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("'sarif' is not one of: text, json, markdown", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The seed assembly with the relay's endpoint service accepting connections without review.</summary>
    private string WithAcceptanceOff(TempDirectory temp)
    {
        var copy = seed.CopyTo(temp.Path);
        var path = Path.Combine(copy, "awsmorocco-relay-us-west-2.template.json");
        var template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        template["Resources"]![EndpointServiceId(copy)]!["Properties"]!["AcceptanceRequired"] = false;
        // Indented as CDK writes it, so the logical ID has a line of its own.
        File.WriteAllText(path, template.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return copy;
    }

    /// <summary>The seed assembly with the accepter role allowed ec2:AcceptVpcPeeringConnection on the peering connection only (not the VPC AWS also requires).</summary>
    private static string EndpointServiceId(string assembly)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly, "awsmorocco-relay-us-west-2.template.json")))!.AsObject();
        return template["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == "AWS::EC2::VPCEndpointService").Key;
    }

    /// <summary>
    /// The properties SARIF 2.1.0 requires (sarifLog: version "2.1.0", runs; run: tool.driver.name; result:
    /// message.text, and ruleId, which code scanning needs) plus the $schema tools use to recognise the log. Returns the one run.
    /// </summary>
    private static JsonElement ValidSarif(string text)
    {
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.EndsWith("sarif-schema-2.1.0.json", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString()));
        var ruleIds = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ruleIds.Count, ruleIds.Distinct().Count());
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Contains(ruleId, ruleIds);
            Assert.Equal(ruleId, ruleIds[result.GetProperty("ruleIndex").GetInt32()]);
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        }

        return run;
    }

    /// <summary>The result points at the template file (relative, with a base ID the run defines), the logical ID's line, and the resource.</summary>
    private static void AssertLocatedAt(JsonElement run, JsonElement result, string assembly, string templateFile, string logicalId)
    {
        var location = result.GetProperty("locations")[0];
        var artifact = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
        var uri = artifact.GetProperty("uri").GetString()!;
        Assert.False(Uri.IsWellFormedUriString(uri, UriKind.Absolute), uri);
        Assert.EndsWith(templateFile, uri, StringComparison.Ordinal);
        var baseUri = run.GetProperty("originalUriBaseIds").GetProperty(artifact.GetProperty("uriBaseId").GetString()!).GetProperty("uri").GetString()!;
        var file = new Uri(new Uri(baseUri), uri).LocalPath;
        Assert.Equal(Path.GetFullPath(Path.Combine(assembly, templateFile)), file);
        var line = location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32();
        Assert.Contains($"\"{logicalId}\": {{", File.ReadAllLines(file)[line - 1], StringComparison.Ordinal);
        var logical = Assert.Single(location.GetProperty("logicalLocations").EnumerateArray());
        Assert.Equal(logicalId, logical.GetProperty("name").GetString());
        Assert.Equal("resource", logical.GetProperty("kind").GetString());
    }
}
