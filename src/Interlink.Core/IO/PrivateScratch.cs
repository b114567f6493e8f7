using System.Globalization;

namespace Interlink.Core.IO;

/// <summary>
/// Scratch directories only this user can enter, for files another program runs (the jsii runtime's JavaScript)
/// or reads back (compare's assemblies). Under the shared temporary directory every user gets one root,
/// <c>interlink-&lt;uid&gt;</c>, created atomically with mode 0700 and used only when it is a real directory owned
/// by this user with no group or other access — the way tmux and ssh-agent guard theirs: a root another user
/// pre-created, or a symbolic link, is never used (a fresh random directory is made instead). Inside it, each
/// process works in <c>&lt;kind&gt;-&lt;pid&gt;</c>, and the ones whose process is gone (killed runs) are removed at
/// the next start.
/// </summary>
public static class PrivateScratch
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// A new empty directory for this process's <paramref name="kind"/> of scratch work (e.g. "jsii", "compare"),
    /// under <paramref name="temporaryRoot"/> (default: the system temporary directory).
    /// </summary>
    public static string Create(string kind, string? temporaryRoot = null)
    {
        var parent = temporaryRoot ?? Path.GetTempPath();
        var root = UserRoot(parent);
        if (root is null)
            return CreateRandom(parent, kind);
        SweepStale(root, kind);
        var mine = Path.Combine(root, $"{kind}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        if (Directory.Exists(mine))
            Directory.Delete(mine, recursive: true);
        CreatePrivate(mine);
        return mine;
    }

    /// <summary>
    /// This user's root under <paramref name="parent"/>, or null when it cannot be trusted (owned by someone else,
    /// open to others, a link, not a directory).
    /// </summary>
    internal static string? UserRoot(string parent)
    {
        var uid = FileFacts.EffectiveUid();
        if (uid is null)
            return null;
        var root = Path.Combine(parent, $"interlink-{uid.Value.ToString(CultureInfo.InvariantCulture)}");
        if (FileFacts.Of(root).Kind == FileKind.Missing)
        {
            try
            {
                CreatePrivate(root);
            }
            catch (IOException)
            {
                // Someone made it between our look and our mkdir: it is checked below like any existing one.
            }
        }

        return IsPrivateTo(root, uid.Value) ? root : null;
    }

    /// <summary>Whether <paramref name="directory"/> is a real directory owned by <paramref name="uid"/> that no one else may enter.</summary>
    internal static bool IsPrivateTo(string directory, uint uid)
    {
        var facts = FileFacts.Of(directory);
        return facts.Kind == FileKind.Directory && facts.OwnerUid == uid && facts.Mode is { } mode && (mode & 0x3F) == 0;
    }

    private static void CreatePrivate(string path)
    {
        // mkdir(2) with the mode: there is never a moment when the directory exists with wider permissions.
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, OwnerOnly);
    }

    /// <summary>
    /// Fallback when the per-user root cannot be trusted: a directory with an unguessable name, created with mode
    /// 0700 and checked to be ours before use.
    /// </summary>
    private static string CreateRandom(string parent, string kind)
    {
        var path = Path.Combine(parent, $"interlink-{kind}-{Guid.NewGuid():N}");
        CreatePrivate(path);
        if (FileFacts.EffectiveUid() is { } uid && !IsPrivateTo(path, uid))
            throw new IOException($"scratch directory {path} is not private to this user; check who can write to {parent}");
        return path;
    }

    private static void SweepStale(string root, string kind)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, $"{kind}-*"))
        {
            var suffix = Path.GetFileName(entry)[(kind.Length + 1)..];
            if (!int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId || IsRunning(pid))
                continue;
            // Only real directories: a link is removed as a link, never followed.
            if (FileFacts.Of(entry).Kind == FileKind.Directory)
                TryDelete(entry);
            else
                TryDeleteFile(entry);
        }
    }

    /// <summary>Whether a process with <paramref name="pid"/> is running (a reused pid keeps its directory, which is the safe side).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Removes <paramref name="directory"/> and everything in it, quietly: a directory still in use is swept by a later run.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
