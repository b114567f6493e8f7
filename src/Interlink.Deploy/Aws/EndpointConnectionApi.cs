namespace Interlink.Deploy.Aws;

/// <summary>One connection request to an endpoint service.</summary>
/// <param name="EndpointId">The consumer's endpoint (<c>vpce-…</c>).</param>
/// <param name="Owner">The account that owns the endpoint.</param>
/// <param name="State">pendingAcceptance, available, rejected, …</param>
public sealed record EndpointConnection(string EndpointId, string Owner, string State);

/// <summary>The few EC2 calls endpoint-connection handling needs, for one service's account and Region.</summary>
public interface IEndpointConnectionApi
{
    /// <summary>The account the credentials belong to.</summary>
    Task<string> CallerAccountAsync(CancellationToken cancellationToken);

    /// <summary>The service's connections.</summary>
    Task<IReadOnlyList<EndpointConnection>> ListAsync(string serviceId, CancellationToken cancellationToken);

    /// <summary>Accepts the given endpoints' connections.</summary>
    Task AcceptAsync(string serviceId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken);

    /// <summary>Rejects the given endpoints' connections.</summary>
    Task RejectAsync(string serviceId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken);
}

/// <summary>
/// Accepts pending connections from the allowed consumer accounts only (anyone else stays pending, for the
/// provider to judge), and rejects every remaining connection before a service is destroyed.
/// </summary>
/// <param name="apiFor">The API for a service's Region and profile.</param>
public sealed class EndpointConnectionManager(Func<EndpointServiceRef, IEndpointConnectionApi> apiFor) : IEndpointConnections
{
    /// <summary>State of a connection waiting for the provider.</summary>
    public const string Pending = "pendingAcceptance";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AcceptPendingAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var api = apiFor(service);
        // A null account is the design's "same account as the provider side": the caller's own.
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in service.AllowedAccounts)
            allowed.Add(account ?? await api.CallerAccountAsync(cancellationToken));

        var pending = (await api.ListAsync(service.ServiceId, cancellationToken))
            .Where(c => c.State == Pending && allowed.Contains(c.Owner))
            .Select(c => c.EndpointId)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (pending.Count > 0)
            await api.AcceptAsync(service.ServiceId, pending, cancellationToken);
        return pending;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RejectAllAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var api = apiFor(service);
        var remaining = (await api.ListAsync(service.ServiceId, cancellationToken))
            .Where(c => c.State is Pending or "available" or "pending")
            .Select(c => c.EndpointId)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (remaining.Count > 0)
            await api.RejectAsync(service.ServiceId, remaining, cancellationToken);
        return remaining;
    }
}
