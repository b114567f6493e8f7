namespace Interlink.Deploy;

/// <summary>Replaces a file whole or not at all, and so that it survives a crash or power loss right after.</summary>
public static class DurableFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/> with a name no other
    /// writer uses (process and a random part: a fixed ".tmp" let two deploys write into each other's file), flushes
    /// it to disk, then renames it over <paramref name="path"/>: readers see the old file or the new one, never a part.
    /// </summary>
    public static void Replace(string path, byte[] content)
    {
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
