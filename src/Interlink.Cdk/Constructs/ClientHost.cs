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

    /// <summary>Instance type. Default: <c>t4g.nano</c>.</summary>
    public string InstanceType { get; init; } = "t4g.nano";
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
        var template = new HardenedHostTemplate(this, "Host", new HardenedHostTemplateProps
        {
            Name = $"{props.Name}-client",
            InstanceType = props.InstanceType,
            SecurityGroupIds = [group.AttrGroupId],
        });
        InstanceId = template.Launch("Instance", props.Network.PrivateSubnetIds[0], $"{props.Name}-client").Ref;
    }

    /// <summary>The client's instance ID (for SSM Run Command).</summary>
    public string InstanceId { get; }
}
