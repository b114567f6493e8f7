using Interlink.Core.Model;

namespace Interlink.Core.Security;

/// <summary>
/// Security rule ILS002 in config terms: with <c>service.acceptanceRequired: false</c>, which endpoint services let
/// principals of another account connect without the provider's review. <c>plan</c> finds the same thing in the
/// synthesized templates (Interlink.Analysis.Security); this is the config-level view <c>validate</c> warns with.
/// </summary>
public static class AcceptanceReview
{
    /// <summary>The security rule's ID (what a suppression names).</summary>
    public const string RuleId = "ILS002";

    /// <summary>One endpoint service reached by other accounts without review.</summary>
    /// <param name="Region">Where the service is.</param>
    /// <param name="Owner">Its account, or null for the deploying account.</param>
    /// <param name="Others">Consumer accounts other than the owner (null for the deploying account).</param>
    public sealed record Unreviewed(string Region, string? Owner, IReadOnlyList<string?> Others);

    /// <summary>
    /// The endpoint services of <paramref name="config"/> that accept other accounts' endpoints unreviewed; empty when
    /// acceptance is required. Accounts left out resolve as the stacks resolve them (a relay's or consumer's missing
    /// account is the provider's); an unknown account (null) differs from every explicit one, as in the templates,
    /// where it is the deploying account.
    /// </summary>
    public static IReadOnlyList<Unreviewed> Of(InterlinkConfig config)
    {
        if (config.Service.AcceptanceRequired)
            return [];
        var provider = config.Provider.Account;
        IEnumerable<(string Region, string? Owner, IEnumerable<ConsumerSpec> Consumers)> services = config.Mode == DeployMode.Native
            ? [(config.Provider.Region, provider, config.Consumers)]
            : config.Relays.Select(r => (r.Region, r.Account ?? provider, config.Consumers.Where(c => c.Region == r.Region)));
        return services
            .Select(s => new Unreviewed(s.Region, s.Owner, s.Consumers.Select(c => c.Account ?? provider).Where(a => a != s.Owner).Distinct().ToList()))
            .Where(s => s.Others.Count > 0)
            .ToList();
    }
}
