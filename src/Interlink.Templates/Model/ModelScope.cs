namespace Interlink.Templates.Model;

/// <summary>
/// A node of the model's construct tree: the same tree the CDK emitter rebuilds out of constructs, so that a resource's
/// path (and so its logical ID) is the same in both emitters. Children keep the order they were added in.
/// </summary>
public class ModelScope
{
    private readonly List<object> _children = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>A root scope (a stack, or the inside of one CDK construct).</summary>
    public ModelScope() : this(null, "")
    {
    }

    private ModelScope(ModelScope? parent, string id)
    {
        Parent = parent;
        Id = id;
    }

    /// <summary>The enclosing scope; null at the root.</summary>
    public ModelScope? Parent { get; }

    /// <summary>The construct ID; empty at the root.</summary>
    public string Id { get; }

    /// <summary>Scopes and elements in the order they were added.</summary>
    public IReadOnlyList<object> Children => _children;

    /// <summary>Construct IDs from the root down to this scope (empty at the root).</summary>
    public IReadOnlyList<string> Path => Parent is null ? [] : [.. Parent.Path, Id];

    /// <summary>A child scope, as a CDK construct that groups others.</summary>
    public ModelScope Scope(string id) => Add(new ModelScope(this, Claim(id)));

    /// <summary>Adds a resource of <paramref name="type"/> with <paramref name="properties"/>.</summary>
    public ResourceModel Resource(string id, string type, CfnMap properties) => Add(new ResourceModel(this, Claim(id), type, properties));

    /// <summary>Adds a parameter.</summary>
    public ParameterModel Parameter(string id, ParameterSpec spec) => Add(new ParameterModel(this, Claim(id), spec));

    /// <summary>Adds an output.</summary>
    public OutputModel Output(string id, CfnValue value, string description) => Add(new OutputModel(this, Claim(id), value, description));

    /// <summary>Every element under this scope, depth first, in the order they were added.</summary>
    public IEnumerable<ModelElement> Elements() =>
        _children.SelectMany(c => c switch
        {
            ModelScope s => s.Elements(),
            ModelElement e => [e],
            _ => [],
        });

    /// <summary>Adds a child that is neither a scope nor a template element (a file asset) under a claimed ID.</summary>
    internal T AddOther<T>(string id, Func<string, T> create)
        where T : notnull => Add(create(Claim(id)));

    private string Claim(string id)
    {
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"construct ID '{id}' must be non-empty and contain no '/'", nameof(id));
        if (!_ids.Add(id))
            throw new ArgumentException($"there is already a construct with ID '{id}' in '{string.Join('/', Path)}'", nameof(id));
        return id;
    }

    private T Add<T>(T child)
        where T : notnull
    {
        _children.Add(child);
        return child;
    }
}

/// <summary>A template element with a place in the tree: a resource, parameter or output.</summary>
public abstract class ModelElement(ModelScope scope, string id)
{
    private static long _created;

    /// <summary>
    /// When it was created, across all models: a value can only refer to elements that existed when it was built, so
    /// emitting in this order never meets a reference to an element not yet emitted.
    /// </summary>
    public long Sequence { get; } = Interlocked.Increment(ref _created);

    /// <summary>Its scope.</summary>
    public ModelScope Scope { get; } = scope;

    /// <summary>Its construct ID.</summary>
    public string Id { get; } = id;

    /// <summary>Construct IDs from the root scope down to this element.</summary>
    public IReadOnlyList<string> Path => [.. Scope.Path, Id];
}

/// <summary>A CloudFormation resource.</summary>
public sealed class ResourceModel(ModelScope scope, string id, string type, CfnMap properties) : ModelElement(scope, id)
{
    private readonly List<ResourceModel> _dependsOn = [];
    private readonly List<object> _externalDependencies = [];

    /// <summary>The resource type, e.g. <c>AWS::EC2::VPC</c>.</summary>
    public string Type { get; } = type;

    /// <summary>Its properties (tags of taggable types are added when the stack is completed: <see cref="StackTags"/>).</summary>
    public CfnMap Properties { get; internal set; } = properties;

    /// <summary>Resources this one must be created after although nothing in it refers to them.</summary>
    public IReadOnlyList<ResourceModel> DependsOn => _dependsOn;

    /// <summary>Dependencies on constructs outside the model (CDK emitter only).</summary>
    public IReadOnlyList<object> ExternalDependencies => _externalDependencies;

    /// <summary>Template metadata of the resource; null when it has none.</summary>
    public CfnMap? Metadata { get; set; }

    /// <summary>Adds a creation-order dependency.</summary>
    public void AddDependency(ResourceModel other)
    {
        if (!_dependsOn.Contains(other))
            _dependsOn.Add(other);
    }

    /// <summary>Adds a dependency on something the CDK emitter knows (a CDK construct).</summary>
    public void AddExternalDependency(object handle) => _externalDependencies.Add(handle);
}

/// <summary>What a parameter declares.</summary>
/// <param name="Type">CloudFormation parameter type, e.g. <c>String</c>.</param>
/// <param name="Description">What it is and where its value comes from.</param>
/// <param name="AllowedPattern">The pattern every value must match; null for none.</param>
/// <param name="ConstraintDescription">What CloudFormation says when the pattern fails; null for none.</param>
public sealed record ParameterSpec(string Type, string Description, string? AllowedPattern = null, string? ConstraintDescription = null);

/// <summary>A template parameter.</summary>
public sealed class ParameterModel(ModelScope scope, string id, ParameterSpec spec) : ModelElement(scope, id)
{
    /// <summary>Its declaration.</summary>
    public ParameterSpec Spec { get; } = spec;
}

/// <summary>A template output.</summary>
public sealed class OutputModel(ModelScope scope, string id, CfnValue value, string description) : ModelElement(scope, id)
{
    /// <summary>Its value.</summary>
    public CfnValue Value { get; } = value;

    /// <summary>What it is.</summary>
    public string Description { get; } = description;
}
