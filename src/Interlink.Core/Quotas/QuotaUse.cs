namespace Interlink.Core.Quotas;

/// <summary>How much of one quota one thing of a design uses.</summary>
/// <param name="Quota">The quota.</param>
/// <param name="Used">What the design needs (a lower bound where existing resources add to it).</param>
/// <param name="Path">YAML path of the setting that drives the count (for validation), or a stack name (for templates).</param>
/// <param name="What">The thing counted, for messages: "the NLB security group of the relay in us-west-2".</param>
/// <param name="Remedy">What else the user can change to stay inside the quota.</param>
public sealed record QuotaUse(AwsQuota Quota, int Used, string Path, string What, string Remedy)
{
    /// <summary>True when the design needs more than the default quota allows.</summary>
    public bool Exceeds => Used > Quota.Default;

    /// <summary>True when no increase can cover it: the quota is fixed, or the need is above the documented ceiling.</summary>
    public bool Unraisable => Exceeds && (!Quota.Adjustable || Used > Quota.Ceiling);

    /// <summary>One sentence: what needs how much of which quota.</summary>
    public string Message =>
        $"{What} needs {Used} of {Quota.Label}, above AWS's {(Quota.Adjustable ? "default" : "fixed limit")} of {Quota.Default} per {Quota.Per}{(Quota.Note is null ? "" : $" ({Quota.Note})")}";

    /// <summary>The fix: request an increase where one can cover the need, else the remedy alone.</summary>
    public string Fix => !Unraisable
        ? $"request an increase of {Quota.Code ?? Quota.Name} to at least {Used} before deploying (Service Quotas, service '{Quota.ServiceCode}', in every account and Region concerned), or {Remedy}"
        : Quota.Adjustable ? $"{Remedy} (AWS raises {Quota.Code} to {Quota.Ceiling} at most)" : Remedy;
}
