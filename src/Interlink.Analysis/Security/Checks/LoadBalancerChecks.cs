using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// ILS018 (internet-facing), ILS009 (NLB without a security group), ILS010 (enforcement on PrivateLink traffic off).
/// </summary>
internal sealed class LoadBalancerChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
    {
        foreach (var lb in view.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        {
            var type = view.Str(lb, "Type") ?? new Text("application", true);
            var scheme = view.Str(lb, "Scheme");
            if (scheme is null)
                Add(SecurityRules.InternetFacing, view, lb.LogicalId, $"load balancer {lb.LogicalId} sets no Scheme; CloudFormation defaults to internet-facing");
            else if (scheme.Value is { Complete: true, Value: "internet-facing" })
                Add(SecurityRules.InternetFacing, view, lb.LogicalId, $"load balancer {lb.LogicalId} is internet-facing");
            else if (!scheme.Value.Complete)
                Add(SecurityRules.InternetFacing, view, lb.LogicalId, $"Scheme of {lb.LogicalId} is known only at deploy time", cannotCheck: true);

            if (type is not { Complete: true, Value: "network" })
                continue;
            var groups = lb.Get("SecurityGroups") is { } g ? view.List(g) : [];
            if (groups is null)
            {
                Add(SecurityRules.NlbWithoutSecurityGroup, view, lb.LogicalId, $"security groups of NLB {lb.LogicalId} are known only at deploy time", cannotCheck: true);
                continue;
            }

            if (groups.Count == 0)
            {
                Add(SecurityRules.NlbWithoutSecurityGroup, view, lb.LogicalId, $"NLB {lb.LogicalId} has no security group (they can only be attached when it is created)");
                continue;
            }

            if (view.Str(lb, "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic") is { } enforce)
            {
                if (enforce is { Complete: true } && enforce.Value.Equals("off", StringComparison.OrdinalIgnoreCase))
                    Add(SecurityRules.EnforcementOff, view, lb.LogicalId, $"NLB {lb.LogicalId} sets EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: off");
                else if (!enforce.Complete)
                    Add(SecurityRules.EnforcementOff, view, lb.LogicalId, $"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic of {lb.LogicalId} is known only at deploy time", cannotCheck: true);
            }
        }
    }
}
