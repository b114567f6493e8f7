using System.Diagnostics;
using Interlink.Core.Wiring;
using Interlink.Deploy.Aws;

namespace Interlink.Deploy;

// Destroying: the stacks of the design and those the record holds that the design no longer has (orphans), in
// reverse phase order, each endpoint service's connections rejected before it goes.
public sealed partial class DeployOrchestrator
{
    /// <summary>
    /// Destroys in reverse phase order, rejecting remaining endpoint connections before a service goes: every stack of
    /// the design and every recorded stack the design no longer has.
    /// </summary>
    public Task<DeployOutcome> DestroyAsync(DeployRequest request, CancellationToken cancellationToken) =>
        DestroyStacksAsync(request, design: true, cancellationToken);

    /// <summary>Destroys only the recorded stacks the design no longer has (<c>deploy --remove-orphans</c>), in reverse phase order.</summary>
    public Task<DeployOutcome> RemoveOrphansAsync(DeployRequest request, CancellationToken cancellationToken) =>
        DestroyStacksAsync(request, design: false, cancellationToken);

    private async Task<DeployOutcome> DestroyStacksAsync(DeployRequest request, bool design, CancellationToken cancellationToken)
    {
        using var held = Lock(request, design ? "destroy" : "deploy --remove-orphans");
        var state = DeployState.Load(request.StatePath);
        var interrupted = new List<string>();
        var ran = new List<string>();
        var skipped = new List<string>();
        var failed = new List<string>();
        var problems = new List<string>();
        var services = OperatorTargets.EndpointServices(request.Wiring, state, request.Profiles).ToDictionary(s => s.Stack, StringComparer.Ordinal);
        var record = new DeployedRecord(request.StatePath);
        var orphans = Orphans(request, record);
        var stacks = request.Wiring.Stacks.Where(_ => design).Select(s => (Name: s.Key, Stack: s.Value, App: request.AssemblyDirectory))
            .Concat(orphans.Select(o => (Name: o.Key, Stack: o.Value, App: record.Directory)))
            .ToList();
        foreach (var phase in stacks.GroupBy(s => s.Stack.Phase).OrderByDescending(g => g.Key))
        {
            observer.PhaseStarted(phase.Key, phase.Select(s => s.Name).ToList());
            var runs = phase.Select(async entry =>
            {
                var (name, stack, app) = entry;
                if (state.Get(name)?.Status == StackStatus.Destroyed)
                {
                    observer.StackSkipped(name, "already destroyed");
                    lock (ran)
                        skipped.Add(name);
                    return;
                }

                var command = CdkCommands.Destroy(name, app, request.Profiles.For(name, stack.Account, stack.Role));
                observer.StackStarted(name, command);
                if (request.DryRun)
                {
                    lock (ran)
                        ran.Add(name); // would run
                    return;
                }

                if (services.TryGetValue(name, out var service))
                {
                    try
                    {
                        observer.Connections(name, "rejected", await connections.RejectAllAsync(service, cancellationToken));
                    }
                    catch (DeployStepException e)
                    {
                        observer.StepFailed(name, e.Message);
                        lock (ran)
                        {
                            failed.Add(name);
                            problems.Add(e.Message);
                        }

                        return;
                    }
                }

                if (cancellationToken.IsCancellationRequested)
                    return; // interrupted before its turn: it never started
                var clock = Stopwatch.StartNew();
                CdkResult result;
                try
                {
                    result = await cdk.RunAsync(command, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    lock (ran)
                    {
                        interrupted.Add(name);
                        // Outputs kept: the next destroy still needs the endpoint service's ID to reject its connections.
                        var before = state.Get(name);
                        state.Set(name, new StackState(StackStatus.Interrupted, before?.Fingerprint ?? "", before?.Outputs ?? new Dictionary<string, string>(), DateTimeOffset.UtcNow));
                    }

                    observer.StackInterrupted(name);
                    return;
                }

                lock (ran)
                {
                    if (result.Succeeded)
                    {
                        ran.Add(name);
                        state.Set(name, new StackState(StackStatus.Destroyed, "", new Dictionary<string, string>(), DateTimeOffset.UtcNow));
                        record.Forget(name);
                        observer.StackSucceeded(name, clock.Elapsed);
                    }
                    else
                    {
                        failed.Add(name);
                        observer.StackFailed(name, Tail(result.Output));
                    }
                }
            });
            await Task.WhenAll(runs);
            if (cancellationToken.IsCancellationRequested)
                return new DeployOutcome(false, ran, skipped, [.. interrupted, .. failed], problems, Interrupted: true);
            if (failed.Count > 0)
                return new DeployOutcome(false, ran, skipped, failed, problems);
        }

        return new DeployOutcome(true, ran, skipped, failed);
    }

    /// <summary>
    /// Stacks the record holds as deployed that the design no longer has (a consumer or relay taken out of the
    /// config): <c>destroy</c> removes them from the record's own assembly, since the new one has no such stack.
    /// </summary>
    public static IReadOnlyDictionary<string, WiringStack> Orphans(DeployRequest request, DeployedRecord record) =>
        (record.Wiring()?.Stacks ?? new Dictionary<string, WiringStack>())
            .Where(s => !request.Wiring.Stacks.ContainsKey(s.Key))
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
