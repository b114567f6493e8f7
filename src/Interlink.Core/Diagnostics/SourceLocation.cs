namespace Interlink.Core.Diagnostics;

/// <summary>A position in a config file; line and column are 1-based, or 0 when the finding is about the whole file.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}
