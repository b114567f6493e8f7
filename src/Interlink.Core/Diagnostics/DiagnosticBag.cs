namespace Interlink.Core.Diagnostics;

/// <summary>Collects diagnostics, placing each at the source position of its path.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Creates a bag whose locations come from <paramref name="sourceMap"/>.</summary>
    public DiagnosticBag(SourceMap sourceMap) => SourceMap = sourceMap;

    /// <summary>Positions of the file being checked.</summary>
    public SourceMap SourceMap { get; }

    /// <summary>Everything reported so far, in report order.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when any error has been reported.</summary>
    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    /// <summary>Reports a finding at <paramref name="path"/>.</summary>
    public void Report(string code, Severity severity, string path, string message, string? fix) =>
        _items.Add(new Diagnostic(code, severity, path, message, fix, SourceMap.Locate(path) ?? new SourceLocation(SourceMap.File, 0, 0)));

    /// <summary>Reports an error at <paramref name="path"/>.</summary>
    public void Error(string code, string path, string message, string fix) =>
        Report(code, Severity.Error, path, message, fix);
}
