namespace Interlink.Core.Wiring;

/// <summary>Stack roles and the output and parameter names that wire them together.</summary>
public static class StackRoles
{
    /// <summary>Provider VPC, service hosts (and in native mode the NLB and endpoint service).</summary>
    public const string Provider = "provider";

    /// <summary>Relay VPC, peering request, NLB and endpoint service in a consumer Region.</summary>
    public const string Relay = "relay";

    /// <summary>Provider-side routes to each relay over its peering, once the peerings exist.</summary>
    public const string ProviderRoutes = "provider-routes";

    /// <summary>Consumer endpoint and client host.</summary>
    public const string Consumer = "consumer";
}

/// <summary>Output names; also the parameter names where one stack feeds another.</summary>
public static class Outputs
{
    /// <summary>Provider: the VPC ID.</summary>
    public const string VpcId = "VpcId";

    /// <summary>Provider: route tables of the target subnets, comma-separated, in subnet order.</summary>
    public const string PrivateRouteTableIds = "PrivateRouteTableIds";

    /// <summary>Relay: the peering connection to the provider.</summary>
    public const string PeeringConnectionId = "PeeringConnectionId";

    /// <summary>Relay (native: provider): the endpoint service name consumers connect to.</summary>
    public const string EndpointServiceName = "EndpointServiceName";

    /// <summary>Relay (native: provider): the endpoint service ID.</summary>
    public const string EndpointServiceId = "EndpointServiceId";

    /// <summary>Relay (native: provider): AZ IDs the NLB serves, comma-separated.</summary>
    public const string ServedAzIds = "ServedAzIds";

    /// <summary>Consumer: the interface endpoint ID.</summary>
    public const string EndpointId = "EndpointId";

    /// <summary>Consumer: the endpoint's DNS names, comma-separated.</summary>
    public const string EndpointDnsNames = "EndpointDnsNames";

    /// <summary>Consumer: the client host's instance ID (for SSM).</summary>
    public const string ClientInstanceId = "ClientInstanceId";

    /// <summary>Parameter of provider-routes fed by relay <paramref name="region"/>'s peering ID.</summary>
    public static string PeeringParameter(string region) => "PeeringConnectionId" + string.Concat(region.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>
    /// Relay, provider-routes (native: provider): the ARN of the stack's operator role, which <c>interlink deploy</c>
    /// assumes for what it does outside CloudFormation in that stack's account and Region (accepting endpoint
    /// connections, setting peering DNS options). Absent when the stack needs nothing done outside CloudFormation.
    /// </summary>
    public const string OperatorRoleArn = "OperatorRoleArn";

    /// <summary>Provider: the ARN of the peering-accepter role for relay <paramref name="region"/> (feeds that relay's PeerRoleArn).</summary>
    public static string AccepterRoleArn(string region) => "PeeringAccepterRoleArn" + string.Concat(region.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Provider: the provider VPC ID parameter in relay stacks.</summary>
    public const string ProviderVpcId = "ProviderVpcId";
}
