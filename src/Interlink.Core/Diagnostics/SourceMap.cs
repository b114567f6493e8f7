namespace Interlink.Core.Diagnostics;

/// <summary>
/// Where each YAML path was written in the file, so that rules which only know a path
/// (<c>consumers[0].vpc.cidr</c>) can still point at a line and column.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    /// <summary>Creates an empty map for <paramref name="file"/>.</summary>
    public SourceMap(string file) => File = file;

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Records where <paramref name="path"/> starts. The first record wins.</summary>
    public void Record(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>
    /// The location of <paramref name="path"/>, or of its nearest written ancestor when the value itself
    /// is absent (a missing key is reported at the mapping that should hold it).
    /// </summary>
    public SourceLocation? Locate(string path)
    {
        for (var p = path; ; p = YamlPath.Parent(p))
        {
            if (_positions.TryGetValue(p, out var pos))
                return new SourceLocation(File, pos.Line, pos.Column);
            if (p.Length == 0)
                return null;
        }
    }
}
