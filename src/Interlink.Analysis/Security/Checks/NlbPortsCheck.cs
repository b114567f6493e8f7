namespace Interlink.Analysis.Security.Checks;

/// <summary>ILS019: an NLB's security group admits only the ports its listeners use.</summary>
internal sealed class NlbPortsCheck(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckAssembly()
    {
        var ingress = Context.Ingress;
        foreach (var view in Context.Views)
        {
            var listeners = view.OfType("AWS::ElasticLoadBalancingV2::Listener").ToList();
            foreach (var lb in view.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"))
            {
                if (lb.Get("SecurityGroups") is not { } sgs || view.List(sgs) is not { } groups)
                    continue;
                var mine = listeners.Where(l => l.Get("LoadBalancerArn") is { } a && view.RefTarget(a) == lb.LogicalId).ToList();
                var ports = mine.Select(l => l.Get("Port") is { } p ? view.Int(p) : null).ToList();
                if (mine.Count == 0 || ports.Any(p => p is null))
                    continue;
                var groupIds = groups.Select(view.RefTarget).OfType<string>().ToHashSet(StringComparer.Ordinal);
                foreach (var rule in ingress.Where(r => r.View == view && r.GroupLogicalId is { } g && groupIds.Contains(g) && r.HasPorts))
                {
                    var extra = rule.AllPorts || rule.FromPort is null || rule.ToPort is null
                        || Enumerable.Range(rule.FromPort.Value, Math.Max(0, rule.ToPort.Value - rule.FromPort.Value + 1)).Any(p => !ports.Contains(p));
                    if (extra)
                        Add(SecurityRules.NlbExtraPorts, view, rule.Where, $"NLB {lb.LogicalId}'s security group {rule.GroupLogicalId} admits {rule.Ports}; its listeners use {string.Join(", ", ports.Order())}");
                }
            }
        }
    }
}
