using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>interlink synth</c>: validates first, so an invalid config never reaches synthesis and leaves nothing on disk;
/// a valid one becomes a cloud assembly with the wiring manifest, written in C# without Node.
/// </summary>
public class SynthCommandTests
{
    [Fact]
    public void An_invalid_config_is_refused_with_the_validate_findings_and_no_assembly_is_written()
    {
        using var temp = new TempDirectory();
        var output = temp.File("cdk.out");
        var result = App.Run("synth", Repo.Example("invalid/article-as-published.yaml"), "-o", output);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(result.Lines, l => l.Contains("error IL017 consumers[0].vpc.privateSubnets[0]", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.EndsWith("invalid (7 errors, 2 warnings, 0 notes)", StringComparison.Ordinal));
        Assert.False(Directory.Exists(output), "nothing may be written for an invalid config");
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void A_valid_config_becomes_a_cloud_assembly_with_a_stack_table_and_a_wiring_manifest()
    {
        using var temp = new TempDirectory();
        var output = temp.File("assembly");
        var result = CliProcess.Run(new Dictionary<string, string>(), "synth", Repo.Example("seed.yaml"), "-o", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var stack in new[] { "awsmorocco-provider", "awsmorocco-relay-us-west-2", "awsmorocco-provider-routes", "awsmorocco-consumer-west" })
        {
            Assert.Contains(stack, result.StandardOutput, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, $"{stack}.template.json")), $"{stack} template missing");
        }

        Assert.True(File.Exists(Path.Combine(output, "interlink.wiring.json")));
        Assert.Contains("(4 stacks,", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Node 20", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(temp.Path, "*.partial-*"));
    }

    [Theory]
    [InlineData("synth")]
    [InlineData("plan")]
    [InlineData("compare")]
    public void Synthesizing_and_analysing_need_no_Node(string command)
    {
        using var temp = new TempDirectory();
        // A PATH with nothing on it: no node, no npx, no CDK CLI.
        var args = command switch
        {
            "synth" => new[] { "synth", Repo.Example("fan-out.yaml"), "-o", temp.File("assembly") },
            "plan" => ["plan", Repo.Example("fan-out.yaml"), "--cdk-out", temp.File("assembly"), "--format", "json"],
            _ => ["compare", Repo.Example("fan-out.yaml"), "--format", "json"],
        };
        var result = CliProcess.Run(new Dictionary<string, string> { ["PATH"] = temp.Path }, args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("node", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }
}
