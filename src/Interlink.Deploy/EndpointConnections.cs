namespace Interlink.Deploy;

/// <summary>An endpoint service whose connections deploy manages.</summary>
/// <param name="Stack">The stack that holds it.</param>
/// <param name="ServiceId">Its ID (<c>vpce-svc-…</c>), from the stack's outputs.</param>
/// <param name="Region">Its Region.</param>
/// <param name="Profile">Profile for its account, or null for ambient credentials.</param>
/// <param name="AllowedAccounts">Consumer accounts whose connections are accepted; null entries mean the service's own account.</param>
public sealed record EndpointServiceRef(string Stack, string ServiceId, string Region, string? Profile, IReadOnlyList<string?> AllowedAccounts);

/// <summary>Accepts or rejects endpoint connections (AWS SDK for .NET, EC2, in production; fakes in tests).</summary>
public interface IEndpointConnections
{
    /// <summary>Accepts the pending connections of the allowed accounts, and no others; returns the endpoint IDs accepted.</summary>
    Task<IReadOnlyList<string>> AcceptPendingAsync(EndpointServiceRef service, CancellationToken cancellationToken);

    /// <summary>Rejects every remaining connection, so the service can be deleted; returns the endpoint IDs rejected.</summary>
    Task<IReadOnlyList<string>> RejectAllAsync(EndpointServiceRef service, CancellationToken cancellationToken);
}

/// <summary>Receives progress as the orchestrator works (the CLI renders it).</summary>
public interface IDeployObserver
{
    /// <summary>A phase starts.</summary>
    void PhaseStarted(int phase, IReadOnlyList<string> stacks);

    /// <summary>A stack's command is about to run (dry runs only report this).</summary>
    void StackStarted(string stack, CdkCommand command);

    /// <summary>A stack is left alone, with why.</summary>
    void StackSkipped(string stack, string reason);

    /// <summary>A stack finished.</summary>
    void StackSucceeded(string stack, TimeSpan took);

    /// <summary>A stack failed; <paramref name="tail"/> is the end of the CLI's output.</summary>
    void StackFailed(string stack, string tail);

    /// <summary>Endpoint connections were accepted or rejected.</summary>
    void Connections(string stack, string action, IReadOnlyList<string> endpointIds);
}
