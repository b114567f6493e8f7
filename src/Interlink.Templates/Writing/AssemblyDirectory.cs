using System.Globalization;
using Interlink.Core.IO;

namespace Interlink.Templates.Writing;

/// <summary>
/// Which directories synthesis may replace. <c>synth -o DIR</c> (and <c>plan</c>/<c>deploy</c> with their default
/// <c>cdk.out</c>) swap the whole directory for the new assembly, so a directory is replaced only when it is empty
/// or holds the marker file Interlink writes into every assembly; anything else (<c>-o .</c>, a project, a link)
/// is refused before any work, and nothing is touched. Leftovers of killed runs beside it
/// (<c>DIR.partial-&lt;pid&gt;</c>, <c>DIR.old-&lt;pid&gt;</c>, which also carry the marker) are removed once their
/// process is gone.
/// </summary>
public static class AssemblyDirectory
{
    /// <summary>The marker file in every assembly Interlink writes.</summary>
    public const string MarkerFile = ".interlink-assembly";

    private const string MarkerText = "This cloud assembly was written by interlink; the next 'interlink synth' into this directory replaces it whole.\n";

    /// <summary>Throws <see cref="AssemblyOutputException"/> unless <paramref name="target"/> may be replaced by a new assembly.</summary>
    public static void EnsureReplaceable(string target)
    {
        var facts = FileFacts.Of(target);
        switch (facts.Kind)
        {
            case FileKind.Missing:
                EnsureParentWritable(target);
                return;
            case FileKind.Directory when IsEmpty(target) || HoldsMarker(target):
                return;
            case FileKind.Directory:
                var example = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal).First();
                throw new AssemblyOutputException(
                    $"'{target}' holds files interlink did not write (e.g. '{example}'); synthesis replaces its output directory whole, so name an empty or new directory (e.g. -o cdk.out)");
            default:
                throw new AssemblyOutputException($"'{target}' is {FileFacts.Describe(facts.Kind)}, not a directory; name a new directory for the assembly");
        }
    }

    /// <summary>
    /// Replaces <paramref name="outputDirectory"/> whole with an assembly <paramref name="fill"/> writes, marker file
    /// included (<see cref="Templates.AssemblyWriter.WriteInto"/> writes it), into a staging directory beside it, moved into place only when complete: a failure never leaves half an assembly behind, and
    /// only an empty directory or one Interlink wrote is replaced (checked before any work and again before the swap).
    /// </summary>
    public static T Replace<T>(string outputDirectory, Func<string, T> fill)
    {
        var target = Path.GetFullPath(outputDirectory);
        EnsureReplaceable(target);
        SweepStale(target);
        var staging = CreateStaging(target);
        try
        {
            var result = fill(staging);
            Swap(target, staging);
            return result;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    private static void Swap(string target, string staging)
    {
        // Checked again: the directory may have changed while the assembly was written.
        EnsureReplaceable(target);
        try
        {
            if (Directory.Exists(target))
            {
                var old = Sibling(target, "old", System.Environment.ProcessId);
                Directory.Move(target, old);
                Directory.Move(staging, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Directory.Move(staging, target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AssemblyOutputException($"cannot write '{target}': {e.Message.TrimEnd('.')}; choose a directory you can write to");
        }
    }

    /// <summary>Writes the marker into <paramref name="directory"/>.</summary>
    public static void Mark(string directory) => File.WriteAllText(Path.Combine(directory, MarkerFile), MarkerText);

    /// <summary>Creates the staging directory for <paramref name="target"/> with the marker in it (so a sweep may remove it if this run is killed).</summary>
    private static string CreateStaging(string target)
    {
        var staging = Sibling(target, "partial", Environment.ProcessId);
        try
        {
            if (FileFacts.Of(staging).Kind == FileKind.Directory && HoldsMarker(staging))
                Directory.Delete(staging, recursive: true);
            Directory.CreateDirectory(staging);
            Mark(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AssemblyOutputException($"cannot write beside '{target}': {e.Message.TrimEnd('.')}; choose a directory you can write to");
        }

        return staging;
    }

    /// <summary>The name of a run's sibling of <paramref name="target"/>: <c>TARGET.partial-PID</c> or <c>TARGET.old-PID</c>.</summary>
    public static string Sibling(string target, string kind, int pid) =>
        $"{target}.{kind}-{pid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Removes <c>TARGET.partial-PID</c> and <c>TARGET.old-PID</c> left by runs that were killed: only real
    /// directories holding the marker, whose process is gone.
    /// </summary>
    public static void SweepStale(string target)
    {
        var parent = Path.GetDirectoryName(target);
        if (parent is null || FileFacts.Of(parent).Kind != FileKind.Directory)
            return;
        var name = Path.GetFileName(target);
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(parent, $"{name}.*-*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            var suffix = Path.GetFileName(candidate)[(name.Length + 1)..];
            var dash = suffix.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || suffix[..dash] is not ("partial" or "old")
                || !int.TryParse(suffix[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId || PrivateScratch.IsRunning(pid))
                continue;
            if (FileFacts.Of(candidate).Kind == FileKind.Directory && HoldsMarker(candidate))
                PrivateScratch.TryDelete(candidate);
        }
    }

    private static bool IsEmpty(string directory) => !Directory.EnumerateFileSystemEntries(directory).Any();

    private static bool HoldsMarker(string directory) =>
        FileFacts.Of(Path.Combine(directory, MarkerFile)).Kind == FileKind.Regular;

    private static void EnsureParentWritable(string target)
    {
        // Walk up to the nearest existing ancestor: it must be a directory (a file in the way is bad input).
        for (var parent = Path.GetDirectoryName(target); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            var kind = FileFacts.Of(parent, followLinks: true).Kind;
            if (kind == FileKind.Missing)
                continue;
            if (kind != FileKind.Directory)
                throw new AssemblyOutputException($"'{parent}' is {FileFacts.Describe(kind)}, so '{target}' cannot be created; name a directory path");
            return;
        }
    }
}

/// <summary>The assembly's output directory cannot be used (bad input, exit 2); the message says why and what to do.</summary>
/// <param name="message">One line.</param>
public sealed class AssemblyOutputException(string message) : Exception(message);
