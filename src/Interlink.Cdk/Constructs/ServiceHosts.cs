using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ServiceHosts"/>.</summary>
public sealed class ServiceHostsProps
{
    /// <summary>Name prefix for tags.</summary>
    public required string Name { get; init; }

    /// <summary>The provider network the hosts live in.</summary>
    public required Network Network { get; init; }

    /// <summary>The service's target IPs, each inside one of the network's private subnets.</summary>
    public required IReadOnlyList<string> TargetIps { get; init; }

    /// <summary>
    /// Launch a hardened host running the sample service at each target IP. Default: true. False: the IPs are your own
    /// hosts; only security group rules are added (to <see cref="ExistingSecurityGroupId"/>, or a new group).
    /// </summary>
    public bool CreateHosts { get; init; } = true;

    /// <summary>Instance type of created hosts. Default: <c>t4g.micro</c> (Graviton, arm64 image).</summary>
    public string InstanceType { get; init; } = "t4g.micro";

    /// <summary>Port the service listens on.</summary>
    public required int TargetPort { get; init; }

    /// <summary>Port the NLB health check probes. Default: the target port.</summary>
    public int? HealthCheckPort { get; init; }

    /// <summary>Health-check path (for the boot script's log line). Default: <c>/health</c>.</summary>
    public string HealthCheckPath { get; init; } = "/health";

    /// <summary>CIDRs the NLBs reach the hosts from (the relay NLB subnets, or the provider's own in native mode).</summary>
    public required IReadOnlyList<string> LoadBalancerCidrs { get; init; }

    /// <summary>Existing security group of your hosts; rules are added to it. Default: null, a group is created.</summary>
    public string? ExistingSecurityGroupId { get; init; }

    /// <summary>The published sample service the hosts install. Required when hosts are created.</summary>
    public HostBundle? ServiceBundle { get; init; }

    /// <summary>
    /// The hosts' AMI: a literal or a parameter reference. Required when hosts are created: a fixed-IP host must never
    /// take its image from a value CloudFormation re-reads on every update (the public SSM parameter), because a new
    /// image replaces the instance, and CloudFormation creates the replacement while the old one still holds the IP.
    /// </summary>
    public string? ImageId { get; init; }
}

/// <summary>Where a published bundle lies.</summary>
/// <param name="Bucket">S3 bucket.</param>
/// <param name="Key">S3 key.</param>
/// <param name="Sha256">Expected SHA-256, lowercase hex; the host refuses any other file.</param>
public sealed record HostBundle(string Bucket, string Key, string Sha256);

/// <summary>
/// The provider's service: a security group that admits the service and health-check ports from the NLB subnets only,
/// and, when hosts are created, hardened hosts at the fixed private IPs that install and run the sample service.
/// Resources: <see cref="ServiceHostsBlueprint"/>.
/// </summary>
public sealed class ServiceHosts : ModelConstruct
{
    /// <summary>Creates the group and hosts.</summary>
    public ServiceHosts(Construct scope, string id, ServiceHostsProps props) : base(scope, id)
    {
        if (props.CreateHosts && (props.ServiceBundle is null || props.ImageId is null))
            throw new ArgumentException("ServiceBundle and ImageId are required when hosts are created (fixed-IP hosts cannot be replaced)", nameof(props));
        Ports.Check(props.TargetPort, nameof(props.TargetPort));
        if (props.HealthCheckPort is { } health)
            Ports.Check(health, nameof(props.HealthCheckPort));
        foreach (var ip in props.TargetIps)
            _ = ServiceHostsBlueprint.SubnetOf(props.Network.Refs.Spec, ip);

        var bundle = props.ServiceBundle is { } b ? new BundleLocation(b.Bucket, b.Key, b.Sha256) : null;
        var groupId = ServiceHostsBlueprint.Build(Model, new ServiceHostsSpec(props.Name, props.Network.Refs, props.TargetIps, props.CreateHosts, props.InstanceType,
            props.TargetPort, props.HealthCheckPort, props.HealthCheckPath, props.LoadBalancerCidrs, props.ExistingSecurityGroupId, bundle,
            props.ImageId is { } image ? (CfnValue)image : null));
        EmitModel();
        SecurityGroupId = Text(groupId);
    }

    /// <summary>The hosts' security group.</summary>
    public string SecurityGroupId { get; }
}

/// <summary>Port checks shared by the constructs.</summary>
internal static class Ports
{
    /// <summary>Throws unless <paramref name="port"/> is a TCP port (1–65535).</summary>
    public static void Check(int port, string name)
    {
        if (port is < 1 or > 65535)
            throw new ArgumentException($"{name} {port} is not a TCP port (1-65535)", name);
    }
}
