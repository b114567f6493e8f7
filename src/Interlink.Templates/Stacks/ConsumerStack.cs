using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;

namespace Interlink.Templates.Stacks;

/// <summary>
/// Last phase, consumer account and Region: the consumer VPC, the interface endpoint in the AZs the service's NLB
/// serves, an optional friendly DNS name, and an optional client host.
/// </summary>
public static class ConsumerStack
{
    /// <summary>The stack for <paramref name="consumer"/>; its client host installs <paramref name="probeBundle"/> when given.</summary>
    public static StackModel Build(string id, Topology topology, ConsumerSite consumer, MonitoringPlan monitoring, string? probeBundle = null)
    {
        var stack = DesignStack.Create(id, topology, consumer.Network, $"Interlink {topology.Name}: consumer {consumer.Name}");
        var name = $"{topology.Name}-{consumer.Name}";
        var native = topology.Mode == DeployMode.Native;
        var network = NetworkBlueprint.Build(stack.Scope("Network"), TopologySpecs.Network(name, consumer.Network.Vpc));
        var serviceName = DesignStack.Parameter(stack, Outputs.EndpointServiceName, "Endpoint service name (from the relay or provider stack)", AllowedPatterns.EndpointServiceName);
        var endpoint = ConsumerEndpointBlueprint.Build(stack.Scope("Endpoint"), new ConsumerEndpointSpec(
            name, network, serviceName, topology.Service.Port, EndpointSubnets(topology, consumer),
            native ? topology.Provider.Region : null, consumer.HostedZone));
        _ = stack.Output(Outputs.EndpointId, Cfn.Ref(endpoint.Endpoint), "Interface endpoint ID");
        _ = stack.Output(Outputs.EndpointDnsNames, Cfn.JoinList(",", endpoint.DnsEntries), "Endpoint DNS entries (hostedZoneId:name)");
        if (consumer.Client)
        {
            BundleLocation? probe = null;
            if (probeBundle is not null)
            {
                var asset = stack.FileAsset("ProbeBundle", probeBundle);
                probe = new BundleLocation(asset.BucketName, asset.ObjectKey, HostBundles.Sha256Of(probeBundle));
            }

            var client = ClientHostBlueprint.Build(stack.Scope("Client"), name, network, topology.Service.Port, probe);
            _ = stack.Output(Outputs.ClientInstanceId, Cfn.Ref(client), "Client host for 'interlink probe' (SSM)");
        }

        MonitoringBlueprint.Build(stack, monitoring, new MonitoredLinks(Endpoint: endpoint.Endpoint, EndpointServiceName: serviceName, EndpointVpcId: network.VpcId));
        return stack;
    }

    /// <summary>
    /// Indexes of the consumer's private subnets in AZs the service's NLB serves. Relay mode: the relay's AZ IDs (AZ IDs
    /// are the same physical zone in every account). Native mode: every subnet; AWS serves the consumer's zones from
    /// the provider's Region.
    /// </summary>
    public static IReadOnlyList<int> EndpointSubnets(Topology topology, ConsumerSite consumer)
    {
        var subnets = consumer.Network.Vpc.PrivateSubnets;
        if (topology.Mode == DeployMode.Native)
            return Enumerable.Range(0, subnets.Count).ToList();
        var relay = topology.Relays.First(r => r.Network.Region == consumer.Network.Region);
        var served = relay.Network.Vpc.Azs.ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, subnets.Count).Where(i => served.Contains(subnets[i].Az)).ToList();
    }
}
