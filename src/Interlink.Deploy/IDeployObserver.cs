namespace Interlink.Deploy;

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

    /// <summary>A step outside CloudFormation finished (peering DNS options set, or already set).</summary>
    void StepDone(string stack, string what);

    /// <summary>A step outside CloudFormation failed; deploy ends with exit 4.</summary>
    void StepFailed(string stack, string message);

    /// <summary>A stack's CDK CLI was stopped because the run was interrupted (Ctrl-C, SIGTERM).</summary>
    void StackInterrupted(string stack) => StackFailed(stack, "interrupted");
}
