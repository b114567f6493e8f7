using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interlink.Core.Wiring;
using Interlink.Deploy.Aws;

namespace Interlink.Deploy;

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
public sealed class DeployOrchestrator(ICdkRunner cdk, IEndpointConnections connections, IPeeringDns peeringDns, IDeployObserver observer)
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

    private async Task<(string, string)?> SetPeeringDnsAsync(PeeringDnsSide side, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await peeringDns.EnsureAsync(side, cancellationToken);
            observer.StepDone(side.Operator.Stack, $"{side.Side.ToString().ToLowerInvariant()} DNS resolution of peering {side.PeeringConnectionId} {(changed ? "switched on" : "already on")}");
            return null;
        }
        catch (DeployStepException e)
        {
            return (e.Stack, e.Message);
        }
    }

    /// <summary>The final pass over one service: accept, wait until available, and say plainly what is not.</summary>
    private async Task<(string, string)?> SettleAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        try
        {
            var settlement = await connections.SettleAsync(service, cancellationToken);
            observer.Connections(service.Stack, "accepted", settlement.Accepted);
            if (settlement.Unsettled.Count == 0)
                return null;
            return (service.Stack,
                $"{service.Stack}: endpoint service {service.ServiceId} ({service.Region}) still has connections that are not available when deploy ends: " +
                $"{string.Join("; ", settlement.Unsettled)}; check them with 'interlink status --live', accept them in the VPC console or run 'interlink deploy' again");
        }
        catch (DeployStepException e)
        {
            return (e.Stack, e.Message);
        }
    }

    /// <summary>
    /// The peering DNS options to set after <paramref name="phase"/>: the requester side of each relay with
    /// peeringDns deployed in it (relay stack's account and Region), the accepter side of each such relay when the
    /// provider-routes stack (provider account and Region) is in it.
    /// </summary>
    private static IEnumerable<PeeringDnsSide> PeeringDnsSides(DeployRequest request, DeployState state, WiringPhase phase)
    {
        foreach (var name in phase.Stacks)
        {
            var stack = request.Wiring.Stacks[name];
            if (stack.Role == StackRoles.Relay && request.PeeringDnsRelays.Contains(name))
                yield return new PeeringDnsSide(PeeringOf(state, name), PeeringSide.Requester, OperatorTargets.For(request.Wiring, state, request.Profiles, name));
            if (stack.Role == StackRoles.ProviderRoutes)
            {
                foreach (var relay in request.PeeringDnsRelays.Order(StringComparer.Ordinal))
                    yield return new PeeringDnsSide(PeeringOf(state, relay), PeeringSide.Accepter, OperatorTargets.For(request.Wiring, state, request.Profiles, name));
            }
        }
    }

    private static string PeeringOf(DeployState state, string relay) =>
        state.Get(relay)?.Outputs.GetValueOrDefault(Outputs.PeeringConnectionId)
        ?? throw new DeployStepException(relay, $"recorded no {Outputs.PeeringConnectionId} output, so its peering DNS options cannot be set; re-run 'interlink deploy'");

    /// <summary>
    /// Accepts pending connections of the services whose consumers deploy in <paramref name="phase"/>, every
    /// <see cref="DeployRequest.AcceptInterval"/>, until the phase ends.
    /// </summary>
    private async Task AcceptWhileDeployingAsync(DeployRequest request, DeployState state, WiringPhase phase, CancellationToken phaseDone)
    {
        if (request.DryRun || !request.AcceptanceRequired)
            return;
        var consumersHere = phase.Stacks.ToHashSet(StringComparer.Ordinal);
        var services = OperatorTargets.EndpointServices(request.Wiring, state, request.Profiles)
            .Where(s => request.Wiring.Stacks.Any(c => consumersHere.Contains(c.Key)
                && c.Value.Parameters.TryGetValue(Outputs.EndpointServiceName, out var source) && source.Stack == s.Stack))
            .ToList();
        if (services.Count == 0)
            return;
        var interval = request.AcceptInterval ?? TimeSpan.FromSeconds(20);
        try
        {
            while (true)
            {
                await Task.Delay(interval, phaseDone);
                foreach (var service in services.ToList())
                {
                    try
                    {
                        var accepted = await connections.AcceptPendingAsync(service, phaseDone);
                        if (accepted.Count > 0)
                            observer.Connections(service.Stack, "accepted", accepted);
                    }
                    catch (DeployStepException)
                    {
                        // Not while stacks deploy: the final pass meets the same error and reports it with exit 4.
                        services.Remove(service);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (phaseDone.IsCancellationRequested)
        {
            // The phase is over; the final pass after the last phase accepts anything left.
        }
    }

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

    /// <summary>
    /// A stack's parameter values: wired ones from the source stack's recorded outputs (a placeholder in dry
    /// runs when not deployed yet), the rest from the request's inputs.
    /// </summary>
    internal static Dictionary<string, string> Parameters(DeployRequest request, DeployState state, string name, List<string> missing)
    {
        var stack = request.Wiring.Stacks[name];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in TemplateParameters(Path.Combine(request.AssemblyDirectory, stack.Template)))
        {
            if (stack.Parameters.TryGetValue(parameter, out var source))
            {
                if (state.Get(source.Stack) is { Status: StackStatus.Deployed } deployed && deployed.Outputs.TryGetValue(source.Output, out var value))
                    values[parameter] = value;
                else if (request.DryRun)
                    values[parameter] = $"<{source.Stack}.{source.Output}>";
                else
                    throw new DeployException($"stack {name} needs output {source.Output} of {source.Stack}, which is not deployed; deploy runs phases in order, so re-run 'interlink deploy'");
            }
            else if (request.Inputs.TryGetValue(parameter, out var input))
            {
                values[parameter] = input;
            }
            else if (request.DryRun)
            {
                // A dry run shows every phase: the value is a placeholder here, and the run ends listing what is missing.
                values[parameter] = $"<missing: --input {parameter}=VALUE>";
                lock (missing)
                    missing.Add($"{parameter} ({name})");
            }
            else
            {
                throw new DeployException($"stack {name} needs parameter {parameter}, which no stack output feeds; pass it with --input {parameter}=VALUE");
            }
        }

        return values;
    }

    private static IEnumerable<string> TemplateParameters(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(template));
        if (!document.RootElement.TryGetProperty("Parameters", out var parameters))
            return [];
        return parameters.EnumerateObject().Select(p => p.Name).ToList();
    }

    private static Dictionary<string, string> ReadOutputs(string outputsFile, string stack)
    {
        if (!File.Exists(outputsFile))
            return new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(outputsFile));
        return document.RootElement.TryGetProperty(stack, out var outputs)
            ? outputs.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static string Fingerprint(string template, IReadOnlyDictionary<string, string> parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(template));
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{key}={value}"));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.TakeLast(15));
    }
}
