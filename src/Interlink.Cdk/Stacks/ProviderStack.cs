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

    /// <summary>Parameter: SHA-256 (lowercase hex) of the published sample service; the hosts refuse any other bundle.</summary>
    public const string BundleSha256Parameter = "ServiceBundleSha256";

    /// <summary>
    /// Parameter: the service hosts' AMI. <c>deploy</c> resolves it once from <see cref="ImageSourceMetadataKey"/>'s SSM
    /// parameter, records it, and passes the same value on every later deploy; it changes only on purpose
    /// (<c>--input ServiceHostImageId=ami-…</c>).
    /// </summary>
    public const string ImageIdParameter = HostImage.ParameterName;

    /// <summary>
    /// Template metadata key: which public SSM parameter <c>deploy</c> resolves <see cref="ImageIdParameter"/> from
    /// on the first deploy (the Amazon Linux 2023 image for the hosts' architecture).
    /// </summary>
    public const string ImageSourceMetadataKey = HostImage.SourceMetadataKey;

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
        var (bucket, key, sha256) = ServiceBundleLocation(topology, serviceBundle);
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
            BundleSha256 = sha256,
            ImageId = topology.Targets.CreateHosts ? ServiceHostImage(topology) : null,
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

    private (string? Bucket, string? Key, string? Sha256) ServiceBundleLocation(Topology topology, string? serviceBundle)
    {
        if (!topology.Targets.CreateHosts)
            return (null, null, null);
        if (serviceBundle is null)
            return (Parameter(BundleBucketParameter, "S3 bucket holding the published sample service", AllowedPatterns.S3Bucket),
                Parameter(BundleKeyParameter, "S3 key of the published sample service (tar.gz)", AllowedPatterns.S3Key),
                Parameter(BundleSha256Parameter, "SHA-256 of the published sample service, lowercase hex (sha256sum)", AllowedPatterns.Sha256));
        var asset = new Amazon.CDK.AWS.S3.Assets.Asset(this, "ServiceBundle", new Amazon.CDK.AWS.S3.Assets.AssetProps { Path = serviceBundle });
        return (asset.S3BucketName, asset.S3ObjectKey, HostBundles.Sha256Of(serviceBundle));
    }

    /// <summary>
    /// The service hosts' AMI: the one pinned in the config, else <see cref="ImageIdParameter"/>. Never the public
    /// SSM parameter itself: CloudFormation re-reads an SSM value on every update, and the hosts' fixed IPs make a
    /// replacement impossible (the new instance is created while the old one still holds the IP).
    /// </summary>
    private string ServiceHostImage(Topology topology)
    {
        if (topology.Targets.ImageId is { } pinned)
            return pinned;
        // Typed AWS::EC2::Image::Id: CloudFormation checks the value names an image in the account and Region. No
        // AllowedPattern: the Parameters syntax reference defines it for String and CommaDelimitedList types only;
        // deploy checks the ami- format before passing a value.
        var parameter = new CfnParameter(this, ImageIdParameter, new CfnParameterProps
        {
            Type = "AWS::EC2::Image::Id",
            Description = "AMI of the service hosts; deploy pins the current Amazon Linux 2023 image on the first deploy and reuses it, change it only on purpose",
        });
        AddMetadata(ImageSourceMetadataKey, HardenedHostTemplate.ImageParameterFor(topology.Targets.InstanceType));
        return parameter.ValueAsString;
    }

    private void NativeService(Topology topology, Network network)
    {
        var region = topology.Provider.Region;
        var nlb = new ServiceLoadBalancer(this, "LoadBalancer", new ServiceLoadBalancerProps
        {
            DisplayName = NameScheme.LoadBalancer(topology.Name, region),
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
