using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Deployability;

public static partial class DeployabilityAnalyzer
{
    // Verdicts: a role's trust policy and its permissions evaluated for each action and each resource type the Service
    // Authorization Reference requires, and the handshake status and finding they add up to.
    private sealed partial class Run
    {
        private static Handshake Blocked(DeployabilityRule rule, string kind, string title, StackTemplate stack, string logicalId, string principal, string role,
            IReadOnlyList<TrustStep> chain, IReadOnlyList<ActionCheck> actions, string problem) =>
            new(kind, title, stack.Name, logicalId, principal, role, chain, actions, HandshakeStatus.Blocked, rule.Id, problem, rule.Fix);

        private static Handshake Verdict(string kind, string title, StackTemplate stack, string logicalId, string principal, IamRole role,
            IReadOnlyList<TrustStep> chain, IReadOnlyList<ActionCheck> actions)
        {
            var trust = chain.LastOrDefault(s => s.Status != HandshakeStatus.Requirement);
            if (trust is { Status: HandshakeStatus.Blocked })
                return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Blocked, DeployabilityRules.NotTrusted.Id,
                    $"the trust policy of {role.Key} does not admit {trust.From}: {trust.Statement}",
                    $"Add to {role.Key}'s trust policy a statement allowing sts:AssumeRole to {trust.From.Split(' ')[0]}.");
            var denied = actions.SelectMany(a => a.Resources.Select(r => (a, r))).FirstOrDefault(x => x.r.Status == HandshakeStatus.Blocked);
            if (denied.a is not null)
            {
                var explicitDeny = denied.r.Statement.StartsWith("denied by ", StringComparison.Ordinal);
                var rule = explicitDeny ? DeployabilityRules.ExplicitDeny : DeployabilityRules.NotAllowed;
                return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Blocked, rule.Id,
                    $"{role.Key} may not {denied.a.Action} on resource type {denied.r.ResourceType} ({denied.r.Arn}): {denied.r.Statement}",
                    explicitDeny ? rule.Fix : $"Allow {denied.a.Action} on {denied.r.Arn} (resource type {denied.r.ResourceType}, required by the Service Authorization Reference) in {role.Key}'s policy, with conditions that match it.");
            }

            var unknown = actions.SelectMany(a => a.Resources.Select(r => (a, r))).FirstOrDefault(x => x.r.Status == HandshakeStatus.Unproven);
            if (trust is { Status: HandshakeStatus.Unproven } || unknown.a is not null)
                return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Unproven, DeployabilityRules.Unproven.Id,
                    trust is { Status: HandshakeStatus.Unproven } ? $"trust of {role.Key}: {trust.Statement}" : $"{unknown.a!.Action} on {unknown.r.ResourceType}: {unknown.r.Statement}",
                    DeployabilityRules.Unproven.Fix);
            return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Allowed, null, null, null);
        }

        private (TrustStep Step, bool Broad) Trust(IamRole role, string from, IamText principal, IamText account, bool exact)
        {
            var request = new IamRequest("sts:AssumeRole", IamText.Of("*"),
                new Dictionary<string, IamText> { ["aws:PrincipalArn"] = principal, ["aws:PrincipalAccount"] = account },
                new HashSet<string> { "aws:", "sts:" }, principal, account);
            var decision = IamPolicyEvaluator.Evaluate(role.Trust, request);
            var to = role.RoleName is { } n ? $"{role.Key} (role {n})" : role.Key;
            return decision.Kind switch
            {
                IamDecisionKind.Allowed => (new TrustStep(from, to, HandshakeStatus.Allowed, decision.Statement!.Source),
                    exact && decision.Statement!.Principal is { } p && !p.Aws.Any(a => IamMatch.Glob(a, principal, wildcards: false) == Tri.Yes)),
                IamDecisionKind.Unknown => (new TrustStep(from, to, HandshakeStatus.Unproven, $"{decision.Statement?.Source}: {decision.Reason}"), false),
                IamDecisionKind.ExplicitDeny => (new TrustStep(from, to, HandshakeStatus.Blocked, $"denied by {decision.Statement!.Source}"), false),
                _ => (new TrustStep(from, to, HandshakeStatus.Blocked, Misses(decision, "sts:AssumeRole", "no trust statement allows sts:AssumeRole")), false),
            };
        }

        private ActionCheck Check(IamRole role, string action, string region, Dictionary<string, (IamText Arn, Dictionary<string, IamText> Keys)> resources)
        {
            var sar = IamActionCatalog.Action(action);
            var types = sar.ResourceTypes.Where(t => t.Required).ToList();
            var checks = new List<ResourceCheck>();
            if (types.Count == 0)
                checks.Add(Resource(role, action, sar, null, IamText.Of("*"), [], region));
            foreach (var type in types)
            {
                if (!resources.TryGetValue(type.Name, out var r))
                    r = (IamText.Of($"(no {type.Name} known for this handshake)"), []);
                checks.Add(Resource(role, action, sar, type, r.Arn, r.Keys, region));
            }

            var status = checks.Any(c => c.Status == HandshakeStatus.Blocked) ? HandshakeStatus.Blocked
                : checks.Any(c => c.Status == HandshakeStatus.Unproven) ? HandshakeStatus.Unproven : HandshakeStatus.Allowed;
            return new ActionCheck(action, checks, status);
        }

        private static ResourceCheck Resource(IamRole role, string action, IamAction sar, IamResourceType? type, IamText arn, Dictionary<string, IamText> facts, string region)
        {
            // The request carries the action's keys and this resource type's keys only (Service Authorization Reference).
            var keys = sar.ConditionKeys.Concat(type?.ConditionKeys ?? []).ToList();
            facts = new Dictionary<string, IamText>(facts) { ["ec2:Region"] = IamText.Of(region) };
            var context = facts.Where(f => keys.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);
            var unknown = keys.Where(k => !context.ContainsKey(k)).Select(k => k.Contains("${", StringComparison.Ordinal) ? k[..k.IndexOf("${", StringComparison.Ordinal)] : k)
                .Append("aws:").ToHashSet();
            var decision = IamPolicyEvaluator.Evaluate(role.Permissions, new IamRequest(action, arn, context, unknown));
            var name = type?.Name ?? "*";
            var required = type?.Required ?? true;
            var usedKeys = decision.Statement?.Conditions.Select(c => $"{c.Operator} {c.Key}").ToList() ?? [];
            return decision.Kind switch
            {
                IamDecisionKind.Allowed => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Allowed, decision.Statement!.Source, usedKeys),
                IamDecisionKind.ExplicitDeny => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Blocked, $"denied by {decision.Statement!.Source}", usedKeys),
                IamDecisionKind.Unknown => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Unproven, $"{decision.Statement?.Source}: {decision.Reason}", usedKeys),
                _ when role.Unevaluated.Count > 0 => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Unproven,
                    $"no statement in the templates allows it; managed policies {string.Join(", ", role.Unevaluated)} are not in the assembly", []),
                _ => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Blocked, Misses(decision, action, $"no statement of {role.Key} allows {action}"), []),
            };
        }

        private static string Misses(IamDecision decision, string action, string none) =>
            decision.NearMisses.Count == 0 ? none : string.Join("; ", decision.NearMisses.Select(m => $"{m.Statement.Source}: {m.Reason}"));
    }
}
