using System.ComponentModel;
using Interlink.Core.Wiring;
using Interlink.Deploy;
using Interlink.Deploy.Aws;
using Interlink.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>Options of <c>interlink status</c>.</summary>
public sealed class StatusSettings : CommandSettings
{
    /// <summary>The config file.</summary>
    [CommandArgument(0, "[FILE]")]
    [Description("Config file (default: ./interlink.yaml).")]
    public string File { get; init; } = DefaultFile.Name;

    /// <summary>Ask EC2 for the endpoint connections' states.</summary>
    [CommandOption("--live")]
    [Description("Also ask EC2 for each endpoint service's connection states (needs credentials; see --profile).")]
    public bool Live { get; init; }

    /// <summary>Profiles per stack, account or role.</summary>
    [CommandOption("-p|--profile <KEY=NAME>")]
    [Description("AWS profile per role, account ID, stack name or *, as for deploy; repeatable.")]
    public string[] Profiles { get; init; } = [];
}

/// <summary>
/// <c>interlink status</c>: each stack as the last deploy or destroy left it, and each consumer endpoint's ID and
/// DNS names, from the state file beside the config (no AWS call).
/// </summary>
public sealed class StatusCommand(IAnsiConsole console) : AsyncCommand<StatusSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        var report = DesignPipeline.Validate(settings.File);
        if (!report.IsValid)
        {
            Rendering.DiagnosticText.Write(console, report);
            return ExitCodes.InvalidInput;
        }

        var statePath = DesignPipeline.StatePath(settings.File, report.Config!.Name);
        if (!File.Exists(statePath))
        {
            console.MarkupLineInterpolated($"{settings.File}: not deployed (no state at {statePath}); run 'interlink deploy {settings.File}'");
            return ExitCodes.Ok;
        }

        DeployState state;
        ProfileMap profiles;
        try
        {
            state = DeployState.Load(statePath);
            profiles = ProfileMap.Parse(settings.Profiles);
        }
        catch (DeployException e)
        {
            throw new UsageException(e.Message);
        }

        var table = new Table().AddColumns("Stack", "Status", "Updated (UTC)", "Endpoint", "DNS names");
        var wiring = DesignPipeline.Wiring(DesignPipeline.Topology(report));
        var design = wiring.Phases.SelectMany(p => p.Stacks).ToList();
        // Stacks the state holds as deployed that the config no longer has: deploy leaves them running.
        var orphans = state.StackNames.Where(s => !design.Contains(s) && state.Get(s)?.Status != StackStatus.Destroyed).ToList();
        foreach (var stack in design.Concat(orphans))
        {
            var entry = state.Get(stack);
            var outputs = entry?.Outputs ?? new Dictionary<string, string>();
            table.AddRow(
                Markup.Escape(stack),
                (entry?.Status.ToString().ToLowerInvariant() ?? "not deployed") + (orphans.Contains(stack) ? ", no longer in the design" : ""),
                entry?.Updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(outputs.GetValueOrDefault(Outputs.EndpointId) ?? outputs.GetValueOrDefault(Outputs.EndpointServiceId) ?? ""),
                Markup.Escape(string.Join(" ", (outputs.GetValueOrDefault(Outputs.EndpointDnsNames) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => e[(e.IndexOf(':') + 1)..]))));
        }

        console.Write(table);
        if (orphans.Count > 0)
            console.MarkupLineInterpolated($"[yellow]{orphans.Count} stack(s) deployed but no longer in the design[/]: {string.Join(", ", orphans)}; remove them with 'interlink deploy {settings.File} --remove-orphans' or 'interlink destroy {settings.File}'");
        if (settings.Live)
            await WriteConnectionsAsync(wiring, state, profiles, cancellationToken);
        else
            console.MarkupLine("endpoint connection states: add --live to ask EC2");
        return ExitCodes.Ok;
    }

    /// <summary>Each deployed endpoint service's connections, as its owner account sees them (the deploy credential model).</summary>
    private async Task WriteConnectionsAsync(WiringManifest wiring, DeployState state, ProfileMap profiles, CancellationToken cancellationToken)
    {
        var aws = DeployServices.Current.Aws();
        try
        {
            var manager = new EndpointConnectionManager(aws, new OperatorCredentials(aws, wiring.Name));
            foreach (var service in OperatorTargets.EndpointServices(wiring, state, profiles))
            {
                var connections = await manager.ListAsync(service, cancellationToken);
                console.MarkupLineInterpolated($"{service.Stack} {service.ServiceId}: {connections.Count} connection(s)");
                foreach (var c in connections)
                    console.MarkupLineInterpolated($"  {c.EndpointId} (account {c.Owner}): {c.State}");
            }
        }
        finally
        {
            (aws as IDisposable)?.Dispose();
        }
    }
}
