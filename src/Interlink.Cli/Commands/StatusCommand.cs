using System.ComponentModel;
using Interlink.Core.Validation;
using Interlink.Core.Wiring;
using Interlink.Deploy;
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
}

/// <summary>
/// <c>interlink status</c>: each stack as the last deploy or destroy left it, and each consumer endpoint's ID and
/// DNS names, from the state file beside the config (no AWS call).
/// </summary>
public sealed class StatusCommand(IAnsiConsole console) : Command<StatusSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        var report = ConfigValidator.ValidateFile(settings.File);
        if (!report.IsValid)
        {
            Rendering.DiagnosticText.Write(console, report);
            return ExitCodes.InvalidInput;
        }

        var statePath = DeployRun.StatePath(settings.File, report.Config!.Name);
        if (!File.Exists(statePath))
        {
            console.MarkupLineInterpolated($"{settings.File}: not deployed (no state at {statePath}); run 'interlink deploy {settings.File}'");
            return ExitCodes.Ok;
        }

        DeployState state;
        try
        {
            state = DeployState.Load(statePath);
        }
        catch (DeployException e)
        {
            throw new UsageException(e.Message);
        }

        var table = new Table().AddColumns("Stack", "Status", "Updated (UTC)", "Endpoint", "DNS names");
        foreach (var stack in StackNames(report.Config))
        {
            var entry = state.Get(stack);
            var outputs = entry?.Outputs ?? new Dictionary<string, string>();
            table.AddRow(
                Markup.Escape(stack),
                entry?.Status.ToString().ToLowerInvariant() ?? "not deployed",
                entry?.Updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(outputs.GetValueOrDefault(Outputs.EndpointId) ?? outputs.GetValueOrDefault(Outputs.EndpointServiceId) ?? ""),
                Markup.Escape(string.Join(" ", (outputs.GetValueOrDefault(Outputs.EndpointDnsNames) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => e[(e.IndexOf(':') + 1)..]))));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> StackNames(Core.Model.InterlinkConfig config) =>
        WiringPlanner.Plan(Core.Normalization.TopologyBuilder.Build(config)).Phases.SelectMany(p => p.Stacks);
}
