using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interlink.Core.Wiring;

namespace Interlink.Deploy;

/// <summary>
/// Deploys the phases of a wiring manifest in order, the stacks of a phase side by side, each with its own
/// account's credentials; feeds each stack the outputs of earlier phases as parameters; accepts the endpoint
/// connections of the allowed consumer accounts; destroys in reverse. State is saved after every stack.
/// </summary>
/// <param name="cdk">Runs the CDK CLI.</param>
/// <param name="connections">Accepts and rejects endpoint connections.</param>
/// <param name="observer">Receives progress.</param>
public sealed class DeployOrchestrator(ICdkRunner cdk, IEndpointConnections connections, IDeployObserver observer)
{
    /// <summary>Deploys everything that is not already deployed as it is now.</summary>
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        var state = DeployState.Load(request.StatePath);
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
                await slots.WaitAsync(cancellationToken);
                try
                {
                    var outcome = await DeployStackAsync(request, state, name, cancellationToken);
                    lock (ran)
                        (outcome switch { true => ran, false => failed, null => skipped }).Add(name);
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

            if (failed.Count > 0)
                return new DeployOutcome(false, ran, skipped, failed);
        }

        if (!request.DryRun && request.AcceptanceRequired)
        {
            foreach (var service in EndpointServices(request, state))
                observer.Connections(service.Stack, "accepted", await connections.AcceptPendingAsync(service, cancellationToken));
        }

        return new DeployOutcome(true, ran, skipped, failed);
    }

    /// <summary>
    /// Accepts pending connections of the services whose consumers deploy in <paramref name="phase"/>, every
    /// <see cref="DeployRequest.AcceptInterval"/>, until the phase ends.
    /// </summary>
    private async Task AcceptWhileDeployingAsync(DeployRequest request, DeployState state, WiringPhase phase, CancellationToken phaseDone)
    {
        if (request.DryRun || !request.AcceptanceRequired)
            return;
        var consumersHere = phase.Stacks.ToHashSet(StringComparer.Ordinal);
        var services = EndpointServices(request, state)
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
                foreach (var service in services)
                {
                    var accepted = await connections.AcceptPendingAsync(service, phaseDone);
                    if (accepted.Count > 0)
                        observer.Connections(service.Stack, "accepted", accepted);
                }
            }
        }
        catch (OperationCanceledException) when (phaseDone.IsCancellationRequested)
        {
            // The phase is over; the final pass after the last phase accepts anything left.
        }
    }

    /// <summary>Destroys in reverse phase order, rejecting remaining endpoint connections before a service goes.</summary>
    public async Task<DeployOutcome> DestroyAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        var state = DeployState.Load(request.StatePath);
        var ran = new List<string>();
        var skipped = new List<string>();
        var failed = new List<string>();
        var services = EndpointServices(request, state).ToDictionary(s => s.Stack, StringComparer.Ordinal);
        foreach (var phase in request.Wiring.Phases.OrderByDescending(p => p.Index))
        {
            observer.PhaseStarted(phase.Index, phase.Stacks);
            var runs = phase.Stacks.Select(async name =>
            {
                var stack = request.Wiring.Stacks[name];
                if (state.Get(name)?.Status == StackStatus.Destroyed)
                {
                    observer.StackSkipped(name, "already destroyed");
                    lock (ran)
                        skipped.Add(name);
                    return;
                }

                var command = CdkCommands.Destroy(name, request.AssemblyDirectory, request.Profiles.For(name, stack.Account, stack.Role));
                observer.StackStarted(name, command);
                if (request.DryRun)
                    return;
                if (services.TryGetValue(name, out var service))
                    observer.Connections(name, "rejected", await connections.RejectAllAsync(service, cancellationToken));
                var clock = Stopwatch.StartNew();
                var result = await cdk.RunAsync(command, cancellationToken);
                lock (ran)
                {
                    if (result.Succeeded)
                    {
                        ran.Add(name);
                        state.Set(name, new StackState(StackStatus.Destroyed, "", new Dictionary<string, string>(), DateTimeOffset.UtcNow));
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
            if (failed.Count > 0)
                return new DeployOutcome(false, ran, skipped, failed);
        }

        return new DeployOutcome(true, ran, skipped, failed);
    }

    /// <summary>Deploys one stack: true when it ran and succeeded, false when it failed, null when skipped.</summary>
    private async Task<bool?> DeployStackAsync(DeployRequest request, DeployState state, string name, CancellationToken cancellationToken)
    {
        var stack = request.Wiring.Stacks[name];
        var parameters = Parameters(request, state, name);
        var fingerprint = Fingerprint(Path.Combine(request.AssemblyDirectory, stack.Template), parameters);
        if (!request.DryRun && state.Get(name) is { Status: StackStatus.Deployed } done && done.Fingerprint == fingerprint)
        {
            observer.StackSkipped(name, "deployed, unchanged");
            return null;
        }

        var outputsFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.StatePath))!, "outputs", $"{name}.json");
        var command = CdkCommands.Deploy(name, request.AssemblyDirectory, parameters, outputsFile, request.Profiles.For(name, stack.Account, stack.Role));
        observer.StackStarted(name, command);
        if (request.DryRun)
            return true;

        Directory.CreateDirectory(Path.GetDirectoryName(outputsFile)!);
        var clock = Stopwatch.StartNew();
        var result = await cdk.RunAsync(command, cancellationToken);
        if (!result.Succeeded)
        {
            state.Set(name, new StackState(StackStatus.Failed, fingerprint, new Dictionary<string, string>(), DateTimeOffset.UtcNow));
            observer.StackFailed(name, Tail(result.Output));
            return false;
        }

        state.Set(name, new StackState(StackStatus.Deployed, fingerprint, ReadOutputs(outputsFile, name), DateTimeOffset.UtcNow));
        observer.StackSucceeded(name, clock.Elapsed);
        return true;
    }

    /// <summary>
    /// A stack's parameter values: wired ones from the source stack's recorded outputs (a placeholder in dry
    /// runs when not deployed yet), the rest from the request's inputs.
    /// </summary>
    internal static Dictionary<string, string> Parameters(DeployRequest request, DeployState state, string name)
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
            else
            {
                throw new DeployException($"stack {name} needs parameter {parameter}, which no stack output feeds; pass it with --input {parameter}=VALUE");
            }
        }

        return values;
    }

    /// <summary>The endpoint services of the design with the consumer accounts allowed on each.</summary>
    private static IEnumerable<EndpointServiceRef> EndpointServices(DeployRequest request, DeployState state)
    {
        foreach (var (name, stack) in request.Wiring.Stacks)
        {
            if (!stack.Outputs.Contains(Outputs.EndpointServiceId) || state.Get(name)?.Outputs.GetValueOrDefault(Outputs.EndpointServiceId) is not { } serviceId)
                continue;
            var consumers = request.Wiring.Stacks.Values
                .Where(s => s.Parameters.TryGetValue(Outputs.EndpointServiceName, out var source) && source.Stack == name)
                .Select(s => s.Account)
                .Distinct()
                .ToList();
            yield return new EndpointServiceRef(name, serviceId, stack.Region, request.Profiles.For(name, stack.Account, stack.Role), consumers);
        }
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
