using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Templates.Blueprints;

namespace Interlink.Templates.Stacks;

/// <summary>The normalized topology's facts as the blueprints take them: the one place the two vocabularies meet.</summary>
internal static class TopologySpecs
{
    /// <summary>A network spec of <paramref name="layout"/>, its Name tags prefixed with <paramref name="name"/>.</summary>
    public static NetworkSpec Network(string name, VpcLayout layout) => new(
        name, layout.Cidr.ToString(), layout.PrivateSubnets.Select(Subnet).ToList(), layout.PublicSubnets.Select(Subnet).ToList(),
        layout.NatGateways, layout.ExistingId);

    /// <summary>The listener of <paramref name="service"/>.</summary>
    public static ListenerSpec Listener(ServiceSpec service) => new(service.Port, service.TargetPort, service.ProxyProtocolV2);

    /// <summary>The health check of <paramref name="service"/>, its protocol as ELB spells it.</summary>
    public static HealthCheckSettings HealthCheck(ServiceSpec service)
    {
        var check = service.HealthCheck;
        return new HealthCheckSettings(check.Protocol.ToString().ToUpperInvariant(), check.Path, check.Port, check.IntervalSeconds, check.HealthyThreshold, check.UnhealthyThreshold);
    }

    /// <summary>The target IPs with their subnets' CIDRs.</summary>
    public static IReadOnlyList<TargetAddress> Targets(TargetSet targets) => targets.Ips.Select(t => new TargetAddress(t.Text, t.Subnet.Cidr.ToString())).ToList();

    private static SubnetSpec Subnet(SubnetPlan plan)
    {
        var spec = new SubnetSpec(plan.Cidr.ToString(), plan.Az, plan.ExistingId, plan.ExistingRouteTableId);
        return spec.ZoneIsId == plan.AzIsId ? spec : throw new InvalidOperationException($"zone {plan.Az} is {(plan.AzIsId ? "" : "not ")}an AZ ID");
    }
}
