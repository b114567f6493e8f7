using System.Text.Json;
using System.Text.Json.Nodes;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>interlink plan</c>: proves the seed example reachable with its path, exits 3 when a hand-edited assembly
/// blocks a consumer (naming the code and the place to fix), and renders text, JSON and markdown.
/// One whole-process run synthesizes the seed (the CDK runtime stays out of this parallel test process);
/// the rest plan that assembly in-process with --assembly.
/// </summary>
public sealed class PlanCommandTests : IClassFixture<PlanCommandTests.SeedAssembly>
{
    private readonly SeedAssembly seed;

    public PlanCommandTests(SeedAssembly seed) => this.seed = seed;

    [Fact]
    public void The_seed_example_is_proven_reachable_with_its_path_and_exit_0()
    {
        Assert.True(seed.Synth.ExitCode == 0, seed.Synth.ToString());
        var output = seed.Synth.StandardOutput;
        Assert.Contains("2 of 2 consumer-target paths reachable", output, StringComparison.Ordinal);
        Assert.Contains("security: ", output, StringComparison.Ordinal);
        Assert.Contains("Not a quote.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_each_consumer_target_path_is_one_line_naming_hosts_subnets_and_VPCs_by_their_Name_then_logical_ID()
    {
        var output = seed.Synth.StandardOutput;
        var lines = output.Split('\n');

        // One line per path; the 21 passing hops of each are left to --verbose rather than printed once per target.
        Assert.Equal(2, lines.Count(l => l.TrimStart().StartsWith("REACHABLE ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("[ok  ]", StringComparison.Ordinal));
        Assert.Contains("hops of reachable paths: interlink plan --verbose", output, StringComparison.Ordinal);
        // NetworkPrivateSubnet1E8491189 names a subnet in each of the three VPCs: the Name tag tells them apart.
        var first = Assert.Single(lines, l => l.Contains("-> host awsmorocco-service-1 (ServiceHostHost11CE32BF3) 10.10.1.10:8080", StringComparison.Ordinal));
        Assert.Contains("REACHABLE awsmorocco-consumer-west (333333333333, us-west-2) VPC awsmorocco-west (NetworkVpcFAC8F4A5) tcp/80", first, StringComparison.Ordinal);
        Assert.Contains("in subnet awsmorocco-provider-private-use1-az1 (NetworkPrivateSubnet1E8491189) of VPC awsmorocco-provider (NetworkVpcFAC8F4A5) (21 hops pass)", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_lists_every_path_hop_by_hop_with_named_subnets()
    {
        var result = App.Run("plan", "--assembly", seed.Directory, "--verbose");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(42, result.Lines.Count(l => l.Contains("[ok  ]", StringComparison.Ordinal) || l.Contains("[info]", StringComparison.Ordinal)));
        Assert.Equal(2, result.Lines.Count(l => l.EndsWith("(21 hops pass), hop by hop:", StringComparison.Ordinal)));
        Assert.Contains(result.Lines, l => l.Contains("return route", StringComparison.Ordinal)
            && l.Contains("target subnet awsmorocco-provider-private-use1-az1 (NetworkPrivateSubnet1E8491189)", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("NLB subnet awsmorocco-relay-private-usw2-az1 (NetworkPrivateSubnet1E8491189)", StringComparison.Ordinal));
        Assert.DoesNotContain("hops of reachable paths", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_edited_assembly_without_the_return_routes_exits_3_and_names_the_hop()
    {
        using var temp = new TempDirectory();
        var copy = seed.WithoutReturnRoutes(temp.Path);

        var result = App.Run("plan", "--assembly", copy);

        Assert.Equal(ExitCodes.FindingsBlock, result.ExitCode);
        Assert.Contains("0 of 2 consumer-target paths reachable", result.Output, StringComparison.Ordinal);
        Assert.Contains("blocked by NO_RETURN_ROUTE", result.Output, StringComparison.Ordinal);
        // Blocked paths show their hops without --verbose: the failing hop is where the fix goes.
        Assert.Equal(2, result.Lines.Count(l => l.StartsWith("  BLOCKED ", StringComparison.Ordinal) && l.Contains(": NO_RETURN_ROUTE at awsmorocco-provider/NetworkPrivateRouteTable", StringComparison.Ordinal)));
        Assert.Equal(2, result.Lines.Count(l => l.StartsWith("BLOCKED ", StringComparison.Ordinal) && l.EndsWith(", hop by hop:", StringComparison.Ordinal)));
        Assert.Contains(result.Lines, l => l.Contains("[FAIL] return route", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_over_CloudFormations_500_resources_exits_3_and_names_ILQ001_and_the_stack()
    {
        using var temp = new TempDirectory();
        var copy = seed.CopyTo(temp.Path);
        var relay = Path.Combine(copy, "awsmorocco-relay-us-west-2.template.json");
        var template = JsonNode.Parse(File.ReadAllText(relay))!.AsObject();
        var resources = template["Resources"]!.AsObject();
        for (var i = 0; resources.Count <= 500; i++)
            resources[$"Filler{i}"] = new JsonObject { ["Type"] = "AWS::CloudFormation::WaitConditionHandle" };
        File.WriteAllText(relay, template.ToJsonString());

        var result = App.Run("plan", "--assembly", copy);

        Assert.Equal(ExitCodes.FindingsBlock, result.ExitCode);
        Assert.Contains("1 template quota error(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains(result.Lines, l => l.Contains("error ILQ001 awsmorocco-relay-us-west-2: template of awsmorocco-relay-us-west-2 declares 501 resources", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_output_carries_the_verdicts_findings_and_cost_lines()
    {
        var result = App.Run("plan", "--assembly", seed.Directory, "--format", "json", "--traffic", "250");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(2, root.GetProperty("reachability").GetProperty("verdicts").GetArrayLength());
        Assert.Equal(250m, root.GetProperty("cost").GetProperty("trafficGbPerMonth").GetDecimal());
        var lines = root.GetProperty("cost").GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("cost").GetProperty("totalUsd").GetDecimal(), lines.Sum(l => l.GetProperty("monthlyUsd").GetDecimal()));
        Assert.Contains("flowchart", root.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_goes_to_the_out_file_with_a_mermaid_diagram()
    {
        using var temp = new TempDirectory();
        var result = App.Run("plan", "--assembly", seed.Directory, "--format", "markdown", "-o", temp.File("plan.md"));

        Assert.Equal(0, result.ExitCode);
        var markdown = File.ReadAllText(temp.File("plan.md"));
        Assert.StartsWith("# Plan: awsmorocco (relay mode)", markdown, StringComparison.Ordinal);
        Assert.Contains("```mermaid", markdown, StringComparison.Ordinal);
        Assert.Contains("| awsmorocco-consumer-west (us-west-2) | 10.10.1.10:8080 | reachable |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_is_not_an_assembly_is_a_one_line_error()
    {
        using var temp = new TempDirectory();
        var result = App.Run("plan", "--assembly", temp.Path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains("interlink.wiring.json", StringComparison.Ordinal));
    }

    /// <summary>Runs <c>interlink plan examples/seed.yaml</c> once as a process, keeping the assembly it writes.</summary>
    public sealed class SeedAssembly : IDisposable
    {
        private readonly TempDirectory temp = new();

        public SeedAssembly()
        {
            Directory = temp.File("cdk.out");
            Synth = CliProcess.Run(new Dictionary<string, string>(), "plan", Repo.Example("seed.yaml"), "--cdk-out", Directory);
        }

        public string Directory { get; }

        public ProcessResult Synth { get; }

        public string CopyTo(string parent)
        {
            var copy = Path.Combine(parent, "assembly");
            System.IO.Directory.CreateDirectory(copy);
            foreach (var file in System.IO.Directory.GetFiles(Directory))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            return copy;
        }

        /// <summary>A copy whose <paramref name="templateFile"/> has been through <paramref name="edit"/> (a hand-edited assembly).</summary>
        public string EditedCopy(string parent, string templateFile, Action<JsonObject> edit)
        {
            var copy = CopyTo(parent);
            var path = Path.Combine(copy, templateFile);
            var template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            edit(template);
            File.WriteAllText(path, template.ToJsonString());
            return copy;
        }

        /// <summary>A copy without the provider's return routes to the relay (provider-routes holds none).</summary>
        public string WithoutReturnRoutes(string parent) => EditedCopy(parent, "awsmorocco-provider-routes.template.json", template =>
        {
            var resources = template["Resources"]!.AsObject();
            foreach (var id in resources.Where(r => (string?)r.Value!["Type"] == "AWS::EC2::Route").Select(r => r.Key).ToList())
                resources.Remove(id);
        });

        /// <summary>
        /// A copy whose peering-accepter role may accept only on vpc-peering-connection/* — not on the accepter VPC,
        /// which AWS also requires (the defect of issue 10).
        /// </summary>
        public string WithoutAccepterVpcResource(string parent) => EditedCopy(parent, "awsmorocco-provider.template.json", template =>
        {
            var role = template["Resources"]!.AsObject()
                .Select(r => r.Value!.AsObject())
                .Single(r => (string?)r["Type"] == "AWS::IAM::Role" && r.ToJsonString().Contains("ec2:AcceptVpcPeeringConnection", StringComparison.Ordinal));
            role["Properties"]!["Policies"] = JsonNode.Parse("""
                [ { "PolicyName": "accept-peering", "PolicyDocument": { "Version": "2012-10-17", "Statement": [ {
                    "Effect": "Allow", "Action": "ec2:AcceptVpcPeeringConnection",
                    "Resource": { "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*" } } ] } } ]
                """);
        });

        public void Dispose() => temp.Dispose();
    }
}
