using System.Diagnostics;
using System.Text.Json.Nodes;
using Interlink.Cli.Tests.Support;
using Interlink.Testing;

namespace Interlink.Cli.Tests;

/// <summary>
/// For users who drive the CDK CLI themselves: <c>npx cdk synth</c> through a cdk.json whose app is <c>interlink
/// cdk-app</c> synthesizes the design through the construct library (Node and the jsii runtime), into the same
/// templates <c>interlink synth</c> writes without them.
/// </summary>
public sealed class CdkAppTests
{
    [NpmPackageFact("aws-cdk")]
    public void The_pinned_CDK_CLI_synthesizes_the_design_through_the_construct_library_into_the_templates_interlink_writes()
    {
        using var work = new TempDirectory();
        var config = RepoRoot.Example("seed.yaml");
        // The repository's cdk.json, with the built CLI as the app (not 'dotnet run', which would build) and the
        // config by absolute path. It turns path metadata off, so both routes deploy the same templates.
        var cdkJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "cdk.json")))!;
        cdkJson["app"] = $"\"{CliProcess.DotnetHost}\" \"{CliProcess.InterlinkDll}\" cdk-app";
        cdkJson["context"]!["interlink:config"] = config;
        File.WriteAllText(Path.Combine(work.Path, "cdk.json"), cdkJson.ToJsonString());
        var start = new ProcessStartInfo("node", [Path.Combine(RepoRoot.Path, "node_modules", "aws-cdk", "bin", "cdk"), "synth", "--quiet", "--no-notices", "-o", "cdk.out"])
        {
            WorkingDirectory = work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(300_000), "cdk synth did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"cdk synth failed ({process.ExitCode}): {stderr.Result}");

        var direct = CliProcess.Run(new Dictionary<string, string>(), "synth", config, "-o", Path.Combine(work.Path, "direct"));
        Assert.Equal(0, direct.ExitCode);
        var templates = Directory.GetFiles(Path.Combine(work.Path, "direct"), "*.template.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(4, templates.Count);
        foreach (var file in templates)
        {
            var viaCdk = JsonNode.Parse(File.ReadAllText(Path.Combine(work.Path, "cdk.out", file!)));
            var written = JsonNode.Parse(File.ReadAllText(Path.Combine(work.Path, "direct", file!)));
            Assert.True(JsonNode.DeepEquals(viaCdk, written), $"{file}: the CDK CLI's template differs from the one interlink writes");
        }
    }
}
