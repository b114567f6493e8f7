namespace Interlink.Core.Diagnostics;

/// <summary>One finding about a config: a stable code, where it is, what is wrong and how to fix it.</summary>
/// <param name="Code">Stable rule code, e.g. <c>IL010</c>.</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Path">YAML path of the offending value, e.g. <c>consumers[0].vpc.cidr</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong, naming the bad value.</param>
/// <param name="Fix">What to change; null when there is nothing to do (info).</param>
/// <param name="Location">File, line and column, when known.</param>
public sealed record Diagnostic(
    string Code,
    Severity Severity,
    string Path,
    string Message,
    string? Fix,
    SourceLocation? Location)
{
    /// <summary>One line: <c>file:line:col: error IL010 path: message; fix: …</c>.</summary>
    public string ToOneLine()
    {
        var where = Location?.ToString() ?? "";
        var severity = Severity.ToString().ToLowerInvariant();
        var path = Path.Length == 0 ? "" : $" {Path}:";
        var fix = Fix is null ? "" : $"; fix: {Fix}";
        var prefix = where.Length == 0 ? "" : where + ": ";
        return $"{prefix}{severity} {Code}{path} {Message}{fix}";
    }
}
