using Amazon.CDK;
using Interlink.Cdk.Hosts;
using Interlink.Core.Normalization;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ServiceHosts"/>.</summary>
public sealed class ServiceHostsProps
{
    /// <summary>Name prefix for tags.</summary>
    public required string Name { get; init; }

    /// <summary>The provider network the hosts live in.</summary>
    public required Network Network { get; init; }

    /// <summary>The targets: hosts to create at fixed IPs, or the user's own IPs.</summary>
    public required TargetSet Targets { get; init; }

    /// <summary>Port the service listens on.</summary>
    public required int TargetPort { get; init; }

    /// <summary>Port the NLB health check probes; default: the target port.</summary>
    public int? HealthCheckPort { get; init; }

    /// <summary>Health-check path (for the boot script's log line). Default: <c>/health</c>.</summary>
    public string HealthCheckPath { get; init; } = "/health";

    /// <summary>CIDRs the NLBs reach the hosts from (the relay NLB subnets, or the provider's own in native mode).</summary>
    public required IReadOnlyList<string> LoadBalancerCidrs { get; init; }

    /// <summary>Existing security group of the user's hosts; rules are added to it. Default: null (a group is created).</summary>
    public string? ExistingSecurityGroupId { get; init; }

    /// <summary>S3 bucket holding the published sample service. Required when hosts are created.</summary>
    public string? BundleBucket { get; init; }

    /// <summary>S3 key of the published sample service. Required when hosts are created.</summary>
    public string? BundleKey { get; init; }

    /// <summary>Expected SHA-256 (lowercase hex) of the published sample service. Required when hosts are created.</summary>
    public string? BundleSha256 { get; init; }

    /// <summary>
    /// The hosts' AMI: a literal or a parameter reference. Required when hosts are created: a fixed-IP host must never
    /// take its image from a value CloudFormation re-reads on every update (the public SSM parameter), because a new
    /// image replaces the instance, and CloudFormation creates the replacement while the old one still holds the IP.
    /// </summary>
    public string? ImageId { get; init; }
}

/// <summary>
/// The provider's service: a security group that admits the service and health-check ports from the NLB
/// subnets only (targets see the NLB's addresses, since client IP preservation is off), and, for
/// <c>targets.instances</c>, hardened hosts at fixed private IPs that install and run the sample service.
/// </summary>
public sealed class ServiceHosts : Construct
{
    /// <summary>Creates the group and hosts.</summary>
    public ServiceHosts(Construct scope, string id, ServiceHostsProps props) : base(scope, id)
    {
        var ports = new[] { props.TargetPort, props.HealthCheckPort ?? props.TargetPort }.Distinct().ToList();
        var ingress = props.LoadBalancerCidrs
            .SelectMany(cidr => ports.Select(port => new TcpRule(cidr, port, port == props.TargetPort ? "service traffic from an NLB subnet" : "health checks from an NLB subnet")))
            .ToList();
        // The hosts send at MTU 9001, but the path back to a relay NLB crosses inter-Region peering (MTU 8500, EC2 User
        // Guide, "Network maximum transmission unit (MTU) for your EC2 instance",
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/network_mtu.html). A hop that drops a too-big packet
        // answers with ICMP 3/4; without this rule the answer is dropped and large responses are black-holed. The
        // ELB guides recommend admitting ICMP for path MTU discovery; only type 3 code 4, only from the NLB subnets.
        var pathMtu = props.LoadBalancerCidrs.Select(cidr => new FragmentationNeededRule(cidr, "path MTU discovery: fragmentation needed, from an NLB subnet")).ToList();

        if (props.ExistingSecurityGroupId is { } existing)
        {
            SecurityGroups.AddIngress(this, "NlbIngress", existing, ingress, pathMtu);
            SecurityGroupId = existing;
        }
        else
        {
            var group = SecurityGroups.Create(this, "SecurityGroup", props.Network.VpcId, $"{props.Name} service hosts: service port from NLB subnets only",
                ingress, [SecurityGroups.HttpsOut("SSM, S3 and package repositories")], pathMtu);
            SecurityGroupId = group.AttrGroupId;
        }

        if (!props.Targets.CreateHosts)
            return;
        var bucket = props.BundleBucket ?? throw new ArgumentException("BundleBucket is required when hosts are created", nameof(props));
        var key = props.BundleKey ?? throw new ArgumentException("BundleKey is required when hosts are created", nameof(props));
        var sha256 = props.BundleSha256 ?? throw new ArgumentException("BundleSha256 is required when hosts are created", nameof(props));
        var image = props.ImageId ?? throw new ArgumentException("ImageId is required when hosts are created (fixed-IP hosts cannot be replaced)", nameof(props));

        var template = new HardenedHostTemplate(this, "Host", new HardenedHostTemplateProps
        {
            Name = $"{props.Name}-service",
            InstanceType = props.Targets.InstanceType,
            ImageId = image,
            SecurityGroupIds = [SecurityGroupId],
            ExtraPermissions = [(["s3:GetObject"], [Fn.Join("", ["arn:", Aws.PARTITION, ":s3:::", bucket, "/", key])])],
        });
        var script = ServiceUserData.Render(new ServiceUserDataOptions(props.Name, props.TargetPort, props.HealthCheckPath));
        var userData = Fn.Sub(script, new Dictionary<string, string> { ["BundleBucket"] = bucket, ["BundleKey"] = key, ["BundleSha256"] = sha256 });
        var subnets = props.Network.Layout.PrivateSubnets;
        for (var i = 0; i < props.Targets.Ips.Count; i++)
        {
            var target = props.Targets.Ips[i];
            var subnetIndex = subnets.ToList().IndexOf(target.Subnet);
            _ = template.Launch($"Host{i + 1}", props.Network.PrivateSubnetIds[subnetIndex], $"{props.Name}-service-{i + 1}", target.Text, userData,
                props.Network.PrivateDefaultRoutes[subnetIndex]);
        }
    }

    /// <summary>The hosts' security group.</summary>
    public string SecurityGroupId { get; }
}
