using System.Diagnostics;
using System.Text.Json.Nodes;
using Interlink.Testing;

namespace Interlink.Templates.Tests;

/// <summary>
/// Teams run cdk-nag's AwsSolutions pack in their pipelines: every example's templates pass it, each accepted finding
/// suppressed on its resource with a reason (<c>Metadata.cdk_nag.rules_to_suppress</c>), and without those the same
/// run fails.
/// </summary>
public sealed class CdkNagTests
{
    public static TheoryData<string> Examples() => new("seed.yaml", "single-account.yaml", "fan-out.yaml", "native.yaml", "native-fan-out.yaml", "existing-vpcs.yaml");

    [NpmPackageTheory("cdk-nag")]
    [MemberData(nameof(Examples))]
    public void The_templates_pass_AwsSolutions_with_only_justified_suppressions(string example)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"interlink-nag-{Guid.NewGuid():N}");
        try
        {
            _ = ExampleSynthesis.Synthesize(RepoRoot.Example(example), directory);
            var (exit, output) = RunNag(directory);
            Assert.True(exit == 0, output);
            Assert.Contains("0 unsuppressed error(s), 0 warning(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [NpmPackageFact("cdk-nag")]
    public void Without_the_suppressions_the_same_run_fails_on_the_findings_they_justify()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"interlink-nag-{Guid.NewGuid():N}");
        try
        {
            _ = ExampleSynthesis.Synthesize(RepoRoot.Example("seed.yaml"), directory);
            foreach (var file in Directory.GetFiles(directory, "*.template.json"))
            {
                var template = JsonNode.Parse(File.ReadAllText(file))!;
                foreach (var (_, resource) in template["Resources"]!.AsObject())
                    resource!.AsObject().Remove("Metadata");
                File.WriteAllText(file, template.ToJsonString());
            }

            var (exit, output) = RunNag(directory);
            Assert.Equal(1, exit);
            foreach (var rule in new[] { "AwsSolutions-IAM4", "AwsSolutions-IAM5", "AwsSolutions-EC28", "AwsSolutions-EC29", "AwsSolutions-ELB2" })
                Assert.Contains(rule, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int Exit, string Output) RunNag(string assembly)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepoRoot.Path, "scripts", "cdk-nag.mjs"), assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(180_000), "cdk-nag did not finish in 3 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
