using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Core.Model;
using Interlink.Core.Pricing;

namespace Interlink.Analysis.Cost;

/// <summary>
/// The bill of materials of a cloud assembly as its templates stand (hand edits included): NLBs, interface
/// endpoint subnets, NAT gateways, instances and their types and volumes, peerings and their Regions, and the
/// Regions a native endpoint service supports. Priced with <see cref="CostEstimator"/> like a topology's.
/// </summary>
public static class AssemblyBillOfMaterials
{
    /// <summary>Reads the bill of materials of <paramref name="assembly"/>.</summary>
    public static BillOfMaterials Read(CloudAssembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var mode = string.Equals(assembly.Wiring.Mode, "native", StringComparison.OrdinalIgnoreCase) ? DeployMode.Native : DeployMode.Relay;
        var views = StackView.AllOf(assembly);
        var assumptions = new List<string> { "read from the cloud assembly's templates; service traffic is shared evenly by the interface endpoints and counts both directions" };

        var loadBalancers = 0;
        var endpointAzs = 0;
        var nat = 0;
        var peerings = 0;
        var hosts = new List<HostGroup>();
        var endpointRegions = new List<(string Region, string? ServiceRegion)>();
        var peeringPaths = new List<(string From, string To)>();
        var remote = new HashSet<string>(StringComparer.Ordinal);

        foreach (var view in views)
        {
            foreach (var r in view.Resources)
            {
                switch (r.Type)
                {
                    case "AWS::ElasticLoadBalancingV2::LoadBalancer" when (view.Str(r, "Type")?.Value ?? "application") == "network":
                        loadBalancers++;
                        break;
                    case "AWS::EC2::VPCEndpoint" when view.Str(r, "VpcEndpointType")?.Value == "Interface":
                    {
                        var subnets = r.Get("SubnetIds") is { } s ? view.List(s) : [];
                        if (subnets is null)
                            assumptions.Add($"{view.Name}/{r.LogicalId}: endpoint subnets are known only at deploy time; counted as 2 AZs");
                        endpointAzs += subnets?.Count ?? 2;
                        var serviceRegion = view.Str(r, "ServiceRegion") is { Complete: true } sr ? sr.Value : null;
                        endpointRegions.Add((view.Stack.Region, serviceRegion));
                        break;
                    }

                    case "AWS::EC2::NatGateway":
                        nat++;
                        break;
                    case "AWS::EC2::VPCPeeringConnection":
                    {
                        peerings++;
                        var peer = view.Str(r, "PeerRegion") is { Complete: true } pr ? pr.Value : view.Stack.Region;
                        if (peer != view.Stack.Region)
                            peeringPaths.Add((view.Stack.Region, peer));
                        break;
                    }

                    case "AWS::EC2::VPCEndpointService":
                        if (r.Get("SupportedRegions") is { } sup && view.List(sup) is { } regions)
                        {
                            foreach (var region in regions.Select(view.Str).Where(x => x.Complete && x.Value != view.Stack.Region))
                                remote.Add(region.Value);
                        }

                        break;
                    case "AWS::EC2::Instance":
                        hosts.Add(Host(view, r, assumptions));
                        break;
                }
            }
        }

        var endpoints = endpointRegions.Count;
        var paths = new List<InterRegionPath>();
        if (mode == DeployMode.Relay)
        {
            foreach (var (from, to) in peeringPaths.Distinct())
            {
                var share = endpoints == 0 ? 1m / peeringPaths.Count : (decimal)endpointRegions.Count(e => e.Region == from) / endpoints;
                if (share > 0)
                    paths.Add(new InterRegionPath(from, to, share));
            }
        }
        else
        {
            foreach (var group in endpointRegions.Where(e => e.ServiceRegion is not null && e.ServiceRegion != e.Region).GroupBy(e => (e.Region, e.ServiceRegion!)))
                paths.Add(new InterRegionPath(group.Key.Region, group.Key.Item2, (decimal)group.Count() / endpoints));
            assumptions.Add("native cross-Region PrivateLink: no premium — AWS bills the standard endpoint hours and data processing plus cross-Region data transfer (aws.amazon.com/privatelink/pricing)");
        }

        assumptions.Add("NAT gateways carry no service traffic (only host updates and Systems Manager), so NAT GB is priced at 0");
        var grouped = hosts.GroupBy(h => h.InstanceType, StringComparer.Ordinal)
            .Select(g => new HostGroup(g.Key, g.Sum(h => h.Count), g.Sum(h => h.VolumeGb)))
            .OrderBy(h => h.InstanceType, StringComparer.Ordinal)
            .ToList();
        return new BillOfMaterials(mode, loadBalancers, endpointAzs, endpoints, nat, grouped, paths, mode == DeployMode.Native ? remote.Count : 0, peerings, assumptions);
    }

    private static HostGroup Host(StackView view, TemplateResource instance, List<string> assumptions)
    {
        TemplateResource? data = null;
        if (instance.Get("LaunchTemplate") is { ValueKind: JsonValueKind.Object } l && l.TryGetProperty("LaunchTemplateId", out var id)
            && view.Target(id) is { } lt && lt.Get("LaunchTemplateData") is { ValueKind: JsonValueKind.Object } d)
            data = new TemplateResource(lt.LogicalId, lt.Type, d);

        var type = view.Str(instance, "InstanceType") ?? (data is null ? null : view.Str(data, "InstanceType"));
        string instanceType;
        if (type is { Complete: true } t)
        {
            instanceType = t.Value;
        }
        else
        {
            instanceType = type is null ? "m1.small" : "unknown";
            assumptions.Add(type is null
                ? $"{view.Name}/{instance.LogicalId}: no InstanceType, so EC2's default m1.small (not in the catalog)"
                : $"{view.Name}/{instance.LogicalId}: instance type known only at deploy time");
        }

        var sizes = new List<int>();
        foreach (var holder in new[] { instance, data }.OfType<TemplateResource>())
        {
            if (holder.Get("BlockDeviceMappings") is not { } m || view.List(m) is not { } mappings)
                continue;
            foreach (var mapping in mappings.Where(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("Ebs", out var e) && e.ValueKind == JsonValueKind.Object))
            {
                var ebs = mapping.GetProperty("Ebs");
                sizes.Add(ebs.TryGetProperty("VolumeSize", out var size) && view.Int(size) is { } gb ? gb : BillOfMaterials.HostVolumeGb);
            }
        }

        if (sizes.Count == 0)
        {
            sizes.Add(BillOfMaterials.HostVolumeGb);
            assumptions.Add($"{view.Name}/{instance.LogicalId}: no volume size in the template; {BillOfMaterials.HostVolumeGb} GB assumed");
        }

        return new HostGroup(instanceType, 1, sizes.Sum());
    }
}
