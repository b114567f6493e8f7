using Amazon.CDK;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ClientHost"/>.</summary>
public sealed class ClientHostProps
{
    /// <summary>Name prefix for tags.</summary>
    public required string Name { get; init; }

    /// <summary>The consumer network; the host goes in its first private subnet.</summary>
    public required Network Network { get; init; }

    /// <summary>Service port the probe connects to.</summary>
    public required int Port { get; init; }

    /// <summary>Default instance type: the smallest Graviton host.</summary>
    public const string DefaultInstanceType = "t4g.nano";

    /// <summary>Instance type. Default: <see cref="DefaultInstanceType"/>.</summary>
    public string InstanceType { get; init; } = DefaultInstanceType;

    /// <summary>S3 bucket, key and SHA-256 (lowercase hex) of the published probe to install at boot. Default: null (no probe).</summary>
    public (string Bucket, string Key, string Sha256)? ProbeBundle { get; init; }
}

/// <summary>
/// A small host in the consumer VPC to probe the service from: reached through Systems Manager, never SSH;
/// no public IP; it may only talk to the service port inside its VPC and to HTTPS (SSM) outside.
/// </summary>
public sealed class ClientHost : Construct
{
    /// <summary>Creates the host.</summary>
    public ClientHost(Construct scope, string id, ClientHostProps props) : base(scope, id)
    {
        var group = SecurityGroups.Create(this, "SecurityGroup", props.Network.VpcId, $"{props.Name} client: no inbound; service port and HTTPS out",
            [],
            [new TcpRule(props.Network.Layout.Cidr.ToString(), props.Port, "to the service endpoint"), SecurityGroups.HttpsOut("Systems Manager")]);
        var probe = props.ProbeBundle;
        var template = new HardenedHostTemplate(this, "Host", new HardenedHostTemplateProps
        {
            Name = $"{props.Name}-client",
            InstanceType = props.InstanceType,
            SecurityGroupIds = [group.AttrGroupId],
            ExtraPermissions = probe is { } p ? [(["s3:GetObject"], [Fn.Join("", ["arn:", Aws.PARTITION, ":s3:::", p.Bucket, "/", p.Key])])] : [],
        });
        var userData = probe is { } bundle
            ? Fn.Sub(Hosts.ProbeUserData.Render(), new Dictionary<string, string> { ["ProbeBucket"] = bundle.Bucket, ["ProbeKey"] = bundle.Key, ["ProbeSha256"] = bundle.Sha256 })
            : null;
        InstanceId = template.Launch("Instance", props.Network.PrivateSubnetIds[0], $"{props.Name}-client", userData: userData, route: props.Network.PrivateDefaultRoutes[0]).Ref;
    }

    /// <summary>The client's instance ID (for SSM Run Command).</summary>
    public string InstanceId { get; }
}
