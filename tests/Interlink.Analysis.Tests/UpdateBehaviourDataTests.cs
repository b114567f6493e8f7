using System.Diagnostics;
using Interlink.Analysis.Diff;
using Interlink.Analysis.Tests.Support;
using Interlink.Testing;

namespace Interlink.Analysis.Tests;

/// <summary>The update behaviour diff relies on is AWS's (CloudFormation registry schemas), extracted by a script and kept in step with it.</summary>
[Collection(ExamplesCollection.Name)]
public class UpdateBehaviourDataTests(Examples examples)
{
    private static readonly string DataFile = Path.Combine(RepoRoot.Path, "src", "Interlink.Analysis", "Diff", "update-behaviour.json");

    [NpmPackageFact("@aws-cdk/aws-service-spec")]
    public void The_committed_data_is_exactly_what_the_script_extracts_from_the_pinned_package()
    {
        var start = new ProcessStartInfo("node", ["scripts/extract-update-behaviour.mjs"])
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEnd();
        var errors = node.StandardError.ReadToEnd();
        Assert.True(node.WaitForExit(60_000), "the extraction script did not finish in 60 s");
        Assert.True(node.ExitCode == 0, errors);
        Assert.Equal(File.ReadAllText(DataFile), output);
    }

    [Fact]
    public void The_data_names_the_package_version_that_package_json_pins()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "package.json")));
        var pinned = package.RootElement.GetProperty("devDependencies").GetProperty("@aws-cdk/aws-service-spec").GetString();
        Assert.Equal($"@aws-cdk/aws-service-spec {pinned}", UpdateBehaviour.Source);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("fan-out")]
    [InlineData("native-fan-out")]
    [InlineData("existing-vpcs")]
    [InlineData("single-account")]
    public void Every_resource_type_an_example_synthesizes_has_update_behaviour_data(string example)
    {
        var types = examples[example].Stacks.Values.SelectMany(s => s.Resources()).Select(r => r.Type).Distinct();
        Assert.All(types, type => Assert.True(UpdateBehaviour.Knows(type), $"{type} is not in update-behaviour.json: add it to scripts/extract-update-behaviour.mjs"));
    }

    [Fact]
    public void Create_only_properties_replace_and_others_update_in_place()
    {
        Assert.Equal(Replacement.Always, UpdateBehaviour.Of("AWS::EC2::VPC", "CidrBlock"));
        Assert.Equal(Replacement.Always, UpdateBehaviour.Of("AWS::ElasticLoadBalancingV2::TargetGroup", "Port"));
        Assert.Equal(Replacement.Conditional, UpdateBehaviour.Of("AWS::EC2::Instance", "InstanceType"));
        Assert.Equal(Replacement.Never, UpdateBehaviour.Of("AWS::EC2::SecurityGroup", "SecurityGroupIngress"));
        Assert.Equal(Replacement.Conditional, UpdateBehaviour.Of("AWS::Unknown::Thing", "Anything"));
    }
}
