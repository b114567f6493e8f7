using Interlink.Core.Normalization;
using Interlink.Templates.Blueprints;
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

    /// <summary>Port the NLB health check probes. Default: the target port.</summary>
    public int? HealthCheckPort { get; init; }

    /// <summary>Health-check path (for the boot script's log line). Default: <c>/health</c>.</summary>
    public string HealthCheckPath { get; init; } = "/health";

    /// <summary>CIDRs the NLBs reach the hosts from (the relay NLB subnets, or the provider's own in native mode).</summary>
    public required IReadOnlyList<string> LoadBalancerCidrs { get; init; }

    /// <summary>Existing security group of the user's hosts; rules are added to it. Default: null, a group is created.</summary>
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
/// The provider's service: a security group that admits the service and health-check ports from the NLB subnets only,
/// and, for <c>targets.instances</c>, hardened hosts at fixed private IPs that install and run the sample service.
/// Resources: <see cref="ServiceHostsBlueprint"/>.
/// </summary>
public sealed class ServiceHosts : ModelConstruct
{
    /// <summary>Creates the group and hosts.</summary>
    public ServiceHosts(Construct scope, string id, ServiceHostsProps props) : base(scope, id)
    {
        var bundle = props.BundleBucket is { } bucket && props.BundleKey is { } key && props.BundleSha256 is { } sha256
            ? new BundleLocation(bucket, key, sha256)
            : null;
        var groupId = ServiceHostsBlueprint.Build(Model, new ServiceHostsSpec(props.Name, props.Network.Refs, props.Targets, props.TargetPort,
            props.HealthCheckPort, props.HealthCheckPath, props.LoadBalancerCidrs, props.ExistingSecurityGroupId, bundle, props.ImageId is { } image ? (Templates.Model.CfnValue)image : null));
        EmitModel();
        SecurityGroupId = Text(groupId);
    }

    /// <summary>The hosts' security group.</summary>
    public string SecurityGroupId { get; }
}
