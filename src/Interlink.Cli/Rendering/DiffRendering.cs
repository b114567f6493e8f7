using System.Text;
using Interlink.Analysis.Diff;

namespace Interlink.Cli.Rendering;

/// <summary>Renders an <see cref="AssemblyDiff"/> for people (text, markdown) and tools (JSON).</summary>
internal static class DiffRendering
{
    private static readonly Dictionary<ResourceChange, string> Marks = new()
    {
        [ResourceChange.Added] = "+",
        [ResourceChange.Removed] = "-",
        [ResourceChange.Modified] = "~",
        [ResourceChange.Replaced] = "!",
        [ResourceChange.MayBeReplaced] = "?",
    };

    public static string Text(AssemblyDiff diff, string against)
    {
        var text = new StringBuilder();
        text.AppendLine($"diff against {against} (update behaviour from {diff.UpdateBehaviourSource})");
        foreach (var stack in diff.Stacks.Where(s => s.Change != StackChange.Unchanged))
        {
            text.AppendLine();
            text.AppendLine($"stack {stack.Name} ({stack.Role}, phase {stack.Phase}): {Describe(stack)}");
            if (stack.Change == StackChange.Added)
                continue;
            foreach (var resource in stack.Resources)
            {
                text.AppendLine($"  {Marks[resource.Change]} {resource.LogicalId} {resource.Type}{Label(resource.Change)}");
                foreach (var property in resource.Properties)
                {
                    var values = property.Because is null ? $"{property.Before ?? "(none)"} → {property.After ?? "(none)"}" : $"changes because {property.Because}";
                    text.AppendLine($"      {property.Name}: {values}{Effect(property.Replacement)}");
                }
            }
        }

        if (diff.Consequences.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("what it means:");
            foreach (var consequence in diff.Consequences)
            {
                text.AppendLine($"  {consequence.Code} {Kind(consequence.Kind)}: {consequence.Message}");
                if (consequence.Kind != ConsequenceKind.Note)
                    text.AppendLine($"         fix: {consequence.Fix}");
            }
        }

        text.AppendLine();
        text.AppendLine(Summary(diff));
        return text.ToString();
    }

    public static string Markdown(AssemblyDiff diff, string against)
    {
        var text = new StringBuilder();
        text.AppendLine("## Changes");
        text.AppendLine();
        text.AppendLine($"Against `{against}`; update behaviour from {diff.UpdateBehaviourSource}. {Summary(diff)}");
        text.AppendLine();
        if (diff.HasChanges)
        {
            text.AppendLine("| stack | phase | change | resource | type | what changes |");
            text.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var stack in diff.Stacks.Where(s => s.Change != StackChange.Unchanged))
            {
                if (stack.Change is StackChange.Added or StackChange.Removed || stack.Resources.Count == 0)
                {
                    text.AppendLine($"| {stack.Name} | {stack.Phase} | {Describe(stack)} | | | |");
                    continue;
                }

                foreach (var resource in stack.Resources)
                {
                    var what = string.Join("<br>", resource.Properties.Select(p => Cell($"{p.Name}{Effect(p.Replacement)}" + (p.Because is null ? "" : $" (because {p.Because})"))));
                    text.AppendLine($"| {stack.Name} | {stack.Phase} | {resource.Change} | {resource.LogicalId} | {resource.Type} | {what} |");
                }
            }

            text.AppendLine();
        }

        if (diff.Consequences.Count > 0)
        {
            text.AppendLine("| code | meaning | where | what happens | fix |");
            text.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var c in diff.Consequences)
                text.AppendLine($"| {c.Code} | {Kind(c.Kind)} | {Cell(c.Stack)}{(c.LogicalId is null ? "" : $" / {c.LogicalId}")} | {Cell(c.Message)} | {(c.Kind == ConsequenceKind.Note ? "" : Cell(c.Fix))} |");
            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The one-line verdict a script or a reviewer reads first.</summary>
    public static string Summary(AssemblyDiff diff)
    {
        if (!diff.HasChanges)
            return "no changes: a deploy would do nothing.";
        var stacks = diff.Stacks;
        var replaced = stacks.SelectMany(s => s.Resources).Count(r => r.Change == ResourceChange.Replaced);
        var maybe = stacks.SelectMany(s => s.Resources).Count(r => r.Change == ResourceChange.MayBeReplaced);
        var fails = diff.Consequences.Count(c => c.Kind == ConsequenceKind.WillFail);
        var disrupts = diff.Consequences.Count(c => c.Kind == ConsequenceKind.Disrupts);
        var orphans = diff.Consequences.Count(c => c.Kind == ConsequenceKind.Orphaned);
        return $"{stacks.Count(s => s.Change == StackChange.Added)} new, {stacks.Count(s => s.Change == StackChange.Modified)} updated, "
            + $"{stacks.Count(s => s.Change == StackChange.Removed)} left behind, {stacks.Count(s => s.Change == StackChange.Unchanged)} unchanged stack(s); "
            + $"{replaced} resource(s) replaced, {maybe} possibly replaced; "
            + (diff.FailsOrDisrupts ? $"{fails} would fail, {disrupts} interrupt traffic, {orphans} orphaned." : "nothing fails or interrupts traffic.");
    }

    private static string Describe(StackDiff stack) => stack.Change switch
    {
        StackChange.Added => $"new ({stack.Resources.Count} resources)",
        StackChange.Removed => "deployed, no longer in the design",
        _ => $"update ({stack.Resources.Count} resource(s) change)",
    };

    private static string Label(ResourceChange change) => change switch
    {
        ResourceChange.Replaced => "  REPLACED",
        ResourceChange.MayBeReplaced => "  MAY BE REPLACED",
        ResourceChange.Added => "  added",
        ResourceChange.Removed => "  removed",
        _ => "",
    };

    private static string Effect(Replacement replacement) => replacement switch
    {
        Replacement.Always => "  [forces replacement]",
        Replacement.Conditional => "  [may force replacement: conditionally create-only in CloudFormation's schema]",
        _ => "",
    };

    private static string Kind(ConsequenceKind kind) => kind switch
    {
        ConsequenceKind.WillFail => "will fail",
        ConsequenceKind.Disrupts => "interrupts traffic",
        ConsequenceKind.Orphaned => "orphaned",
        _ => "note",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
