namespace Interlink.Templates.Model;

/// <summary>Where a stack deploys and through which CDK bootstrap.</summary>
/// <param name="Account">The account; null leaves it to the deploying credentials (single-account designs).</param>
/// <param name="Region">The Region.</param>
/// <param name="Qualifier">The CDK bootstrap qualifier its deploy roles and asset bucket are named with.</param>
public sealed record StackEnvironment(string? Account, string Region, string Qualifier);

/// <summary>A file the stack's hosts fetch at boot, published to the bootstrap bucket as a CDK file asset.</summary>
/// <param name="Id">Construct ID of the asset in the stack.</param>
/// <param name="SourceFile">Absolute path of the file.</param>
/// <param name="Hash">The CDK's fingerprint of the file (<see cref="Writing.AssetFingerprint"/>): names the staged copy and the object.</param>
/// <param name="BucketName">The bootstrap bucket, as a template value.</param>
/// <param name="ObjectKey">The object key, as a template value.</param>
public sealed record FileAssetModel(string Id, string SourceFile, string Hash, CfnValue BucketName, CfnValue ObjectKey)
{
    /// <summary>The file name of the copy in the assembly, as the CDK stages it: <c>asset.HASH.EXT</c>.</summary>
    public string StagedFileName => $"asset.{Hash}{Writing.AssetFingerprint.Extension(SourceFile)}";
}

/// <summary>
/// One stack of a design: its tree of parameters, resources and outputs, its environment, description, tags and
/// template metadata, and the file assets its hosts fetch.
/// </summary>
public sealed class StackModel : ModelScope
{
    private readonly List<KeyValuePair<string, CfnValue>> _metadata = [];
    private readonly List<FileAssetModel> _assets = [];

    /// <summary>Creates an empty stack.</summary>
    public StackModel(string name, StackEnvironment environment, string description, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        Name = name;
        Environment = environment;
        Description = description;
        Tags = tags;
    }

    /// <summary>The stack name (also the artifact ID in the assembly).</summary>
    public string Name { get; }

    /// <summary>Account, Region and bootstrap qualifier.</summary>
    public StackEnvironment Environment { get; }

    /// <summary>The template's Description.</summary>
    public string Description { get; }

    /// <summary>Stack tags, in the order given: every taggable resource carries them, and the CDK CLI tags the stack.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

    /// <summary>The template's Metadata section.</summary>
    public IReadOnlyList<KeyValuePair<string, CfnValue>> Metadata => _metadata;

    /// <summary>The file assets.</summary>
    public IReadOnlyList<FileAssetModel> Assets => _assets;

    /// <summary>Adds a template metadata entry.</summary>
    public void AddMetadata(string key, CfnValue value) => _metadata.Add(new(key, value));

    /// <summary>Sets template metadata entry <paramref name="key"/>, replacing its value if it has one.</summary>
    public void SetMetadata(string key, CfnValue value)
    {
        var index = _metadata.FindIndex(m => m.Key == key);
        if (index < 0)
            _metadata.Add(new(key, value));
        else
            _metadata[index] = new(key, value);
    }

    /// <summary>
    /// Adds <paramref name="sourceFile"/> as a file asset with construct ID <paramref name="id"/>: its bucket is the
    /// bootstrap bucket of the stack's environment and its key the fingerprint with the file's last extension, as the
    /// CDK's <c>DefaultStackSynthesizer</c> names them.
    /// </summary>
    public FileAssetModel FileAsset(string id, string sourceFile)
    {
        var hash = Writing.AssetFingerprint.Of(sourceFile);
        var asset = AddOther(id, claimed => new FileAssetModel(claimed, sourceFile, hash, BootstrapNames.AssetBucket(Environment),
            hash + System.IO.Path.GetExtension($"asset.{hash}{Writing.AssetFingerprint.Extension(sourceFile)}")));
        _assets.Add(asset);
        return asset;
    }

    /// <summary>
    /// Adds the stack tags to every resource of a type the CDK tags (<see cref="StackTags"/>), merged with its own and
    /// sorted as the CDK sorts them. Called once, when the stack is complete.
    /// </summary>
    public void ApplyTags()
    {
        foreach (var resource in Elements().OfType<ResourceModel>())
            resource.Properties = StackTags.Apply(resource.Type, resource.Properties, Tags);
    }
}
