namespace Interlink.Analysis.Security.Checks;

/// <summary>ILS004 (ingress from anywhere) and ILS011 (SSH or RDP open) over every security group ingress rule.</summary>
internal sealed class OpenIngressChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckAssembly()
    {
        foreach (var rule in Context.Ingress)
        {
            if (rule.IsFromAnywhere)
                Add(SecurityRules.IngressFromAnywhere, rule.View, rule.Where, $"security group {rule.GroupLogicalId ?? rule.GroupLiteralId} admits {rule.Ports} from {rule.Source}");
            if (rule.Covers(22) || rule.Covers(3389))
            {
                var which = rule.Covers(22) && rule.Covers(3389) ? "SSH (22) and RDP (3389)" : rule.Covers(22) ? "SSH (22)" : "RDP (3389)";
                Add(SecurityRules.SshRdpOpen, rule.View, rule.Where, $"security group {rule.GroupLogicalId ?? rule.GroupLiteralId} admits {which} ({rule.Ports}) from {rule.Source}");
            }
        }
    }
}
