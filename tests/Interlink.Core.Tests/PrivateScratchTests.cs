using System.Diagnostics;
using Interlink.Core.IO;

namespace Interlink.Core.Tests;

/// <summary>
/// Scratch directories (the jsii runtime's JavaScript, compare's assemblies) live where only this user can reach
/// them: a per-user root created with mode 0700 and used only if it is a real directory owned by this user and
/// closed to others. The old shared <c>/tmp/interlink-jsii/&lt;pid&gt;</c> let another user pre-create it and swap
/// the JavaScript root's Node process runs, and made a second user's synth fail.
/// </summary>
public sealed class PrivateScratchTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("interlink-scratch-tests-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private static uint Uid => FileFacts.EffectiveUid() ?? 0;

    private string UserRoot => Path.Combine(_parent, $"interlink-{Uid}");

    [Fact]
    public void A_scratch_directory_is_private_to_this_user_as_is_its_root()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var scratch = PrivateScratch.Create("jsii", _parent);

        Assert.Equal(Path.Combine(UserRoot, $"jsii-{Environment.ProcessId}"), scratch);
        Assert.True(PrivateScratch.IsPrivateTo(UserRoot, Uid));
        Assert.True(PrivateScratch.IsPrivateTo(scratch, Uid));
        Assert.Equal(0x1C0, FileFacts.Of(scratch).Mode); // 0700
    }

    [Fact]
    public void A_root_open_to_others_is_not_used()
    {
        if (!OperatingSystem.IsLinux())
            return;
        Directory.CreateDirectory(UserRoot);
        File.SetUnixFileMode(UserRoot, (UnixFileMode)0x1FF); // 0777, as another user could leave it

        var scratch = PrivateScratch.Create("jsii", _parent);

        Assert.False(scratch.StartsWith(UserRoot + "/", StringComparison.Ordinal), scratch);
        Assert.True(PrivateScratch.IsPrivateTo(scratch, Uid));
    }

    [Fact]
    public void A_root_that_is_a_symbolic_link_is_not_used()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_parent, "elsewhere")).FullName;
        File.SetUnixFileMode(elsewhere, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateSymbolicLink(UserRoot, elsewhere);

        var scratch = PrivateScratch.Create("jsii", _parent);

        Assert.False(scratch.StartsWith(UserRoot + "/", StringComparison.Ordinal), scratch);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public void A_root_another_user_created_is_not_used()
    {
        if (!OperatingSystem.IsLinux() || Uid != 0)
            return; // only root can give a directory away
        Directory.CreateDirectory(UserRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using (var chown = Process.Start("chown", ["65534", UserRoot]))
            chown.WaitForExit();
        Assert.Equal(65534u, FileFacts.Of(UserRoot).OwnerUid);

        var scratch = PrivateScratch.Create("jsii", _parent);

        Assert.False(scratch.StartsWith(UserRoot + "/", StringComparison.Ordinal), scratch);
    }

    [Fact]
    public void Scratch_left_by_killed_runs_is_removed_at_the_next_start_and_live_runs_keep_theirs()
    {
        if (!OperatingSystem.IsLinux())
            return;
        _ = PrivateScratch.Create("compare", _parent);
        var dead = Directory.CreateDirectory(Path.Combine(UserRoot, "compare-2000000000")).FullName;
        File.WriteAllText(Path.Combine(dead, "relay.template.json"), "{}");
        var live = Directory.CreateDirectory(Path.Combine(UserRoot, "compare-1")).FullName;
        var otherKind = Directory.CreateDirectory(Path.Combine(UserRoot, "jsii-2000000000")).FullName;

        _ = PrivateScratch.Create("compare", _parent);

        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(otherKind), "each kind sweeps its own");
    }
}
