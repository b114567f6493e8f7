namespace Interlink.Analysis.Diff;

/// <summary>How a stack changes between two assemblies.</summary>
public enum StackChange
{
    /// <summary>Same templates: a deploy leaves it alone.</summary>
    Unchanged,

    /// <summary>New: a deploy creates it.</summary>
    Added,

    /// <summary>Its template changes: a deploy updates it.</summary>
    Modified,

    /// <summary>Gone from the new assembly but deployed: nothing removes it unless asked.</summary>
    Removed,
}

/// <summary>How a resource changes in an update.</summary>
public enum ResourceChange
{
    /// <summary>Created.</summary>
    Added,

    /// <summary>Deleted.</summary>
    Removed,

    /// <summary>Updated in place.</summary>
    Modified,

    /// <summary>CloudFormation creates a new one, then deletes the old one (new physical ID).</summary>
    Replaced,

    /// <summary>A conditionally create-only property changes: replaced or not, depending on the change.</summary>
    MayBeReplaced,
}

/// <summary>One property that changes.</summary>
/// <param name="Name">Top-level property name (or <c>Type</c> when the resource type changes).</param>
/// <param name="Before">Old value as compact JSON, or null when absent.</param>
/// <param name="After">New value as compact JSON, or null when absent.</param>
/// <param name="Replacement">What CloudFormation does when this property changes.</param>
/// <param name="Because">
/// Null when the template text changes; otherwise why a value that reads the same will differ at deploy time
/// (e.g. "SERVICE in stack S is replaced" or "parameter P is fed by output O of stack S, which changes").
/// </param>
public sealed record PropertyChange(string Name, string? Before, string? After, Replacement Replacement, string? Because = null);

/// <summary>One resource that changes.</summary>
/// <param name="LogicalId">Logical ID.</param>
/// <param name="Type">Resource type.</param>
/// <param name="Change">Added, removed, modified or (maybe) replaced.</param>
/// <param name="Properties">The properties that change (empty for added and removed resources).</param>
public sealed record ResourceDiff(string LogicalId, string Type, ResourceChange Change, IReadOnlyList<PropertyChange> Properties);

/// <summary>One stack's changes.</summary>
/// <param name="Name">Stack name.</param>
/// <param name="Role">provider, relay, provider-routes or consumer.</param>
/// <param name="Phase">Deploy phase (from the new assembly; the old one for removed stacks).</param>
/// <param name="Change">What happens to the stack.</param>
/// <param name="Resources">Resources that change, by logical ID.</param>
public sealed record StackDiff(string Name, string Role, int Phase, StackChange Change, IReadOnlyList<ResourceDiff> Resources);

/// <summary>What a consequence means for the update.</summary>
public enum ConsequenceKind
{
    /// <summary>The update will fail half-way (CloudFormation rolls the stack back).</summary>
    WillFail,

    /// <summary>Consumers lose traffic for a while.</summary>
    Disrupts,

    /// <summary>A deployed stack no longer in the config.</summary>
    Orphaned,

    /// <summary>Information: what a deploy would run.</summary>
    Note,
}

/// <summary>What a change means for the design's traffic and for the update itself.</summary>
/// <param name="Code">Stable code (ILUnnn).</param>
/// <param name="Kind">Fails, disrupts, orphaned or note.</param>
/// <param name="Stack">The stack it concerns.</param>
/// <param name="LogicalId">The resource it concerns, or null for a whole stack.</param>
/// <param name="Message">What happens.</param>
/// <param name="Consumers">Consumer stacks whose traffic it affects.</param>
/// <param name="Fix">The fix or the safe sequence.</param>
public sealed record Consequence(string Code, ConsequenceKind Kind, string Stack, string? LogicalId, string Message, IReadOnlyList<string> Consumers, string Fix);

/// <summary>The difference between a deployed (or earlier) assembly and a new one, with what it means.</summary>
/// <param name="UpdateBehaviourSource">Where the update behaviour came from (package and version).</param>
/// <param name="Stacks">Every stack of either assembly, in phase order.</param>
/// <param name="Consequences">What the changes mean, most severe first.</param>
public sealed record AssemblyDiff(string UpdateBehaviourSource, IReadOnlyList<StackDiff> Stacks, IReadOnlyList<Consequence> Consequences)
{
    /// <summary>Whether anything changes.</summary>
    public bool HasChanges => Stacks.Any(s => s.Change != StackChange.Unchanged);

    /// <summary>Whether the update fails or interrupts traffic (or leaves orphaned stacks).</summary>
    public bool FailsOrDisrupts => Consequences.Any(c => c.Kind is ConsequenceKind.WillFail or ConsequenceKind.Disrupts or ConsequenceKind.Orphaned);

    /// <summary>The stacks a deploy would run (added or modified), in phase order.</summary>
    public IReadOnlyList<StackDiff> ToDeploy => Stacks.Where(s => s.Change is StackChange.Added or StackChange.Modified).ToList();
}
