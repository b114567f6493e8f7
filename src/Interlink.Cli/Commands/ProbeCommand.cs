using System.ComponentModel;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Deploy;
using Interlink.Deploy.Aws;
using Interlink.Pipeline;
using Interlink.Probe;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink probe</c>.</summary>
public sealed class ProbeSettings : CommandSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml) of a deployed design.")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>Requests per client.</summary>
    [CommandOption("-n|--requests <N>")]
    [Description("Requests each client host sends.")]
    [DefaultValue(200)]
    public int Requests { get; init; } = 200;

    /// <summary>Concurrency per client.</summary>
    [CommandOption("-c|--concurrency <C>")]
    [Description("Requests in flight at once on each client.")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;

    /// <summary>Profiles per stack, account or role.</summary>
    [CommandOption("-p|--profile <KEY=NAME>")]
    [Description("AWS profile per role, account ID, stack name or *, as for deploy; repeatable.")]
    public string[] Profiles { get; init; } = [];
}

/// <summary>
/// <c>interlink probe</c>: runs the probe on each consumer client host through Systems Manager Run Command,
/// against that consumer's endpoint, and prints its figures. Exit 0 when every request succeeded, 3 otherwise.
/// </summary>
public sealed class ProbeCommand(IAnsiConsole console) : AsyncCommand<ProbeSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, ProbeSettings settings, CancellationToken cancellationToken)
    {
        var report = DesignPipeline.Validate(settings.File);
        if (!report.IsValid)
        {
            Rendering.DiagnosticText.Write(console, report);
            return ExitCodes.InvalidInput;
        }

        var topology = DesignPipeline.Topology(report);
        var wiring = DesignPipeline.Wiring(topology);
        DeployState state;
        ProfileMap profiles;
        try
        {
            state = DeployState.Load(DesignPipeline.StatePath(settings.File, topology.Name));
            profiles = ProfileMap.Parse(settings.Profiles);
        }
        catch (DeployException e)
        {
            throw new UsageException(e.Message);
        }

        var targets = Targets(topology, wiring, state, profiles).ToList();
        if (targets.Count == 0)
            throw new UsageException($"nothing to probe: no consumer with a client host is deployed (run 'interlink deploy {settings.File}' first; only consumers with 'client: true' get one)");

        // Run Command acts in each consumer's account: the same credential model as deploy (profile, or the
        // ambient credentials when they are that account's), proven with GetCallerIdentity first.
        var aws = DeployServices.Current.Aws();
        try
        {
            var credentials = new OperatorCredentials(aws, wiring.Name);
            var sessions = new Dictionary<string, OperatorSession>(StringComparer.Ordinal);
            foreach (var target in targets)
                sessions[target.Consumer] = await credentials.ForAsync(target.Operator, cancellationToken);
            var prober = new RemoteProber(t => aws.Ssm(t.Region, sessions[t.Consumer].Credentials), TimeSpan.FromSeconds(3));
            return await RunAsync(prober, targets, settings, cancellationToken);
        }
        finally
        {
            (aws as IDisposable)?.Dispose();
        }
    }

    private async Task<int> RunAsync(RemoteProber prober, List<ProbeTarget> targets, ProbeSettings settings, CancellationToken cancellationToken)
    {
        var allPassed = true;
        foreach (var result in await Task.WhenAll(targets.Select(t => prober.RunAsync(t, settings.Requests, settings.Concurrency, cancellationToken))))
        {
            console.MarkupLineInterpolated($"[bold]{result.Target.Consumer}[/] ({result.Target.InstanceId}, {result.Target.Region}) → {result.Target.Url}");
            if (result.Report is { } probe)
            {
                var text = new StringWriter();
                ProbeText.Write(text, probe);
                console.Profile.Out.Writer.Write(text.ToString());
            }
            else
            {
                console.MarkupLineInterpolated($"  [red]no figures[/]: {result.Problem}");
            }

            allPassed &= result.Succeeded;
        }

        return allPassed ? ExitCodes.Ok : ExitCodes.FindingsBlock;
    }

    /// <summary>Each deployed consumer with a client host, and the URL of its endpoint's Regional DNS name.</summary>
    private static IEnumerable<ProbeTarget> Targets(Topology topology, WiringManifest wiring, DeployState state, ProfileMap profiles)
    {
        foreach (var consumer in topology.Consumers.Where(c => c.Client))
        {
            var name = NameScheme.ConsumerStack(topology.Name, consumer.Name);
            if (state.Get(name) is not { Status: StackStatus.Deployed } deployed
                || !deployed.Outputs.TryGetValue(Outputs.ClientInstanceId, out var instance)
                || !deployed.Outputs.TryGetValue(Outputs.EndpointDnsNames, out var dns))
                continue;
            // DNS entries are "hostedZoneId:name"; the first is the Regional name.
            var host = dns.Split(',')[0].Split(':').Last();
            yield return new ProbeTarget(name, instance, consumer.Network.Region, OperatorTargets.For(wiring, state, profiles, name),
                new Uri($"http://{host}:{topology.Service.Port}/"));
        }
    }
}
