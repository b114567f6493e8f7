using Interlink.Templates.Writing;
using Interlink.Cli.Tests.Support;
using Interlink.Core.IO;

namespace Interlink.Cli.Tests;

/// <summary>
/// Nothing outside the named output is ever written or deleted: synthesis replaces only an empty directory or an
/// assembly Interlink wrote (<c>synth -o .</c> once deleted the project), files are never renamed over devices or
/// links (<c>schema -o /dev/null</c> as root turned the device into a file), and a path that cannot be used is bad
/// input (exit 2), not an internal error. The refusals happen before the CDK starts, so they run in-process.
/// </summary>
public class OutputSafetyTests
{
    private static readonly string Seed = Repo.Example("seed.yaml");

    [Theory]
    [InlineData("synth", "-o")]
    [InlineData("plan", "--cdk-out")]
    public void A_directory_holding_other_files_is_refused_and_left_alone(string command, string assemblyOption)
    {
        using var temp = new TempDirectory();
        temp.Write("interlink.yaml", "name: mine\n");
        temp.Write("notes.txt", "keep me\n");

        var result = App.Run(command, Seed, assemblyOption, temp.Path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("holds files interlink did not write (e.g. 'interlink.yaml')", result.Output, StringComparison.Ordinal);
        Assert.Equal(["interlink.yaml", "notes.txt"], temp.FileNames());
        Assert.Equal("keep me\n", File.ReadAllText(temp.File("notes.txt")));
    }

    [Fact]
    public void A_deploy_dry_run_does_not_replace_a_directory_holding_other_files()
    {
        using var temp = new TempDirectory();
        temp.Write("notes.txt", "keep me\n");

        var result = App.Run("deploy", Seed, "--dry-run", "--input", "ServiceBundleBucket=b", "--input", "ServiceBundleKey=k", "-o", temp.Path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("holds files interlink did not write", result.Output, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], temp.FileNames());
    }

    [Fact]
    public void A_file_where_the_assembly_directory_should_be_is_bad_input()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("cdk.out", "not a directory\n");

        var direct = App.Run("synth", Seed, "-o", file);
        var below = App.Run("synth", Seed, "-o", Path.Combine(file, "sub"));

        Assert.Equal(ExitCodes.InvalidInput, direct.ExitCode);
        Assert.Contains("is a regular file, not a directory", direct.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, below.ExitCode);
        Assert.Contains("cannot be created", below.Output, StringComparison.Ordinal);
        Assert.Equal("not a directory\n", File.ReadAllText(file));
    }

    [Fact]
    public void A_symbolic_link_as_the_assembly_directory_is_refused()
    {
        using var temp = new TempDirectory();
        var real = Directory.CreateDirectory(temp.File("real")).FullName;
        var link = temp.File("cdk.out");
        Directory.CreateSymbolicLink(link, real);

        var result = App.Run("synth", Seed, "-o", link);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("is a symbolic link, not a directory", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_directory_that_cannot_be_written_is_bad_input_not_a_bug()
    {
        // /proc refuses new entries even to root, as a read-only directory refuses other users.
        if (!Directory.Exists("/proc/self"))
            return;
        var result = App.Run("synth", Seed, "-o", "/proc/interlink-cannot-write");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("error: cannot write beside '/proc/interlink-cannot-write'", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_into_a_directory_that_cannot_be_written_is_bad_input()
    {
        if (!Directory.Exists("/proc/self"))
            return;
        var result = App.Run("schema", "-o", "/proc/interlink-schema.json");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("error: cannot write '/proc/interlink-schema.json'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_is_written_in_place_and_stays_a_device()
    {
        if (!File.Exists("/dev/null"))
            return;
        var result = App.Run("schema", "-o", "/dev/null");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(FileKind.CharacterDevice, FileFacts.Of("/dev/null").Kind);
    }

    [Fact]
    public void A_symbolic_link_to_a_file_is_not_written_through_or_replaced()
    {
        using var temp = new TempDirectory();
        var victim = temp.Write("victim.txt", "precious\n");
        var link = temp.File("schema.json");
        File.CreateSymbolicLink(link, victim);

        var result = App.Run("schema", "-o", link);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("is a symbolic link", result.Output, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Equal(FileKind.SymbolicLink, FileFacts.Of(link).Kind);
    }

    [Fact]
    public void A_directory_named_as_the_output_file_is_refused()
    {
        using var temp = new TempDirectory();
        var result = App.Run("schema", "-o", temp.Path);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("is a directory; name a file", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regular_output_file_is_replaced_whole_and_no_temporary_file_is_left()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("schema.json", "old");
        Assert.Equal(ExitCodes.Ok, App.Run("schema", "-o", path).ExitCode);
        Assert.StartsWith("{", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(["schema.json"], temp.FileNames());
    }

    [Fact]
    public void Leftovers_of_killed_synths_beside_the_output_are_swept_only_when_marked_and_their_process_is_gone()
    {
        using var temp = new TempDirectory();
        var target = temp.File("cdk.out");
        var deadPid = 2_000_000_000; // above any Linux pid_max
        string Marked(string kind, int pid)
        {
            var path = Directory.CreateDirectory(AssemblyDirectory.Sibling(target, kind, pid)).FullName;
            AssemblyDirectory.Mark(path);
            return path;
        }

        var stalePartial = Marked("partial", deadPid);
        var staleOld = Marked("old", deadPid + 1);
        var running = Marked("partial", Environment.ProcessId == 1 ? 2 : 1);
        var unmarked = Directory.CreateDirectory(AssemblyDirectory.Sibling(target, "partial", deadPid + 2)).FullName;
        var other = Directory.CreateDirectory(temp.File("cdk.out.backup-1")).FullName;

        AssemblyDirectory.SweepStale(target);

        Assert.False(Directory.Exists(stalePartial));
        Assert.False(Directory.Exists(staleOld));
        Assert.True(Directory.Exists(running), "pid 1 is running: its directory stays");
        Assert.True(Directory.Exists(unmarked), "a directory without the marker is not ours to delete");
        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public void An_assembly_interlink_wrote_is_replaced_by_the_next_synth_which_sweeps_a_killed_run_s_leftovers()
    {
        using var temp = new TempDirectory();
        var target = Directory.CreateDirectory(temp.File("cdk.out")).FullName;
        var killed = Directory.CreateDirectory(AssemblyDirectory.Sibling(target, "partial", 2_000_000_000)).FullName;
        AssemblyDirectory.Mark(killed);

        var first = CliProcess.Run(new Dictionary<string, string>(), "synth", Seed, "-o", target);
        var second = CliProcess.Run(new Dictionary<string, string>(), "synth", Seed, "-o", target);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(File.Exists(Path.Combine(target, AssemblyDirectory.MarkerFile)));
        Assert.True(File.Exists(Path.Combine(target, "interlink.wiring.json")));
        Assert.Equal(["cdk.out"], temp.FileNames());
    }
}
