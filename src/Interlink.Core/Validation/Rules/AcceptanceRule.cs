using Interlink.Core.Diagnostics;
using Interlink.Core.Security;

namespace Interlink.Core.Validation.Rules;

/// <summary>
/// IL071: <c>acceptanceRequired: false</c> while consumers of other accounts connect is security rule ILS002, which
/// <c>plan</c> reports as an error and <c>deploy</c> refuses unless the config suppresses it. <c>validate</c> warns,
/// so the refusal is no surprise. Silent when the config suppresses ILS002 (the user decided, with a reason).
/// </summary>
public sealed class AcceptanceRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL071";

    /// <inheritdoc />
    public override string Title => $"Other accounts' endpoints are reviewed (security rule {AcceptanceReview.RuleId})";

    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Suppressions.Any(s => s.Rule == AcceptanceReview.RuleId))
            return;
        var unreviewed = AcceptanceReview.Of(config);
        if (unreviewed.Count == 0)
            return;
        var who = string.Join("; ", unreviewed.Select(u =>
            $"the endpoint service in {u.Region} (account {u.Owner ?? "deploying"}) admits {string.Join(", ", u.Others.Select(a => a ?? "the deploying account"))}"));
        Report(context, "service.acceptanceRequired",
            $"acceptanceRequired: false lets other accounts' endpoints connect without the provider's review ({who}); 'plan' reports this as security error {AcceptanceReview.RuleId} and 'deploy' refuses it",
            $"remove 'acceptanceRequired: false' (the default, true, has the provider accept each endpoint), or accept the risk in the config: 'suppressions: [{{ rule: {AcceptanceReview.RuleId}, reason: … }}]'");
    }
}
