using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interlink.Templates.Model;

namespace Interlink.Templates.Writing;

/// <summary>
/// Writes stacks as a cloud assembly the CDK CLI deploys, in the shape aws-cdk-lib 2.160.0 writes one (cloud assembly
/// schema 38.0.0, https://github.com/aws/aws-cdk/tree/main/packages/%40aws-cdk/cloud-assembly-schema): per stack its
/// template, an asset manifest (the template itself and the hosts' bundles, published to the bootstrap bucket through
/// the file-publishing role) and a <c>aws:cloudformation:stack</c> artifact naming its environment, the bootstrap deploy,
/// execution and lookup roles, the required bootstrap version and, as metadata, each element's logical ID and the
/// stack tags; <c>manifest.json</c> and <c>cdk.out</c> with the schema version.
/// </summary>
public static class CloudAssemblyWriter
{
    /// <summary>The cloud assembly schema version aws-cdk-lib 2.160.0 writes.</summary>
    public const string SchemaVersion = "38.0.0";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The CDK writes templates with JSON.stringify(template, undefined, 1).
    private static readonly JsonSerializerOptions TemplateFormat = new() { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="stacks"/> into <paramref name="directory"/> (which exists and is Interlink's).</summary>
    public static void Write(string directory, IReadOnlyList<StackModel> stacks)
    {
        var artifacts = new JsonObject();
        foreach (var stack in stacks)
        {
            var templateFile = $"{stack.Name}.template.json";
            var templateText = TemplateRenderer.Render(stack).ToJsonString(TemplateFormat);
            File.WriteAllText(Path.Combine(directory, templateFile), templateText);
            var templateHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(templateText)));
            foreach (var asset in stack.Assets)
                File.Copy(asset.SourceFile, Path.Combine(directory, asset.StagedFileName), overwrite: true);

            var assetsFile = $"{stack.Name}.assets.json";
            File.WriteAllText(Path.Combine(directory, assetsFile), AssetManifest(stack, templateFile, templateHash).ToJsonString(Indented));
            var env = stack.Environment;
            artifacts[$"{stack.Name}.assets"] = new JsonObject
            {
                ["type"] = "cdk:asset-manifest",
                ["properties"] = new JsonObject
                {
                    ["file"] = assetsFile,
                    ["requiresBootstrapStackVersion"] = BootstrapNames.RequiredVersion,
                    ["bootstrapStackVersionSsmParameter"] = BootstrapNames.VersionParameter(env),
                },
            };
            artifacts[stack.Name] = StackArtifact(stack, templateFile, templateHash);
        }

        File.WriteAllText(Path.Combine(directory, "manifest.json"), new JsonObject { ["version"] = SchemaVersion, ["artifacts"] = artifacts }.ToJsonString(Indented));
        File.WriteAllText(Path.Combine(directory, "cdk.out"), new JsonObject { ["version"] = SchemaVersion }.ToJsonString());
    }

    private static JsonObject StackArtifact(StackModel stack, string templateFile, string templateHash)
    {
        var env = stack.Environment;
        var tags = new JsonObject();
        foreach (var (key, value) in stack.Tags)
            tags[key] = value;
        return new JsonObject
        {
            ["type"] = "aws:cloudformation:stack",
            ["environment"] = $"aws://{env.Account ?? "unknown-account"}/{env.Region}",
            ["properties"] = new JsonObject
            {
                ["templateFile"] = templateFile,
                ["terminationProtection"] = false,
                ["tags"] = tags,
                ["validateOnSynth"] = false,
                ["notificationArns"] = new JsonArray(),
                ["assumeRoleArn"] = BootstrapNames.RoleArn(env, "deploy-role"),
                ["cloudFormationExecutionRoleArn"] = BootstrapNames.RoleArn(env, "cfn-exec-role"),
                ["stackTemplateAssetObjectUrl"] = $"s3://{BootstrapNames.AssetBucketName(env)}/{templateHash}.json",
                ["requiresBootstrapStackVersion"] = BootstrapNames.RequiredVersion,
                ["bootstrapStackVersionSsmParameter"] = BootstrapNames.VersionParameter(env),
                ["additionalDependencies"] = new JsonArray($"{stack.Name}.assets"),
                ["lookupRole"] = new JsonObject
                {
                    ["arn"] = BootstrapNames.RoleArn(env, "lookup-role"),
                    ["requiresBootstrapStackVersion"] = BootstrapNames.LookupRoleVersion,
                    ["bootstrapStackVersionSsmParameter"] = BootstrapNames.VersionParameter(env),
                },
            },
            ["dependencies"] = new JsonArray($"{stack.Name}.assets"),
            ["metadata"] = Metadata(stack),
            ["displayName"] = stack.Name,
        };
    }

    private static JsonObject Metadata(StackModel stack)
    {
        var metadata = new JsonObject();
        if (stack.Tags.Count > 0)
        {
            metadata[$"/{stack.Name}"] = new JsonArray(new JsonObject
            {
                ["type"] = "aws:cdk:stack-tags",
                // Sorted by key as the CDK's tag manager sorts them.
                ["data"] = new JsonArray([.. stack.Tags.OrderBy(t => t.Key, LocaleOrder.Comparer).Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
            });
        }

        foreach (var element in stack.Elements())
        {
            metadata[$"/{stack.Name}/{string.Join('/', element.Path)}"] = new JsonArray(new JsonObject
            {
                ["type"] = "aws:cdk:logicalId",
                ["data"] = LogicalIds.For(element.Path),
            });
        }

        return metadata;
    }

    private static JsonObject AssetManifest(StackModel stack, string templateFile, string templateHash)
    {
        var files = new JsonObject();
        foreach (var asset in stack.Assets)
            files[asset.Hash] = FileAsset(stack.Environment, asset.StagedFileName, asset.Hash + Path.GetExtension(asset.StagedFileName));
        files[templateHash] = FileAsset(stack.Environment, templateFile, $"{templateHash}.json");
        return new JsonObject { ["version"] = SchemaVersion, ["files"] = files, ["dockerImages"] = new JsonObject() };
    }

    private static JsonObject FileAsset(StackEnvironment env, string path, string objectKey) => new()
    {
        ["source"] = new JsonObject { ["path"] = path, ["packaging"] = "file" },
        ["destinations"] = new JsonObject
        {
            [$"{env.Account ?? "current_account"}-{env.Region}"] = new JsonObject
            {
                ["bucketName"] = BootstrapNames.AssetBucketName(env),
                ["objectKey"] = objectKey,
                ["region"] = env.Region,
                ["assumeRoleArn"] = BootstrapNames.RoleArn(env, "file-publishing-role"),
            },
        },
    };
}
