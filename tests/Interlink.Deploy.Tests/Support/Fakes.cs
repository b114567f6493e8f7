namespace Interlink.Deploy.Tests.Support;

/// <summary>Records what the orchestrator asked of the endpoint-connection API.</summary>
public sealed class FakeConnections : IEndpointConnections
{
    /// <summary>Services whose pending connections were accepted, in call order.</summary>
    public List<EndpointServiceRef> Accepted { get; } = [];

    /// <summary>Services whose connections were rejected, in call order.</summary>
    public List<EndpointServiceRef> Rejected { get; } = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> AcceptPendingAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        Accepted.Add(service);
        return Task.FromResult<IReadOnlyList<string>>([$"vpce-for-{service.Stack}"]);
    }

    /// <summary>Services given the final pass, in call order.</summary>
    public List<EndpointServiceRef> Settled { get; } = [];

    /// <inheritdoc />
    public Task<ConnectionSettlement> SettleAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        Accepted.Add(service);
        Settled.Add(service);
        return Task.FromResult(new ConnectionSettlement([$"vpce-for-{service.Stack}"], []));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RejectAllAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        Rejected.Add(service);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }
}

/// <summary>Records the peering DNS sides the orchestrator asked for.</summary>
public sealed class FakePeeringDns : IPeeringDns
{
    /// <summary>Sides in call order.</summary>
    public List<PeeringDnsSide> Sides { get; } = [];

    /// <inheritdoc />
    public Task<bool> EnsureAsync(PeeringDnsSide side, CancellationToken cancellationToken)
    {
        lock (Sides)
            Sides.Add(side);
        return Task.FromResult(true);
    }
}

/// <summary>Collects progress events as lines.</summary>
public sealed class RecordingObserver : IDeployObserver
{
    /// <summary>Events in order.</summary>
    public List<string> Events { get; } = [];

    /// <summary>Commands reported as started, by stack.</summary>
    public Dictionary<string, CdkCommand> Commands { get; } = [];

    /// <inheritdoc />
    public void PhaseStarted(int phase, IReadOnlyList<string> stacks) => Add($"phase {phase}");

    /// <inheritdoc />
    public void StackStarted(string stack, CdkCommand command)
    {
        lock (Events)
            Commands[stack] = command;
        Add($"start {stack}");
    }

    /// <inheritdoc />
    public void StackSkipped(string stack, string reason) => Add($"skip {stack}: {reason}");

    /// <inheritdoc />
    public void StackSucceeded(string stack, TimeSpan took) => Add($"done {stack}");

    /// <inheritdoc />
    public void StackFailed(string stack, string tail) => Add($"fail {stack}: {tail}");

    /// <inheritdoc />
    public void Connections(string stack, string action, IReadOnlyList<string> endpointIds) => Add($"{action} {stack}: {string.Join(",", endpointIds)}");

    /// <inheritdoc />
    public void StepDone(string stack, string what) => Add($"step {stack}: {what}");

    /// <inheritdoc />
    public void StepFailed(string stack, string message) => Add($"step failed {stack}: {message}");

    private void Add(string line)
    {
        lock (Events)
            Events.Add(line);
    }
}
