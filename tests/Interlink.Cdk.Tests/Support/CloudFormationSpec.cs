using System.Formats.Tar;
using System.IO.Compression;

namespace Interlink.Cdk.Tests.Support;

/// <summary>One CloudFormation resource type as the CDK's L1 class describes it.</summary>
/// <param name="Type">E.g. <c>AWS::EC2::VPC</c>.</param>
/// <param name="CdkClass">The jsii class, e.g. <c>aws-cdk-lib.aws_ec2.CfnVPC</c>.</param>
/// <param name="Properties">CloudFormation property name → (required, jsii type).</param>
public sealed record CfnResourceSpec(string Type, string CdkClass, IReadOnlyDictionary<string, CfnPropertySpec> Properties);

/// <summary>A property: whether CloudFormation requires it, and its jsii type (for nested structs).</summary>
public sealed record CfnPropertySpec(string Name, bool Required, JsonElement JsiiType);

/// <summary>
/// A "CloudFormation spec lite" built offline, once per run, from the jsii assembly inside Amazon.CDK.Lib
/// (embedded resource <c>Amazon.CDK.Lib.aws-cdk-lib-VERSION.tgz</c> → <c>package/.jsii.gz</c>): every class
/// with <c>docs.custom.cloudformationResource</c> is a resource type; its <c>&lt;Class&gt;Props</c> struct lists the
/// properties; the CloudFormation name is the jsii name with its first letter capitalized. Structs (jsii data
/// types) are kept for checking nested property names.
/// </summary>
public sealed class CloudFormationSpec
{
    private readonly Lazy<Loaded> loaded = new(Load);

    public IReadOnlyDictionary<string, CfnResourceSpec> Resources => loaded.Value.Resources;

    /// <summary>jsii data types (structs) by fully-qualified name: property name (jsii, camelCase) → type.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> Structs => loaded.Value.Structs;

    public string Version => loaded.Value.Version;

    private sealed record Loaded(string Version, Dictionary<string, CfnResourceSpec> Resources, Dictionary<string, IReadOnlyDictionary<string, JsonElement>> Structs);

    private static Loaded Load()
    {
        var assembly = typeof(Amazon.CDK.App).Assembly;
        var resourceName = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Amazon.CDK.Lib.aws-cdk-lib-", StringComparison.Ordinal) && n.EndsWith(".tgz", StringComparison.Ordinal));
        using var tgz = assembly.GetManifestResourceStream(resourceName)!;
        using var tar = new TarReader(new GZipStream(tgz, CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name != "package/.jsii.gz")
                continue;
            using var jsii = new GZipStream(entry.DataStream!, CompressionMode.Decompress);
            using var doc = JsonDocument.Parse(jsii, new JsonDocumentOptions { MaxDepth = 512 });
            return Build(doc.RootElement);
        }

        throw new InvalidOperationException($"{resourceName} has no package/.jsii.gz");
    }

    private static Loaded Build(JsonElement jsii)
    {
        var types = jsii.GetProperty("types");
        var resources = new Dictionary<string, CfnResourceSpec>(StringComparer.Ordinal);
        var structs = new Dictionary<string, IReadOnlyDictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var type in types.EnumerateObject())
        {
            var t = type.Value;
            var kind = t.GetProperty("kind").GetString();
            if (kind == "interface" && t.TryGetProperty("datatype", out var datatype) && datatype.GetBoolean())
            {
                structs[type.Name] = Properties(t).ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("type").Clone(), StringComparer.Ordinal);
                continue;
            }

            if (kind != "class" || !t.TryGetProperty("docs", out var docs) || !docs.TryGetProperty("custom", out var custom)
                || !custom.TryGetProperty("cloudformationResource", out var cfnType))
                continue;
            var props = types.TryGetProperty(type.Name + "Props", out var propsType)
                ? Properties(propsType).Select(p =>
                {
                    var jsiiName = p.GetProperty("name").GetString()!;
                    var name = char.ToUpperInvariant(jsiiName[0]) + jsiiName[1..];
                    var optional = p.TryGetProperty("optional", out var o) && o.GetBoolean();
                    return new CfnPropertySpec(name, !optional, p.GetProperty("type").Clone());
                    // Ignoring case, as for nested names: the jsii name drops an acronym's case (okActions for
                    // AWS::CloudWatch::Alarm's OKActions), so the capitalized jsii name is not always the CloudFormation one.
                }).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, CfnPropertySpec>(StringComparer.Ordinal);
            resources[cfnType.GetString()!] = new CfnResourceSpec(cfnType.GetString()!, type.Name, props);
        }

        return new Loaded(jsii.GetProperty("version").GetString()!, resources, structs);
    }

    private static IEnumerable<JsonElement> Properties(JsonElement type) =>
        type.TryGetProperty("properties", out var props) ? props.EnumerateArray() : [];

    /// <summary>
    /// Names under <paramref name="value"/> that its jsii type does not declare: objects are checked against the
    /// struct(s) the type allows, arrays and maps element by element; intrinsic functions and free-form JSON
    /// (policy documents) are not looked into. Nested names are compared ignoring case: the CDK's own mapping
    /// writes some acronyms upper-case (<c>vpcId</c> → <c>VPCId</c> in Route 53), which the jsii names do not carry.
    /// </summary>
    public IEnumerable<string> UnknownNestedNames(JsonElement value, JsonElement jsiiType, string path)
    {
        if (Json.IsIntrinsic(value))
            yield break;
        var candidates = Flatten(jsiiType).ToList();
        if (value.ValueKind == JsonValueKind.Array)
        {
            var element = candidates.FirstOrDefault(c => c.TryGetProperty("collection", out var col) && col.GetProperty("kind").GetString() == "array");
            if (element.ValueKind == JsonValueKind.Undefined)
                yield break;
            var elementType = element.GetProperty("collection").GetProperty("elementtype");
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                foreach (var problem in UnknownNestedNames(item, elementType, $"{path}[{i++}]"))
                    yield return problem;
            }

            yield break;
        }

        if (value.ValueKind != JsonValueKind.Object)
            yield break;
        var structType = candidates
            .Select(c => c.TryGetProperty("fqn", out var fqn) ? fqn.GetString() : null)
            .FirstOrDefault(fqn => fqn is not null && Structs.ContainsKey(fqn));
        if (structType is not null)
        {
            var fields = Structs[structType];
            foreach (var property in value.EnumerateObject())
            {
                var field = fields.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                if (field is null)
                {
                    yield return $"{path}/{property.Name} (not in {structType})";
                    continue;
                }

                foreach (var problem in UnknownNestedNames(property.Value, fields[field], $"{path}/{property.Name}"))
                    yield return problem;
            }

            yield break;
        }

        var map = candidates.FirstOrDefault(c => c.TryGetProperty("collection", out var col) && col.GetProperty("kind").GetString() == "map");
        if (map.ValueKind != JsonValueKind.Undefined)
        {
            var elementType = map.GetProperty("collection").GetProperty("elementtype");
            foreach (var property in value.EnumerateObject())
            {
                foreach (var problem in UnknownNestedNames(property.Value, elementType, $"{path}/{property.Name}"))
                    yield return problem;
            }
        }

        // Otherwise a primitive 'json' or 'any': free-form, nothing to check.
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement type)
    {
        if (type.TryGetProperty("union", out var union))
        {
            foreach (var inner in union.GetProperty("types").EnumerateArray())
            {
                foreach (var flat in Flatten(inner))
                    yield return flat;
            }
        }
        else
        {
            yield return type;
        }
    }
}
