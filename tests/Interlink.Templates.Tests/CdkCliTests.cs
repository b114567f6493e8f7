using System.Diagnostics;
using Interlink.Testing;

namespace Interlink.Templates.Tests;

/// <summary>
/// The assembly the CLI writes without Node is one the pinned AWS CDK CLI (package.json) reads as its own: it lists
/// every stack, offline, from the directory alone.
/// </summary>
public sealed class CdkCliTests
{
    [NpmPackageFact("aws-cdk")]
    public void The_pinned_CDK_CLI_lists_every_stack_of_a_directly_written_assembly()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"interlink-cdk-ls-{Guid.NewGuid():N}");
        try
        {
            var topology = ExampleSynthesis.Synthesize(RepoRoot.Example("fan-out.yaml"), directory);
            var start = new ProcessStartInfo("node", [Path.Combine(RepoRoot.Path, "node_modules", "aws-cdk", "bin", "cdk"), "ls", "--app", directory, "--no-notices", "--no-version-reporting"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            start.Environment["CDK_DISABLE_VERSION_CHECK"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "cdk ls did not finish in 2 minutes");
            Assert.True(process.ExitCode == 0, $"cdk ls failed ({process.ExitCode}): {stderr.Result}");
            var listed = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal);
            var expected = Directory.GetFiles(directory, "*.template.json").Select(f => Path.GetFileName(f)[..^".template.json".Length]).Order(StringComparer.Ordinal);
            Assert.Equal(expected, listed);
            Assert.Equal(9, listed.Count());
            _ = topology;
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }
}
