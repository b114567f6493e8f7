namespace Interlink.Core.Diagnostics;

/// <summary>How much a finding matters: errors stop the pipeline, warnings and notes do not.</summary>
public enum Severity
{
    /// <summary>The design cannot be deployed as written.</summary>
    Error,

    /// <summary>The design deploys, but probably not as meant.</summary>
    Warning,

    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,
}
