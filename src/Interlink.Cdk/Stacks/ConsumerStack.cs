using Interlink.Cdk.Constructs;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// Last phase, consumer account and Region: the consumer VPC, the interface endpoint in the AZs the service's
/// NLB serves, an optional friendly DNS name, and an optional client host.
/// </summary>
public sealed class ConsumerStack : InterlinkStack
{
    /// <summary>Builds the stack for <paramref name="consumer"/>; its client host installs <paramref name="probeBundle"/> when given.</summary>
    public ConsumerStack(Construct scope, string id, Topology topology, ConsumerSite consumer, string? probeBundle = null)
        : base(scope, id, topology, consumer.Network, $"Interlink {topology.Name}: consumer {consumer.Name}")
    {
        var name = $"{topology.Name}-{consumer.Name}";
        var native = topology.Mode == DeployMode.Native;
        var network = new Network(this, "Network", new NetworkProps { Name = name, Layout = consumer.Network.Vpc });
        var serviceName = Parameter(Outputs.EndpointServiceName, "Endpoint service name (from the relay or provider stack)", AllowedPatterns.EndpointServiceName);
        var endpoint = new ConsumerEndpoint(this, "Endpoint", new ConsumerEndpointProps
        {
            Name = name,
            Network = network,
            ServiceName = serviceName,
            Port = topology.Service.Port,
            SubnetIndexes = EndpointSubnets(topology, consumer),
            ServiceRegion = native ? topology.Provider.Region : null,
            HostedZoneName = consumer.HostedZone,
        });
        Output(Outputs.EndpointId, endpoint.EndpointId, "Interface endpoint ID");
        Output(Outputs.EndpointDnsNames, Amazon.CDK.Fn.Join(",", endpoint.DnsNames), "Endpoint DNS entries (hostedZoneId:name)");
        if (consumer.Client)
        {
            (string, string, string)? probe = null;
            if (probeBundle is not null)
            {
                var asset = new Amazon.CDK.AWS.S3.Assets.Asset(this, "ProbeBundle", new Amazon.CDK.AWS.S3.Assets.AssetProps { Path = probeBundle });
                probe = (asset.S3BucketName, asset.S3ObjectKey, HostBundles.Sha256Of(probeBundle));
            }

            var client = new ClientHost(this, "Client", new ClientHostProps { Name = name, Network = network, Port = topology.Service.Port, ProbeBundle = probe });
            Output(Outputs.ClientInstanceId, client.InstanceId, "Client host for 'interlink probe' (SSM)");
        }
    }

    /// <summary>
    /// Indexes of the consumer's private subnets in AZs the service's NLB serves. Relay mode: the relay's AZ IDs
    /// (AZ IDs are the same physical zone in every account). Native mode: every subnet; AWS serves the
    /// consumer's zones from the provider's Region.
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
