using System.Diagnostics;

namespace Interlink.Deploy;

// Deploying: the phases in order, the stacks of a phase side by side, and each stack run or skipped. The rest of the class:
// DeployOrchestrator.OperatorSteps.cs (what deploy does itself where CloudFormation cannot), .Destroy.cs (destroy and
// orphan removal) and .Parameters.cs (parameter values, recorded outputs, the fingerprint of a deployed stack).

/// <summary>
/// Deploys the phases of a wiring manifest in order, the stacks of a phase side by side, each with its own
/// account's credentials; feeds each stack the outputs of earlier phases as parameters; after each phase does what
/// CloudFormation cannot (peering DNS options, each side as its owner); accepts the endpoint connections of the
/// allowed consumer accounts and fails unless they all end up available; destroys in reverse. State is saved
/// after every stack.
/// </summary>
/// <param name="cdk">Runs the CDK CLI.</param>
/// <param name="connections">Accepts and rejects endpoint connections.</param>
/// <param name="peeringDns">Sets peering DNS options.</param>
/// <param name="observer">Receives progress.</param>
public sealed partial class DeployOrchestrator(ICdkRunner cdk, IEndpointConnections connections, IPeeringDns peeringDns, IDeployObserver observer)
{
    /// <summary>Deploys everything that is not already deployed as it is now.</summary>
    /// <exception cref="DeployLockedException">Another deploy or destroy of the design is running.</exception>
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        using var held = Lock(request, "deploy");
        var state = DeployState.Load(request.StatePath);
        var interrupted = new List<string>();
        var missing = new List<string>();
        var ran = new List<string>();
        var skipped = new List<string>();
        var failed = new List<string>();
        foreach (var phase in request.Wiring.Phases.OrderBy(p => p.Index))
        {
            observer.PhaseStarted(phase.Index, phase.Stacks);
            using var phaseDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var accepting = AcceptWhileDeployingAsync(request, state, phase, phaseDone.Token);
            using var slots = new SemaphoreSlim(Math.Max(1, request.MaxParallel));
            var runs = phase.Stacks.Select(async name =>
            {
                try
                {
                    await slots.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return; // interrupted before its turn: it never started
                }

                try
                {
                    var outcome = await DeployStackAsync(request, state, name, missing, cancellationToken);
                    lock (ran)
                        (outcome switch { StackRun.Ran => ran, StackRun.Failed => failed, StackRun.Interrupted => interrupted, _ => skipped }).Add(name);
                }
                finally
                {
                    slots.Release();
                }
            });
            try
            {
                await Task.WhenAll(runs);
            }
            finally
            {
                await phaseDone.CancelAsync();
                await accepting;
            }

            if (cancellationToken.IsCancellationRequested)
                return new DeployOutcome(false, ran, skipped, [.. interrupted, .. failed], Interrupted: true);
            if (failed.Count > 0)
                return new DeployOutcome(false, ran, skipped, failed);
            if (!request.DryRun && await StepsAsync(PeeringDnsSides(request, state, phase), side => SetPeeringDnsAsync(side, cancellationToken)) is { Count: > 0 } dnsProblems)
                return Failure(ran, skipped, dnsProblems);
        }

        if (!request.DryRun && request.AcceptanceRequired && !cancellationToken.IsCancellationRequested
            && await StepsAsync(OperatorTargets.EndpointServices(request.Wiring, state, request.Profiles).ToList(), service => SettleAsync(service, cancellationToken)) is { Count: > 0 } problems)
            return Failure(ran, skipped, problems);

        return new DeployOutcome(true, ran, skipped, failed, MissingInputs: missing.Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Runs a step per item, one after the other; returns (stack, message) for each that failed.</summary>
    private static async Task<List<(string Stack, string Message)>> StepsAsync<T>(IEnumerable<T> items, Func<T, Task<(string Stack, string Message)?>> step)
    {
        var problems = new List<(string, string)>();
        foreach (var item in items)
        {
            if (await step(item) is { } problem)
                problems.Add(problem);
        }

        return problems;
    }

    private DeployOutcome Failure(List<string> ran, List<string> skipped, List<(string Stack, string Message)> problems)
    {
        foreach (var (stack, message) in problems)
            observer.StepFailed(stack, message);
        return new DeployOutcome(false, ran, skipped, problems.Select(p => p.Stack).Distinct().ToList(), problems.Select(p => p.Message).ToList());
    }

    private enum StackRun { Ran, Failed, Skipped, Interrupted }

    /// <summary>
    /// The design's lock for this call, unless the caller holds it or nothing will be written (a dry run): two deploys
    /// at once would run every stack twice and one's state write would drop the other's result.
    /// </summary>
    private static DeployLock? Lock(DeployRequest request, string command) =>
        request.DryRun || request.LockHeld ? null : DeployLock.Acquire(request.StatePath, command);

    /// <summary>Deploys one stack, or skips it when it is deployed as it is now.</summary>
    private async Task<StackRun> DeployStackAsync(DeployRequest request, DeployState state, string name, List<string> missing, CancellationToken cancellationToken)
    {
        var stack = request.Wiring.Stacks[name];
        var parameters = Parameters(request, state, name, missing);
        var fingerprint = Fingerprint(Path.Combine(request.AssemblyDirectory, stack.Template), parameters);
        if (!request.DryRun && state.Get(name) is { Status: StackStatus.Deployed } done && done.Fingerprint == fingerprint)
        {
            // Deployed before the record existed (an earlier Interlink): record it once, as it is.
            var record = new DeployedRecord(request.StatePath);
            if (record.Wiring()?.Stacks.ContainsKey(name) != true)
                record.Record(request.AssemblyDirectory, request.Wiring, name, parameters);
            observer.StackSkipped(name, "deployed, unchanged");
            return StackRun.Skipped;
        }

        var outputsFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.StatePath))!, "outputs", $"{name}.json");
        var command = CdkCommands.Deploy(name, request.AssemblyDirectory, parameters, outputsFile, request.Profiles.For(name, stack.Account, stack.Role));
        observer.StackStarted(name, command);
        if (request.DryRun)
            return StackRun.Ran;

        Directory.CreateDirectory(Path.GetDirectoryName(outputsFile)!);
        var clock = Stopwatch.StartNew();
        CdkResult result;
        try
        {
            result = await cdk.RunAsync(command, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The CLI is stopped; CloudFormation may still finish or roll back the stack. Recorded so the next deploy
            // runs it again (CloudFormation makes that a no-op or an update) and 'status' says what happened.
            state.Set(name, new StackState(StackStatus.Interrupted, fingerprint, state.Get(name)?.Outputs ?? new Dictionary<string, string>(), DateTimeOffset.UtcNow));
            observer.StackInterrupted(name);
            return StackRun.Interrupted;
        }

        if (!result.Succeeded)
        {
            state.Set(name, new StackState(StackStatus.Failed, fingerprint, new Dictionary<string, string>(), DateTimeOffset.UtcNow));
            observer.StackFailed(name, Tail(result.Output));
            return StackRun.Failed;
        }

        state.Set(name, new StackState(StackStatus.Deployed, fingerprint, ReadOutputs(outputsFile, name), DateTimeOffset.UtcNow));
        new DeployedRecord(request.StatePath).Record(request.AssemblyDirectory, request.Wiring, name, parameters);
        observer.StackSucceeded(name, clock.Elapsed);
        return StackRun.Ran;
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.TakeLast(15));
    }
}
