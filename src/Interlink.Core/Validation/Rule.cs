using Interlink.Core.Diagnostics;

namespace Interlink.Core.Validation;

/// <summary>One named validation rule with a stable code.</summary>
public abstract class Rule
{
    /// <summary>Stable code, e.g. <c>IL010</c>; never reused for another meaning.</summary>
    public abstract string Code { get; }

    /// <summary>What the rule checks, in a few words.</summary>
    public abstract string Title { get; }

    /// <summary>Severity of what it reports.</summary>
    public virtual Severity Severity => Severity.Error;

    /// <summary>Checks the config in <paramref name="context"/>, reporting through <see cref="Report"/>.</summary>
    public abstract void Check(ValidationContext context);

    /// <summary>Reports a finding of this rule at <paramref name="path"/>.</summary>
    protected void Report(ValidationContext context, string path, string message, string? fix) =>
        context.Diagnostics.Report(Code, Severity, path, message, fix);
}
