using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// ILS003: a provider host's security group admits only the NLB subnets (over IPv4), and only the ports the targets
/// and their health checks use.
/// </summary>
internal sealed class ProviderIngressCheck(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckAssembly()
    {
        var ingress = Context.Ingress;
        var providers = Context.Views.Where(v => v.Stack.Role == "provider").ToList();
        if (providers.Count == 0)
            return;
        var relays = Context.Views.Where(v => v.Stack.Role == "relay").ToList();
        var nlbStacks = relays.Count > 0 ? relays : providers;
        var cidrs = new List<Ipv4Cidr>();
        var ports = new HashSet<int>();
        var unknownCidrs = new List<string>();
        var anyNlb = false;
        foreach (var view in nlbStacks)
        {
            foreach (var lb in view.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"))
            {
                anyNlb = true;
                foreach (var subnet in NlbSubnets(view, lb))
                {
                    if (SubnetCidr(view, subnet) is { } cidr)
                        cidrs.Add(cidr);
                    else
                        unknownCidrs.Add($"{view.Name}/{lb.LogicalId}");
                }
            }

            foreach (var tg in view.OfType("AWS::ElasticLoadBalancingV2::TargetGroup"))
            {
                var port = tg.Get("Port") is { } p ? view.Int(p) : null;
                if (port is { } tp)
                    ports.Add(tp);
                if (tg.Get("HealthCheckPort") is { } hc && view.Str(hc) is { Complete: true } hct)
                {
                    if (int.TryParse(hct.Value, System.Globalization.CultureInfo.InvariantCulture, out var hp))
                        ports.Add(hp);
                }
            }
        }

        var hostGroups = new HashSet<(string Stack, string Group)>();
        var literalGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in providers)
        {
            foreach (var holder in view.OfType("AWS::EC2::Instance").Concat(view.OfType("AWS::EC2::LaunchTemplate")
                         .Select(t => t.Get("LaunchTemplateData") is { ValueKind: JsonValueKind.Object } d ? new TemplateResource(t.LogicalId, t.Type, d) : null)
                         .OfType<TemplateResource>()))
            {
                foreach (var sg in HostTemplates.SecurityGroupsOf(view, holder))
                    hostGroups.Add((view.Name, sg.LogicalId));
            }
        }

        foreach (var existing in Context.Assembly.Wiring.ExistingVpcs ?? [])
        {
            if (existing.HostSecurityGroupId is { } id)
                literalGroups.Add(id);
        }

        var providerNames = providers.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in ingress.Where(r => providerNames.Contains(r.View.Name)))
        {
            var isHost = (rule.GroupLogicalId is { } g && hostGroups.Contains((rule.View.Name, g))) || (rule.GroupLiteralId is { } l && literalGroups.Contains(l));
            if (!isHost)
                continue;
            var group = rule.GroupLogicalId ?? rule.GroupLiteralId;
            if (rule.Cidr6 is not null)
            {
                Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits IPv6 {rule.Cidr6}; the NLB reaches targets over IPv4 from its subnets only");
                continue;
            }

            if (rule.SourceGroup is { } source)
            {
                var nlbGroup = relays.Count == 0 && rule.View.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer")
                    .Any(lb => lb.Get("SecurityGroups") is { } sgs && (rule.View.List(sgs) ?? []).Any(x => rule.View.RefTarget(x) == source));
                if (!nlbGroup)
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits security group {source}, which is not the NLB's (security-group references do not work across inter-Region peering)");
                continue;
            }

            if (rule.PrefixList)
            {
                Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits a prefix list whose CIDRs are not in the templates", cannotCheck: true);
                continue;
            }

            if (rule.Cidr is not { } cidrText)
                continue;
            if (!cidrText.Complete || !Ipv4Cidr.TryParse(cidrText.Value, out var cidr, out _))
            {
                Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits {cidrText}, known only at deploy time", cannotCheck: true);
                continue;
            }

            if (!anyNlb)
            {
                Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"no NLB in the assembly to compare provider host ingress {cidr} with", cannotCheck: true);
                continue;
            }

            if (!cidrs.Any(n => n.Contains(cidr)))
            {
                if (unknownCidrs.Count > 0)
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits {cidr}; the subnets of {string.Join(", ", unknownCidrs.Distinct())} are known only at deploy time", cannotCheck: true);
                else
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where,
                        $"provider host security group {group} admits {rule.Ports} from {cidr}, which is not inside an NLB subnet ({string.Join(", ", cidrs.Distinct())})");
                continue;
            }

            // ICMP 3/4 from an NLB subnet is what path MTU discovery needs (VPC User Guide, "Path MTU Discovery";
            // the ELB guides recommend admitting it): the hosts' MTU 9001 exceeds inter-Region peering's 8500.
            if (rule.IsFragmentationNeeded)
                continue;
            // A range that ends before it starts (a hand-edited template) admits nothing.
            if (ports.Count > 0 && (rule.AllPorts || !rule.HasPorts || rule.FromPort is null || rule.ToPort is null
                || Enumerable.Range(rule.FromPort.Value, Math.Max(0, rule.ToPort.Value - rule.FromPort.Value + 1)).Any(p => !ports.Contains(p))))
                Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where,
                    $"provider host security group {group} admits {rule.Ports} from NLB subnet {cidr}; targets need only {string.Join(", ", ports.Order())}");
        }
    }

    private static IEnumerable<JsonElement> NlbSubnets(StackView view, TemplateResource lb)
    {
        if (lb.Get("Subnets") is { } s && view.List(s) is { } list)
        {
            foreach (var x in list)
                yield return x;
        }
        else if (lb.Get("Subnets") is { } unknown)
        {
            yield return unknown;
        }

        if (lb.Get("SubnetMappings") is { } m && view.List(m) is { } mappings)
        {
            foreach (var x in mappings.Where(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("SubnetId", out _)))
                yield return x.GetProperty("SubnetId");
        }
    }

    private Ipv4Cidr? SubnetCidr(StackView view, JsonElement subnet)
    {
        if (view.Target(subnet) is { Type: "AWS::EC2::Subnet" } resource)
            return view.Str(resource, "CidrBlock") is { Complete: true } t && Ipv4Cidr.TryParse(t.Value, out var c, out _) ? c : null;
        var text = view.Str(subnet);
        if (!text.Complete)
            return null;
        var existing = (Context.Assembly.Wiring.ExistingVpcs ?? []).SelectMany(v => v.Subnets).FirstOrDefault(x => x.Id == text.Value);
        return existing is not null && Ipv4Cidr.TryParse(existing.Cidr, out var e, out _) ? e : null;
    }

}
