using Interlink.Analysis.Assembly;
using Interlink.Analysis.Security.Checks;
using Interlink.Core.Model;

namespace Interlink.Analysis.Security;

/// <summary>
/// Runs the security rule pack (<see cref="SecurityRules"/>) over every template of a cloud assembly. Values are
/// read literally; a value that is only known at deploy time (a parameter, an attribute) never passes a rule that
/// needs it: the finding says "cannot check" instead. Each concern's rules live in <c>Checks/</c>.
/// </summary>
public static class SecurityCheck
{
    /// <summary>
    /// Checks <paramref name="assembly"/>; <paramref name="suppressions"/> (from the config) mark matching findings suppressed;
    /// <paramref name="monitoringExpected"/> false (the config says <c>monitoring: false</c>) skips ILS020.
    /// </summary>
    public static SecurityReport Run(CloudAssembly assembly, IReadOnlyList<Suppression>? suppressions = null, bool monitoringExpected = true)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var context = new SecurityContext(assembly, StackView.AllOf(assembly));
        // Template by template, then across templates, in this order (findings of one rule keep the order they were found in).
        SecurityConcern[] concerns =
        [
            new EndpointServiceChecks(context), new HostChecks(context), new FlowLogChecks(context), new LoadBalancerChecks(context),
            new IamChecks(context), new RetentionChecks(context), new OpenIngressChecks(context), new ProviderIngressCheck(context), new NlbPortsCheck(context),
            new MonitoringChecks(context, monitoringExpected),
        ];
        foreach (var view in context.Views)
        {
            foreach (var concern in concerns)
                concern.CheckStack(view);
        }

        foreach (var concern in concerns)
            concern.CheckAssembly();
        return Apply(context.Findings, suppressions ?? []);
    }

    private static SecurityReport Apply(List<SecurityFinding> findings, IReadOnlyList<Suppression> suppressions)
    {
        var result = new List<SecurityFinding>(findings.Count);
        var used = new HashSet<Suppression>();
        foreach (var finding in findings)
        {
            var suppression = suppressions.FirstOrDefault(s =>
                string.Equals(s.Rule, finding.Rule, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(s.Reason));
            if (suppression is null)
            {
                result.Add(finding);
                continue;
            }

            used.Add(suppression);
            result.Add(finding with { Suppressed = true, SuppressionReason = suppression.Reason });
        }

        var rule = SecurityRules.UnusedSuppression;
        foreach (var s in suppressions.Where(s => !used.Contains(s)))
        {
            var message = SecurityRules.Find(s.Rule) is null
                ? $"suppression of {s.Rule} names no rule of the security pack (ILS001…ILS{SecurityRules.All.Count - 1:000})"
                : string.IsNullOrWhiteSpace(s.Reason)
                    ? $"suppression of {s.Rule} has no reason, so it suppresses nothing"
                    : $"suppression of {s.Rule} (\"{s.Reason}\") matches no finding";
            result.Add(new SecurityFinding(rule.Id, rule.Severity, "", "", message, rule.Fix));
        }

        return new SecurityReport(result
            .OrderBy(f => f.Stack.Length == 0 ? 1 : 0)
            .ThenBy(f => f.Stack, StringComparer.Ordinal)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.LogicalId, StringComparer.Ordinal)
            .ToList());
    }
}
