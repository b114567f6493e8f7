using Interlink.Deploy.Aws;

namespace Interlink.Deploy;

/// <summary>An endpoint service whose connections deploy manages.</summary>
/// <param name="Stack">The stack that holds it.</param>
/// <param name="ServiceId">Its ID (<c>vpce-svc-…</c>), from the stack's outputs.</param>
/// <param name="Operator">Whose credentials act on it: its stack's account and Region, profile, operator role.</param>
/// <param name="AllowedAccounts">Consumer accounts whose connections are accepted; null entries mean the service's own account.</param>
/// <param name="ExpectedEndpoints">The deployed consumer endpoints that must end up connected.</param>
public sealed record EndpointServiceRef(
    string Stack,
    string ServiceId,
    OperatorTarget Operator,
    IReadOnlyList<string?> AllowedAccounts,
    IReadOnlyList<ExpectedEndpoint> ExpectedEndpoints)
{
    /// <summary>The service's Region.</summary>
    public string Region => Operator.Region;
}

/// <summary>A consumer's interface endpoint, as its stack's outputs recorded it.</summary>
/// <param name="ConsumerStack">The consumer stack.</param>
/// <param name="EndpointId">Its endpoint (<c>vpce-…</c>).</param>
public sealed record ExpectedEndpoint(string ConsumerStack, string EndpointId);

/// <summary>How a service's connections ended after the final pass.</summary>
/// <param name="Accepted">Endpoints accepted by this pass.</param>
/// <param name="Unsettled">One line per connection of an allowed account not available when the wait ended (empty when all are).</param>
public sealed record ConnectionSettlement(IReadOnlyList<string> Accepted, IReadOnlyList<string> Unsettled);

/// <summary>Accepts or rejects endpoint connections (AWS SDK for .NET, EC2, in production; fakes in tests).</summary>
public interface IEndpointConnections
{
    /// <summary>Accepts the pending connections of the allowed accounts, and no others; returns the endpoint IDs accepted.</summary>
    Task<IReadOnlyList<string>> AcceptPendingAsync(EndpointServiceRef service, CancellationToken cancellationToken);

    /// <summary>
    /// The final pass: accepts what is pending from the allowed accounts, then waits (bounded) until every connection of
    /// an allowed account and every expected endpoint is available; reports what is not.
    /// </summary>
    Task<ConnectionSettlement> SettleAsync(EndpointServiceRef service, CancellationToken cancellationToken);

    /// <summary>Rejects every remaining connection, so the service can be deleted; returns the endpoint IDs rejected.</summary>
    Task<IReadOnlyList<string>> RejectAllAsync(EndpointServiceRef service, CancellationToken cancellationToken);
}

/// <summary>Which side of a VPC peering a stack owns.</summary>
public enum PeeringSide
{
    /// <summary>The relay, which requested the peering.</summary>
    Requester,

    /// <summary>The provider, which accepted it.</summary>
    Accepter,
}

/// <summary>One side's peering DNS option to switch on.</summary>
/// <param name="PeeringConnectionId">The peering (<c>pcx-…</c>).</param>
/// <param name="Side">The side the stack owns.</param>
/// <param name="Operator">Whose credentials act on it: that side's stack, account and Region.</param>
public sealed record PeeringDnsSide(string PeeringConnectionId, PeeringSide Side, OperatorTarget Operator);

/// <summary>Sets peering DNS options outside CloudFormation, which cannot (EC2 SDK in production; fakes in tests).</summary>
public interface IPeeringDns
{
    /// <summary>Waits (bounded) for the peering to be active, then switches the side's DNS resolution on; false when it already was.</summary>
    Task<bool> EnsureAsync(PeeringDnsSide side, CancellationToken cancellationToken);
}
