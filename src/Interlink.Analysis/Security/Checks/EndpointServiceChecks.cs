using Interlink.Analysis.Assembly;
using System.Text.RegularExpressions;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// ILS001 (wildcard principal) and ILS002 (acceptance off while other accounts may connect): who may connect to an
/// endpoint service, and whether the provider must accept each connection.
/// </summary>
internal sealed partial class EndpointServiceChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
    {
        var permissions = view.OfType("AWS::EC2::VPCEndpointServicePermissions").ToList();
        foreach (var p in permissions)
        {
            if (p.Get("AllowedPrincipals") is not { } principals)
                continue;
            var list = view.List(principals);
            if (list is null)
            {
                Add(SecurityRules.WildcardPrincipal, view, p.LogicalId, "AllowedPrincipals is known only at deploy time", cannotCheck: true);
                continue;
            }

            foreach (var principal in list.Select(view.Str))
            {
                if (principal.Value.Contains('*', StringComparison.Ordinal))
                    Add(SecurityRules.WildcardPrincipal, view, p.LogicalId, $"AllowedPrincipals includes '{principal}'");
                else if (principal.IsUnknown)
                    Add(SecurityRules.WildcardPrincipal, view, p.LogicalId, "an allowed principal is known only at deploy time", cannotCheck: true);
            }
        }

        foreach (var service in view.OfType("AWS::EC2::VPCEndpointService"))
        {
            var acceptance = service.Get("AcceptanceRequired") is { } a ? view.Bool(a) : false;
            if (acceptance == true)
                continue;
            var own = view.Stack.Account ?? StackView.SelfAccount;
            var others = new List<string>();
            var unknown = false;
            foreach (var p in permissions.Where(p => p.Get("ServiceId") is { } id && view.RefTarget(id) == service.LogicalId))
            {
                var list = p.Get("AllowedPrincipals") is { } ps ? view.List(ps) : [];
                if (list is null)
                {
                    unknown = true;
                    continue;
                }

                foreach (var principal in list.Select(view.Str))
                {
                    if (principal.IsUnknown)
                        unknown = true;
                    else if (AccountOf(principal.Value) is not { } account || account != own)
                        others.Add(principal.ToString());
                }
            }

            var state = service.Get("AcceptanceRequired") is null ? "AcceptanceRequired is not set (treated as off; set it explicitly)" : acceptance is null ? null : "AcceptanceRequired is false";
            if (others.Count > 0 && state is not null)
                Add(SecurityRules.AcceptanceOff, view, service.LogicalId, $"{state} while principals outside account {Display(own)} may connect: {string.Join(", ", others.Distinct())}");
            else if (others.Count > 0 || unknown)
                Add(SecurityRules.AcceptanceOff, view, service.LogicalId,
                    state is null ? "AcceptanceRequired is known only at deploy time" : $"{state} and the allowed principals are known only at deploy time", cannotCheck: true);
        }
    }

    private static string Display(string account) => account == StackView.SelfAccount ? "(deploying account)" : account;

    private static string? AccountOf(string principal)
    {
        if (principal == StackView.SelfAccount)
            return principal;
        var m = AccountPattern().Match(principal);
        return m.Success ? m.Groups["a"].Value : null;
    }

    [GeneratedRegex(@"^(?:arn:[^:]+:iam::(?<a>\d{12}|\$\{AWS::AccountId\}):.*|(?<a>\d{12}))$")]
    private static partial Regex AccountPattern();
}
