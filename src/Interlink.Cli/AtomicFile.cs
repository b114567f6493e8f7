using Interlink.Core.IO;

namespace Interlink.Cli;

/// <summary>
/// Writes output files whole or not at all (a crash or a full disk never leaves half a file), and never replaces
/// anything that is not a regular file: renaming a temporary file over <c>/dev/null</c> as root turns the device
/// into a file, and over a symbolic link drops the link. A device or a named pipe (<c>/dev/stdout</c>,
/// <c>/dev/null</c>) is written in place; a symbolic link to a file, a directory, a block device or a socket is
/// refused with a one-line reason (exit 2).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var facts = FileFacts.Of(full);
        try
        {
            switch (facts.Kind)
            {
                case FileKind.Missing or FileKind.Regular:
                    Replace(full, text);
                    return;
                case FileKind.CharacterDevice or FileKind.Fifo:
                    WriteInPlace(full, text);
                    return;
                case FileKind.SymbolicLink when FileFacts.Of(full, followLinks: true).Kind is FileKind.CharacterDevice or FileKind.Fifo:
                    // /dev/stdout and /dev/fd/N are links to the terminal or a pipe: write through them.
                    WriteInPlace(full, text);
                    return;
                case FileKind.SymbolicLink:
                    var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? "?";
                    throw new UsageException($"'{path}' is a symbolic link (to {target}); interlink does not write through links to files, so pass the real path");
                default:
                    throw new UsageException($"'{path}' is {FileFacts.Describe(facts.Kind)}; name a file to write instead");
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"cannot write '{path}': {e.Message.TrimEnd('.')}; choose a path you can write to");
        }
    }

    /// <summary>Whether <paramref name="path"/> is a file that <see cref="Write"/> replaces (not a device written in place).</summary>
    public static bool IsReplaceable(string path) => FileFacts.Of(Path.GetFullPath(path)).Kind is FileKind.Missing or FileKind.Regular;

    private static void Replace(string full, string text)
    {
        var directory = Path.GetDirectoryName(full)!;
        var parent = FileFacts.Of(directory, followLinks: true).Kind;
        if (parent == FileKind.Missing)
            throw new UsageException($"directory '{directory}' does not exist; create it first or choose another path");
        if (parent != FileKind.Directory)
            throw new UsageException($"'{directory}' is {FileFacts.Describe(parent)}, not a directory; choose another path");

        // An unguessable name created exclusively (O_EXCL does not follow a link planted at that name).
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
                writer.Write(text);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static void WriteInPlace(string full, string text)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
