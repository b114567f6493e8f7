using System.Runtime.InteropServices;

namespace Interlink.Core.IO;

/// <summary>What a path names, as the file system says (a symbolic link is reported as itself, never followed).</summary>
public enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    SymbolicLink,

    /// <summary>A character device (e.g. <c>/dev/null</c>, <c>/dev/zero</c>, a terminal).</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A named pipe: reading it waits for a writer, possibly for ever.</summary>
    Fifo,

    /// <summary>A Unix socket.</summary>
    Socket,
}

/// <summary>The facts about one path that decide whether Interlink may read, replace or delete it.</summary>
/// <param name="Kind">What the path names.</param>
/// <param name="OwnerUid">Its owner's user ID (null where the platform does not say).</param>
/// <param name="Mode">Its permission bits (e.g. 0700), null where the platform does not say.</param>
public sealed record FileFacts(FileKind Kind, uint? OwnerUid, int? Mode)
{
    /// <summary>
    /// The facts of <paramref name="path"/> itself (lstat: a symbolic link is not followed), through Linux
    /// <c>statx(2)</c>, whose record layout is the same on every architecture. .NET exposes neither the file type
    /// of special files nor the owner, and opening a FIFO to find out would block.
    /// </summary>
    public static FileFacts Of(string path, bool followLinks = false)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var buffer = new byte[256];
                var flags = followLinks ? 0 : AtSymlinkNoFollow;
                if (Native.statx(AtCurrentDirectory, path, flags, StatxBasicStats, buffer) != 0)
                    return new FileFacts(FileKind.Missing, null, null);
                var uid = BitConverter.ToUInt32(buffer, 20);
                var mode = BitConverter.ToUInt16(buffer, 28);
                return new FileFacts(KindOf(mode), uid, mode & 0xFFF);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // An old C library without statx: fall back to what .NET can tell.
            }
        }

        return Portable(path, followLinks);
    }

    /// <summary>The effective user ID of this process (null where the platform has none).</summary>
    public static uint? EffectiveUid()
    {
        if (OperatingSystem.IsWindows())
            return null;
        try
        {
            return Native.geteuid();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static FileFacts Portable(string path, bool followLinks)
    {
        FileSystemInfo info = System.IO.Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
            return new FileFacts(FileKind.Missing, null, null);
        if (!followLinks && info.LinkTarget is not null)
            return new FileFacts(FileKind.SymbolicLink, null, null);
        return new FileFacts(info is DirectoryInfo ? FileKind.Directory : FileKind.Regular, null, null);
    }

    private static FileKind KindOf(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        _ => FileKind.Regular,
    };

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;

    /// <summary>Words for a kind, for messages ("is a directory").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => "a regular file",
    };

    private static class Native
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
#pragma warning disable SYSLIB1054, CA5392, CA2101 // a plain libc call; marshalling a path and a byte buffer needs no source generator
        internal static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] buffer);

        [DllImport("libc")]
        internal static extern uint geteuid();
#pragma warning restore SYSLIB1054, CA5392, CA2101
    }
}
