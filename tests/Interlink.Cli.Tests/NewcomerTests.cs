using System.Text.RegularExpressions;
using Interlink.Cli.Commands;
using Interlink.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace Interlink.Cli.Tests;

/// <summary>What a new user meets first: the README's commands, the installed tool, and the bundled example.</summary>
public sealed partial class NewcomerTests
{
    private static string ReadmeText => File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    [GeneratedRegex(@"```sh\n(?<command>[^\n]+)\n```")]
    private static partial Regex ShBlock();

    [Fact]
    public void The_readme_main_command_is_the_demo_script_and_ci_installs_os_packages_with_the_same_script()
    {
        var commands = ShBlock().Matches(ReadmeText).Select(m => m.Groups["command"].Value).ToList();

        Assert.Equal("scripts/demo.sh", commands[0]);
        Assert.Equal("dotnet test Interlink.slnx", commands[1]);
        var demo = File.ReadAllText(Path.Combine(Repo.Root, "scripts", "demo.sh"));
        var ci = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
        Assert.Contains("scripts/install-os-packages.sh", demo, StringComparison.Ordinal);
        Assert.Contains("scripts/install-os-packages.sh", ci, StringComparison.Ordinal);
        Assert.DoesNotContain("apt-get", ci, StringComparison.Ordinal);
        var install = File.ReadAllText(Path.Combine(Repo.Root, "scripts", "install-os-packages.sh"));
        foreach (var package in new[] { "iproute2", "nftables", "graphviz" })
            Assert.Contains($"need+=({package})", install, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_installs_the_tool_right_after_the_two_commands()
    {
        var readme = ReadmeText;
        var testCommand = readme.IndexOf("dotnet test Interlink.slnx", StringComparison.Ordinal);
        var install = readme.IndexOf("scripts/install-tool.sh", StringComparison.Ordinal);
        var usage = readme.IndexOf("## Using it", StringComparison.Ordinal);

        Assert.InRange(install, testCommand, usage);
    }

    [Fact]
    public void The_tool_package_carries_a_readme()
    {
        var project = File.ReadAllText(Path.Combine(Repo.Root, "src", "Interlink.Cli", "Interlink.Cli.csproj"));

        Assert.Contains("<PackageReadmeFile>README.md</PackageReadmeFile>", project, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repo.Root, "src", "Interlink.Cli", "README.md")));
    }

    [Fact]
    public void Demo_without_a_file_plans_the_bundled_example_written_outside_the_working_directory()
    {
        var console = new TestConsole().Width(InterlinkApp.UnwrappedWidth);

        var path = DemoCommand.WriteBundledExample(console);
        try
        {
            Assert.Equal(File.ReadAllText(Repo.Example("seed.yaml")), File.ReadAllText(path));
            Assert.Contains(path, console.Output, StringComparison.Ordinal);
            var validate = App.Run("validate", path);
            Assert.True(validate.ExitCode == ExitCodes.Ok, validate.ToString());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Demo_ends_by_naming_the_assembly_it_wrote_and_the_commands_for_the_diagram_and_the_deploy()
    {
        using var temp = new TempDirectory();
        var cdkOut = temp.File("cdk.out");
        Directory.CreateDirectory(cdkOut);
        foreach (var stack in new[] { "a", "b" })
            File.WriteAllText(Path.Combine(cdkOut, $"{stack}.template.json"), "{}");
        var console = new TestConsole().Width(InterlinkApp.UnwrappedWidth);

        DemoCommand.WriteNextSteps(console, "/tmp/my demo/seed.yaml", cdkOut);

        var lines = console.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains($"wrote {Path.GetFullPath(cdkOut)}/ (the cloud assembly: 2 CloudFormation templates and interlink.wiring.json) from /tmp/my demo/seed.yaml", lines);
        // Paths are quoted so the commands paste back into a shell.
        Assert.Contains(lines, l => l.StartsWith($"  interlink plan '/tmp/my demo/seed.yaml' --assembly {cdkOut} --format markdown -o plan.md ", StringComparison.Ordinal) && l.Contains("diagram", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  interlink deploy '/tmp/my demo/seed.yaml' ", StringComparison.Ordinal) && l.Contains("\"Deploying for real\"", StringComparison.Ordinal));
        Assert.Contains("## Deploying for real", File.ReadAllText(Path.Combine(Repo.Root, "README.md")), StringComparison.Ordinal);
    }
}
