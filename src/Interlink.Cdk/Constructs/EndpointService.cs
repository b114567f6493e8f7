using Interlink.Templates.Blueprints;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="EndpointService"/>.</summary>
public sealed class EndpointServiceProps
{
    /// <summary>The NLB behind the service.</summary>
    public required string LoadBalancerArn { get; init; }

    /// <summary>Accounts allowed to create endpoints; null entries mean this stack's own account. Never <c>*</c>.</summary>
    public required IReadOnlyList<string?> AllowedAccounts { get; init; }

    /// <summary>Each endpoint connection must be accepted by the provider. Default: true.</summary>
    public bool AcceptanceRequired { get; init; } = true;

    /// <summary>Native mode: the Regions whose consumers may connect. Default: empty, same-Region only.</summary>
    public IReadOnlyList<string> SupportedRegions { get; init; } = [];
}

/// <summary>A VPC endpoint service on an NLB with permissions for exactly the consumer accounts. Resources: <see cref="EndpointServiceBlueprint"/>.</summary>
public sealed class EndpointService : ModelConstruct
{
    /// <summary>Creates the service and its permissions.</summary>
    public EndpointService(Construct scope, string id, EndpointServiceProps props) : base(scope, id)
    {
        var refs = EndpointServiceBlueprint.Build(Model, props.LoadBalancerArn, props.AllowedAccounts, props.AcceptanceRequired, props.SupportedRegions);
        EmitModel();
        ServiceId = Text(refs.ServiceId);
        ServiceName = Text(refs.ServiceName);
    }

    /// <summary>The service ID (<c>vpce-svc-…</c>).</summary>
    public string ServiceId { get; }

    /// <summary>The service name consumers connect to (<c>com.amazonaws.vpce.REGION.vpce-svc-…</c>).</summary>
    public string ServiceName { get; }
}
