namespace Interlink.Cli.Commands;

/// <summary>
/// Formats of the <c>compare</c> and <c>diff</c> reports. <c>plan</c> has its own (<see cref="PlanFormat"/>), which
/// adds SARIF: only plan has findings with rules and locations, and a shared list would offer SARIF where it means nothing.
/// </summary>
public enum ReportFormat
{
    /// <summary>For people.</summary>
    Text,

    /// <summary>For tools.</summary>
    Json,

    /// <summary>For reviews.</summary>
    Markdown,
}
