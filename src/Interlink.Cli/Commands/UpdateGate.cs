using Interlink.Analysis.Diff;
using Interlink.Cli.Rendering;
using Interlink.Pipeline;
using Spectre.Console;

namespace Interlink.Cli.Commands;

/// <summary>
/// Before a deploy: what it changes in what is deployed (the record beside the state), said first; an update that
/// would fail or interrupt traffic is refused unless <c>--allow-disruption</c> names each consequence.
/// </summary>
internal static class UpdateGate
{
    /// <summary>True when the deploy may go ahead; prints the diff summary (the whole diff in a dry run).</summary>
    public static bool Allows(IAnsiConsole console, string assemblyDirectory, string statePath, Interlink.Core.Wiring.WiringManifest wiring,
        IReadOnlyDictionary<string, string> inputs, DeployCommandSettings settings)
    {
        var (recorded, diff) = DesignPipeline.DiffWithDeployed(statePath, assemblyDirectory, wiring, inputs);
        if (diff is null)
        {
            if (settings.AllowDisruptions.Length > 0)
                throw new UsageException($"--allow-disruption {string.Join(", ", settings.AllowDisruptions)}: nothing is deployed yet, so no update can disrupt anything; remove it");
            console.MarkupLine("changes: nothing deployed is recorded, so every stack is new");
            return true;
        }

        var writer = console.Profile.Out.Writer;
        if (settings.DryRun)
        {
            writer.Write(TerminalText.Escape(DiffRendering.Text(diff, recorded)));
        }
        else
        {
            foreach (var consequence in diff.Consequences)
                writer.WriteLine(TerminalText.EscapeLine($"{consequence.Code} {consequence.Kind}: {consequence.Message}"));
            writer.WriteLine($"changes: {DiffRendering.Summary(diff)}");
        }

        var orphans = diff.Consequences.Where(c => c.Kind == ConsequenceKind.Orphaned).ToList();
        if (orphans.Count > 0 && !settings.RemoveOrphans)
            console.MarkupLineInterpolated($"[yellow]note:[/] {orphans.Count} deployed stack(s) are no longer in the design and stay deployed; add --remove-orphans to destroy them after this deploy");

        var disruptive = diff.Consequences.Where(c => c.Kind is ConsequenceKind.WillFail or ConsequenceKind.Disrupts).ToList();
        var allowed = settings.AllowDisruptions.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var unused = allowed.Where(code => disruptive.All(c => c.Code != code)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
            throw new UsageException($"--allow-disruption {string.Join(", ", unused)}: this update has no such consequence; remove it (an override waits for nothing)");

        var blocking = disruptive.Where(c => !allowed.Contains(c.Code)).ToList();
        if (blocking.Count == 0)
            return true;
        foreach (var c in blocking)
            console.MarkupLineInterpolated($"[red]error:[/] {c.Code} in {c.Stack}{(c.LogicalId is null ? "" : "/" + c.LogicalId)}: {c.Message}; fix: {c.Fix}");
        var flags = string.Join(" ", blocking.Select(c => c.Code).Distinct().Select(code => $"--allow-disruption {code}"));
        console.MarkupLineInterpolated($"[red]deploy refused[/]: the update would fail or interrupt traffic ({blocking.Count} consequence(s)), nothing was deployed; run 'interlink diff' for the whole change, or pass {flags} to deploy anyway");
        return false;
    }
}
