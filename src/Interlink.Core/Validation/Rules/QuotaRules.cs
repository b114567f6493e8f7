using Interlink.Core.Diagnostics;
using Interlink.Core.Quotas;

namespace Interlink.Core.Validation.Rules;

/// <summary>
/// IL080: the design stays inside the AWS quotas no request can raise (fixed ones, and adjustable ones past their
/// documented ceiling). Over one, CloudFormation would fail part-way
/// through the deploy; validation says so first.
/// </summary>
public sealed class HardQuotaRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL080";

    /// <inheritdoc />
    public override string Title => "Design within AWS quotas that cannot be raised";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var use in DesignQuotaUse.Of(context).Where(u => u.Unraisable))
            Report(context, use.Path, use.Message, use.Fix);
    }
}

/// <summary>
/// IL081: the design stays inside AWS's default quotas, or the user requests an increase (named by its Service Quotas
/// code) before deploying. A warning: the account may have the increase already, which Interlink cannot see offline.
/// </summary>
public sealed class AdjustableQuotaRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL081";

    /// <inheritdoc />
    public override string Title => "Design within AWS default quotas (or an increase is requested before deploying)";

    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var use in DesignQuotaUse.Of(context).Where(u => u.Exceeds && !u.Unraisable))
            Report(context, use.Path, use.Message, use.Fix);
    }
}
