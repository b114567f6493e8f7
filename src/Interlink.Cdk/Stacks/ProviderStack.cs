using Amazon.CDK;
using Interlink.Cdk.Constructs;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// Phase 1, provider account and Region: the provider VPC, the service hosts (or rules for the user's own),
/// a peering-accepter role per relay in another account, and in native mode the NLB, the endpoint service
/// and the operator role that accepts its connections.
/// </summary>
public sealed class ProviderStack : InterlinkStack
{
    /// <summary>Parameter: S3 bucket of the published sample service.</summary>
    public const string BundleBucketParameter = "ServiceBundleBucket";

    /// <summary>Parameter: S3 key of the published sample service.</summary>
    public const string BundleKeyParameter = "ServiceBundleKey";

    /// <summary>
    /// Builds the stack. With <paramref name="serviceBundle"/> (a published service tarball) the hosts fetch it as a
    /// CDK file asset; without it, its S3 location is a deploy input (<see cref="BundleBucketParameter"/>,
    /// <see cref="BundleKeyParameter"/>).
    /// </summary>
    public ProviderStack(Construct scope, string id, Topology topology, string? serviceBundle = null)
        : base(scope, id, topology, topology.Provider, $"Interlink {topology.Name}: provider VPC and service")
    {
        var name = topology.Name;
        var native = topology.Mode == DeployMode.Native;
        var network = new Network(this, "Network", new NetworkProps { Name = $"{name}-provider", Layout = topology.Provider.Vpc });

        // Targets see the NLB's own addresses (client IP preservation is off), so the hosts admit the NLB subnets.
        var nlbCidrs = native
            ? topology.Provider.Vpc.PrivateSubnets.Select(s => s.Cidr.ToString()).ToList()
            : topology.Relays.SelectMany(r => r.Network.Vpc.PrivateSubnets).Select(s => s.Cidr.ToString()).ToList();
        var (bucket, key) = ServiceBundleLocation(topology, serviceBundle);
        var check = topology.Service.HealthCheck;
        _ = new ServiceHosts(this, "Service", new ServiceHostsProps
        {
            Name = name,
            Network = network,
            Targets = topology.Targets,
            TargetPort = topology.Service.TargetPort,
            HealthCheckPort = check.Port,
            HealthCheckPath = check.Path ?? "/health",
            LoadBalancerCidrs = nlbCidrs,
            ExistingSecurityGroupId = topology.Provider.Vpc.HostSecurityGroupId,
            BundleBucket = bucket,
            BundleKey = key,
        });

        foreach (var relay in topology.Relays.Where(r => WiringPlanner.NeedsAccepterRole(topology, r)))
        {
            var region = relay.Network.Region;
            var accepter = new PeeringAccepterRole(this, $"PeeringAccepter{Names.Pascal(region)}", new PeeringAccepterRoleProps
            {
                RequesterAccount = relay.Network.Account!,
                RequesterRegion = region,
                RequesterVpcId = relay.Network.Vpc.ExistingId,
                VpcId = network.VpcId,
                BootstrapQualifier = topology.Deployment.BootstrapQualifier,
            });
            Output(Outputs.AccepterRoleArn(region), accepter.RoleArn, $"Peering-accepter role for the relay in {region} (feeds its PeerRoleArn)");
        }

        Output(Outputs.VpcId, network.VpcId, "Provider VPC ID (feeds the relay stacks' peering)");
        Output(Outputs.PrivateRouteTableIds, Fn.Join(",", topology.TargetRouteTableSubnets().Select(i => network.PrivateRouteTableIds[i]).ToArray()), "Route tables of the target subnets (feed provider-routes)");
        if (native)
            NativeService(topology, network);
    }

    private (string? Bucket, string? Key) ServiceBundleLocation(Topology topology, string? serviceBundle)
    {
        if (!topology.Targets.CreateHosts)
            return (null, null);
        if (serviceBundle is null)
            return (Parameter(BundleBucketParameter, "S3 bucket holding the published sample service"),
                Parameter(BundleKeyParameter, "S3 key of the published sample service (tar.gz)"));
        var asset = new Amazon.CDK.AWS.S3.Assets.Asset(this, "ServiceBundle", new Amazon.CDK.AWS.S3.Assets.AssetProps { Path = serviceBundle });
        return (asset.S3BucketName, asset.S3ObjectKey);
    }

    private void NativeService(Topology topology, Network network)
    {
        var region = topology.Provider.Region;
        var nlb = new ServiceLoadBalancer(this, "LoadBalancer", new ServiceLoadBalancerProps
        {
            LoadBalancerName = NameScheme.LoadBalancer(topology.Name, region),
            TargetGroupName = NameScheme.TargetGroup(topology.Name, region),
            Network = network,
            Service = topology.Service,
            Targets = topology.Targets.Ips,
            TargetsOutsideVpc = false,
            ClientCidrs = topology.Consumers.Select(c => c.Network.Vpc.Cidr.ToString()).Distinct().ToList(),
        });
        var service = new EndpointService(this, "EndpointService", new EndpointServiceProps
        {
            LoadBalancerArn = nlb.LoadBalancerArn,
            AllowedAccounts = topology.Consumers.Select(c => c.Network.Account).ToList(),
            AcceptanceRequired = topology.Service.AcceptanceRequired,
            SupportedRegions = topology.Consumers.Select(c => c.Network.Region).Prepend(region).Distinct().ToList(),
        });
        var operatorRole = new OperatorRole(this, "Operator", new OperatorRoleProps
        {
            TrustedAccount = topology.DeployerAccount,
            EndpointServiceIds = [service.ServiceId],
        });
        Output(Outputs.EndpointServiceName, service.ServiceName, "Endpoint service name (feeds the consumer stacks)");
        Output(Outputs.EndpointServiceId, service.ServiceId, "Endpoint service ID");
        Output(Outputs.ServedAzIds, string.Join(",", network.Layout.Azs), "AZs the NLB serves");
        Output(Outputs.OperatorRoleArn, operatorRole.RoleArn, "Role interlink deploy assumes to accept endpoint connections");
    }
}
