using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;

namespace Interlink.Templates.Stacks;

/// <summary>
/// Phase 1, provider account and Region: the provider VPC, the service hosts (or rules for the user's own), a
/// peering-accepter role per relay in another account, and in native mode the NLB, the endpoint service and the
/// operator role that accepts its connections.
/// </summary>
public static class ProviderStack
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
    /// Template metadata key: which public SSM parameter <c>deploy</c> resolves <see cref="ImageIdParameter"/> from on
    /// the first deploy (the Amazon Linux 2023 image for the hosts' architecture).
    /// </summary>
    public const string ImageSourceMetadataKey = HostImage.SourceMetadataKey;

    /// <summary>
    /// The stack. With <paramref name="serviceBundle"/> (a published service tarball) the hosts fetch it as a CDK file
    /// asset; without it, its S3 location is a deploy input (<see cref="BundleBucketParameter"/>, …).
    /// </summary>
    public static StackModel Build(string id, Topology topology, MonitoringPlan monitoring, string? serviceBundle = null)
    {
        var stack = DesignStack.Create(id, topology, topology.Provider, $"Interlink {topology.Name}: provider VPC and service");
        var name = topology.Name;
        var native = topology.Mode == DeployMode.Native;
        var network = NetworkBlueprint.Build(stack.Scope("Network"), TopologySpecs.Network($"{name}-provider", topology.Provider.Vpc));

        // Targets see the NLB's own addresses (client IP preservation is off), so the hosts admit the NLB subnets.
        var nlbCidrs = native
            ? topology.Provider.Vpc.PrivateSubnets.Select(s => s.Cidr.ToString()).ToList()
            : topology.Relays.SelectMany(r => r.Network.Vpc.PrivateSubnets).Select(s => s.Cidr.ToString()).ToList();
        var bundle = ServiceBundleLocation(stack, topology, serviceBundle);
        var check = topology.Service.HealthCheck;
        _ = ServiceHostsBlueprint.Build(stack.Scope("Service"), new ServiceHostsSpec(
            name, network, topology.Targets.Ips.Select(t => t.Text).ToList(), topology.Targets.CreateHosts, topology.Targets.InstanceType, topology.Service.TargetPort, check.Port, check.Path ?? "/health", nlbCidrs,
            topology.Provider.Vpc.HostSecurityGroupId, bundle, topology.Targets.CreateHosts ? ServiceHostImage(stack, topology) : null));

        foreach (var relay in topology.Relays.Where(r => WiringPlanner.NeedsAccepterRole(topology, r)))
        {
            var region = relay.Network.Region;
            var role = PeeringBlueprint.AccepterRole(stack.Scope($"PeeringAccepter{DesignStack.Pascal(region)}"), new AccepterRoleSpec(
                relay.Network.Account!, region, network.VpcId, relay.Network.Vpc.ExistingId, topology.Deployment.BootstrapQualifier));
            _ = stack.Output(Outputs.AccepterRoleArn(region), Cfn.GetAtt(role, "Arn"), $"Peering-accepter role for the relay in {region} (feeds its PeerRoleArn)");
        }

        _ = stack.Output(Outputs.VpcId, network.VpcId, "Provider VPC ID (feeds the relay stacks' peering)");
        _ = stack.Output(Outputs.PrivateRouteTableIds, Cfn.Join(",", topology.TargetRouteTableSubnets().Select(i => network.PrivateRouteTableIds[i])),
            "Route tables of the target subnets (feed provider-routes)");
        MonitoringBlueprint.Build(stack, monitoring, native ? NativeService(stack, topology, network) : new MonitoredLinks());
        return stack;
    }

    private static BundleLocation? ServiceBundleLocation(StackModel stack, Topology topology, string? serviceBundle)
    {
        if (!topology.Targets.CreateHosts)
            return null;
        if (serviceBundle is null)
        {
            return new BundleLocation(
                DesignStack.Parameter(stack, BundleBucketParameter, "S3 bucket holding the published sample service", AllowedPatterns.S3Bucket),
                DesignStack.Parameter(stack, BundleKeyParameter, "S3 key of the published sample service (tar.gz)", AllowedPatterns.S3Key),
                DesignStack.Parameter(stack, BundleSha256Parameter, "SHA-256 of the published sample service, lowercase hex (sha256sum)", AllowedPatterns.Sha256));
        }

        var asset = stack.FileAsset("ServiceBundle", serviceBundle);
        return new BundleLocation(asset.BucketName, asset.ObjectKey, HostBundles.Sha256Of(serviceBundle));
    }

    /// <summary>
    /// The service hosts' AMI: the one pinned in the config, else <see cref="ImageIdParameter"/>. Never the public SSM
    /// parameter itself: CloudFormation re-reads an SSM value on every update, and the hosts' fixed IPs make a
    /// replacement impossible (the new instance is created while the old one still holds the IP).
    /// </summary>
    private static CfnValue ServiceHostImage(StackModel stack, Topology topology)
    {
        if (topology.Targets.ImageId is { } pinned)
            return pinned;
        // Typed AWS::EC2::Image::Id: CloudFormation checks the value names an image in the account and Region. No
        // AllowedPattern: the Parameters syntax reference defines it for String and CommaDelimitedList types only;
        // deploy checks the ami- format before passing a value.
        var parameter = stack.Parameter(ImageIdParameter, new ParameterSpec("AWS::EC2::Image::Id",
            "AMI of the service hosts; deploy pins the current Amazon Linux 2023 image on the first deploy and reuses it, change it only on purpose"));
        stack.AddMetadata(ImageSourceMetadataKey, HostImages.ImageParameterFor(topology.Targets.InstanceType));
        return Cfn.Ref(parameter);
    }

    private static MonitoredLinks NativeService(StackModel stack, Topology topology, NetworkRefs network)
    {
        var region = topology.Provider.Region;
        var nlb = LoadBalancerBlueprint.Build(stack.Scope("LoadBalancer"), new LoadBalancerSpec(
            NameScheme.LoadBalancer(topology.Name, region), network, TopologySpecs.Listener(topology.Service), TopologySpecs.HealthCheck(topology.Service),
            TopologySpecs.Targets(topology.Targets), TargetsOutsideVpc: false,
            topology.Consumers.Select(c => c.Network.Vpc.Cidr.ToString()).Distinct().ToList()));
        var service = EndpointServiceBlueprint.Build(stack.Scope("EndpointService"), Cfn.Ref(nlb.LoadBalancer),
            topology.Consumers.Select(c => c.Network.Account).ToList(), topology.Service.AcceptanceRequired,
            topology.Consumers.Select(c => c.Network.Region).Prepend(region).Distinct().ToList());
        var operatorRole = OperatorRoleBlueprint.Build(stack.Scope("Operator"), topology.DeployerAccount, [service.ServiceId], []);
        _ = stack.Output(Outputs.EndpointServiceName, service.ServiceName, "Endpoint service name (feeds the consumer stacks)");
        _ = stack.Output(Outputs.EndpointServiceId, service.ServiceId, "Endpoint service ID");
        _ = stack.Output(Outputs.ServedAzIds, string.Join(",", network.Spec.Zones), "AZs the NLB serves");
        _ = stack.Output(Outputs.OperatorRoleArn, Cfn.GetAtt(operatorRole, "Arn"), "Role interlink deploy assumes to accept endpoint connections");
        return new MonitoredLinks(nlb.LoadBalancer, nlb.TargetGroup, service.Service, network);
    }
}
