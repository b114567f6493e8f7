using Interlink.Templates.Blueprints;
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

    /// <summary>Instance type. Default: <see cref="ClientHostBlueprint.DefaultInstanceType"/>, the smallest Graviton host.</summary>
    public string InstanceType { get; init; } = ClientHostBlueprint.DefaultInstanceType;

    /// <summary>The published probe to install at boot. Default: null, no probe.</summary>
    public HostBundle? Probe { get; init; }
}

/// <summary>
/// A small host in the consumer VPC to probe the service from: reached through Systems Manager, never SSH; no public
/// IP; it may only talk to the service port inside its VPC and to HTTPS (SSM) outside. Resources: <see cref="ClientHostBlueprint"/>.
/// </summary>
public sealed class ClientHost : ModelConstruct
{
    /// <summary>Creates the host.</summary>
    public ClientHost(Construct scope, string id, ClientHostProps props) : base(scope, id)
    {
        var instance = ClientHostBlueprint.Build(Model, props.Name, props.Network.Refs, props.Port,
            props.Probe is { } p ? new BundleLocation(p.Bucket, p.Key, p.Sha256) : null, props.InstanceType);
        EmitModel();
        InstanceId = Text(Templates.Model.Cfn.Ref(instance));
    }

    /// <summary>The client's instance ID (for SSM Run Command).</summary>
    public string InstanceId { get; }
}
