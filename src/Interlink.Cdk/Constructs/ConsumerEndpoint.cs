using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ConsumerEndpoint"/>.</summary>
public sealed class ConsumerEndpointProps
{
    /// <summary>Name prefix for tags.</summary>
    public required string Name { get; init; }

    /// <summary>The consumer network.</summary>
    public required Network Network { get; init; }

    /// <summary>The endpoint service name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>Port consumers connect to.</summary>
    public required int Port { get; init; }

    /// <summary>Indexes of the private subnets to place the endpoint in (AZs the service's NLB serves).</summary>
    public required IReadOnlyList<int> SubnetIndexes { get; init; }

    /// <summary>Native mode: the service's Region when it differs from the consumer's. Default: null.</summary>
    public string? ServiceRegion { get; init; }

    /// <summary>Friendly name resolving to the endpoint, in a private hosted zone of the VPC. Default: null, none.</summary>
    public string? HostedZoneName { get; init; }
}

/// <summary>
/// An interface endpoint in the consumer VPC: a security group admitting the service port from the VPC, the endpoint in
/// the subnets whose AZs the service's NLB serves, and optionally a friendly DNS name. Resources: <see cref="ConsumerEndpointBlueprint"/>.
/// </summary>
public sealed class ConsumerEndpoint : ModelConstruct
{
    /// <summary>Creates the endpoint.</summary>
    public ConsumerEndpoint(Construct scope, string id, ConsumerEndpointProps props) : base(scope, id)
    {
        var refs = ConsumerEndpointBlueprint.Build(Model, new ConsumerEndpointSpec(props.Name, props.Network.Refs, props.ServiceName, props.Port,
            props.SubnetIndexes, props.ServiceRegion, props.HostedZoneName));
        EmitModel();
        EndpointId = Text(Cfn.Ref(refs.Endpoint));
    }

    /// <summary>The endpoint ID.</summary>
    public string EndpointId { get; }
}
