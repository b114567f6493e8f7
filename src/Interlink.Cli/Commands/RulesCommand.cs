using Interlink.Analysis.Deployability;
using Interlink.Analysis.Diff;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Reachability;
using Interlink.Analysis.Security;
using Interlink.Core.Quotas;
using Interlink.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>
/// <c>interlink rules</c>: every code Interlink reports — validation codes (IL…), security rules (ILS…) with their
/// rationale and fix, deployability codes (ILD…), the reachability explanation codes <c>plan</c> uses, and the update
/// consequences <c>diff</c> reports.
/// </summary>
public sealed class RulesCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var validation = new Table().Title("validation (interlink validate)").AddColumns("Code", "Severity", "Checks");
        foreach (var (code, severity, title) in RuleCatalog.All)
            validation.AddRow(code, severity, Markup.Escape(title));
        console.Write(validation);

        var security = new Table().Title("security rules (interlink plan; suppress with a reason under 'suppressions')").AddColumns("ID", "Severity", "Rule", "Why", "Fix");
        foreach (var rule in SecurityRules.All)
            security.AddRow(rule.Id, rule.Severity.ToString().ToLowerInvariant(), Markup.Escape(rule.Title), Markup.Escape(rule.Rationale), Markup.Escape(rule.Fix));
        console.Write(security);

        var deployability = new Table().Title("deployability codes (interlink plan: deploy-time handshakes and Lambda runtimes)").AddColumns("Code", "Severity", "Finding", "Why", "Fix");
        foreach (var rule in DeployabilityRules.All)
            deployability.AddRow(rule.Id, rule.Severity.ToString().ToLowerInvariant(), Markup.Escape(rule.Title), Markup.Escape(rule.Rationale), Markup.Escape(rule.Fix));
        console.Write(deployability);

        var reachability = new Table().Title("reachability explanation codes (interlink plan)").AddColumns("Code", "Meaning");
        foreach (var (code, meaning) in ExplanationCodes.All)
            reachability.AddRow(code, Markup.Escape(meaning));
        console.Write(reachability);

        var update = new Table().Title("update consequences (interlink diff)").AddColumns("Code", "Meaning", "What it means");
        foreach (var (code, kind, title) in UpdateConsequences.Codes)
            update.AddRow(code, kind.ToString(), Markup.Escape(title));
        console.Write(update);
        var quotas = new Table().Title($"CloudFormation per-template quotas (interlink plan; AWS quotas read {AwsQuotas.Date:yyyy-MM-dd})").AddColumns("Code", "Severity", "Quota", "Limit");
        foreach (var (code, quota) in StackQuotaCheck.Codes)
            quotas.AddRow(code, "error", Markup.Escape(quota.Name), quota.Default.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture));
        console.Write(quotas);
        return ExitCodes.Ok;
    }
}
