using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Interlink.Core.Loading;
using Interlink.Core.Validation;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Interlink.Core.Tests;

/// <summary>Files of the repository the tests read: the examples and the JSON Schema.</summary>
internal static class RepoFiles
{
    public static string Root => Interlink.Testing.RepoRoot.Path;

    public static string SchemaPath => Path.Combine(Root, "schema", "interlink.schema.json");

    /// <summary>The valid examples (examples/*.yaml, not examples/invalid).</summary>
    public static IReadOnlyList<string> Examples =>
        Directory.GetFiles(Path.Combine(Root, "examples"), "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> ExampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Examples)
            data.Add(Path.GetFileName(file));
        return data;
    }

    public static string Example(string fileName) => File.ReadAllText(Path.Combine(Root, "examples", fileName));
}

/// <summary>
/// YAML to JSON the way an editor's YAML language server sees it (YAML 1.2 core schema): plain integers and
/// floats become numbers, plain true/false booleans, plain null/~/empty null; quoted scalars stay strings.
/// </summary>
internal static partial class YamlJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents.Single().RootNode);
    }

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
            obj.Add(((YamlScalarNode)key).Value ?? "", Convert(value));
        return obj;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL")
            return null;
        if (text is "true" or "True" or "TRUE")
            return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE")
            return JsonValue.Create(false);
        if (Integer().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? JsonValue.Create(l)
                : JsonValue.Create(decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}

public class SchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(RepoFiles.SchemaPath)));

    private static readonly Lazy<JsonNode> SchemaDocument = new(() => JsonNode.Parse(File.ReadAllText(RepoFiles.SchemaPath))!);

    [Fact]
    public void Descriptions_speak_to_users_and_name_no_source_file()
    {
        // Editors show these texts on hover: a path into this repository means nothing to someone editing a config.
        var descriptions = SchemaDocument.Value.ToJsonString().Split("\"description\":").Skip(1).ToList();

        Assert.NotEmpty(descriptions);
        Assert.All(descriptions, d => Assert.DoesNotMatch(@"^\s*""[^""]*(src/|tests/|\.cs\b|Interlink\.(Core|Cdk|Cli|Analysis))", d));
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var json = YamlJson.Convert(yaml);
        var element = JsonSerializer.SerializeToElement(json);
        return Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Explain(EvaluationResults results) =>
        string.Join(Environment.NewLine, (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}"));

    public static TheoryData<string> Examples() => RepoFiles.ExampleNames();

    [Fact]
    public void There_are_examples_to_check()
    {
        Assert.True(RepoFiles.Examples.Count >= 5, string.Join(", ", RepoFiles.Examples));
    }

    [Fact]
    public void Schema_is_draft_2020_12_and_builds()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)SchemaDocument.Value["$schema"]);
        Assert.NotNull(Schema.Value);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_conforms_to_the_schema(string example)
    {
        var results = Evaluate(RepoFiles.Example(example));
        Assert.True(results.IsValid, Explain(results));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_valid_for_the_validator_too(string example)
    {
        var report = ConfigValidator.ValidateText(RepoFiles.Example(example), example);
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Diagnostics.Select(d => d.ToOneLine())));
    }

    // Each case: a change to seed.yaml that the schema must reject, and whether 'interlink validate' rejects it too.
    public static TheoryData<string, string, string, bool> InvalidCases() => new()
    {
        { "unknown root key", "name: awsmorocco", "name: awsmorocco\nnmae: typo", true },
        { "unknown nested key", "    natGateways: 1", "    natGateways: 1\n    privatSubnets: [10.10.1.0/24, 10.10.3.0/24]", true },
        { "bad mode", "mode: relay", "mode: relais", true },
        { "monitoring topic and email", "name: awsmorocco", "name: awsmorocco\nmonitoring: { topicArn: 'arn:aws:sns:us-east-1:111111111111:ops', email: ops@example.com }", true },
        { "monitoring period not whole minutes", "name: awsmorocco", "name: awsmorocco\nmonitoring: { period: 90 }", true },
        { "monitoring neither switch nor mapping", "name: awsmorocco", "name: awsmorocco\nmonitoring: sometimes", true },
        { "mode in capitals", "mode: relay", "mode: RELAY", false },
        { "port out of range", "port: 80 ", "port: 70000 ", true },
        { "port as text", "port: 80 ", "port: eighty ", true },
        { "interval below 5", "healthCheck: { protocol: http, path: /health }", "healthCheck: { protocol: http, path: /health, interval: 4 }", true },
        { "threshold above 10", "healthCheck: { protocol: http, path: /health }", "healthCheck: { protocol: http, path: /health, healthyThreshold: 11 }", true },
        { "path with tcp", "healthCheck: { protocol: http, path: /health }", "healthCheck: { protocol: tcp, path: /health }", true },
        { "bad health-check protocol", "healthCheck: { protocol: http, path: /health }", "healthCheck: { protocol: udp }", true },
        { "account of 11 digits", "account: \"111111111111\"", "account: \"11111111111\"", true },
        { "account as a YAML number", "account: \"111111111111\"", "account: 111111111111", false },
        { "CIDR with /33", "cidr: 10.10.0.0/16", "cidr: 10.10.0.0/33", true },
        { "CIDR with leading zeros", "cidr: 10.10.0.0/16", "cidr: 010.10.0.0/16", true },
        { "instances and ips", "targets: { instances: 2 }", "targets: { instances: 2, ips: [10.10.1.10] }", true },
        { "zero instances", "targets: { instances: 2 }", "targets: { instances: 0 }", true },
        { "existing VPC with azs", "    cidr: 10.10.0.0/16\n", "    id: vpc-0a1b2c3d4e5f60718\n    subnets: [ { id: subnet-0a1b2c3d, azId: use1-az1, cidr: 10.10.1.0/24, routeTableId: rtb-0a1b2c3d } ]\n    cidr: 10.10.0.0/16\n", true },
        { "new VPC without azs", "    azs: [use1-az1, use1-az2]\n", "", true },
        { "relay VPC with a host security group", "vpc: { cidr: 10.11.0.0/16, azs: [usw2-az1, usw2-az2] }", "vpc: { cidr: 10.11.0.0/16, azs: [usw2-az1, usw2-az2], hostSecurityGroupId: sg-0a1b2c3d }", true },
        { "bad AZ", "azs: [use1-az1, use1-az2]", "azs: [use1-az1, useast1]", true },
        { "no consumers", "consumers:\n", "others:\n", true },
        { "suppression of a non-security rule", "tags:", "suppressions: [ { rule: IL010, reason: we know what we are doing } ]\ntags:", true },
        { "suppression without reason", "tags:", "suppressions: [ { rule: ILS010 } ]\ntags:", true },
        { "native mode with relays", "mode: relay", "mode: native", true },
        { "tag with reserved prefix", "  Project: interlink-seed", "  aws:owner: me", true },
        { "privateDns true (no verified private DNS name)", "    client: true", "    client: true\n    privateDns: true", true },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Schema_rejects_invalid_designs(string what, string find, string replace, bool validatorRejectsToo)
    {
        var seed = RepoFiles.Example("seed.yaml");
        Assert.Contains(find, seed);
        var text = ReplaceFirst(seed, find, replace);

        var results = Evaluate(text);
        Assert.False(results.IsValid, $"the schema accepted: {what}");

        var report = ConfigValidator.ValidateText(text, "seed.yaml");
        if (validatorRejectsToo)
            Assert.False(report.IsValid, $"the validator accepted: {what}");
    }

    [Fact]
    public void Schema_accepts_an_existing_provider_vpc_and_a_schema_reference()
    {
        var text = "$schema: ../schema/interlink.schema.json\n" + RepoFiles.Example("existing-vpcs.yaml");
        var results = Evaluate(text);
        Assert.True(results.IsValid, Explain(results));
    }

    [Fact]
    public void Unknown_key_error_points_at_the_key()
    {
        var results = Evaluate(ReplaceFirst(RepoFiles.Example("seed.yaml"), "    natGateways: 1", "    natGateways: 1\n    privatSubnets: []"));
        Assert.Contains("/provider/vpc", Explain(results));
    }

    // The schema mirrors ConfigKeys: the same property names, object by object, so neither can drift.
    public static TheoryData<string, string> KeySets() => new()
    {
        { nameof(ConfigKeys.Root), "" },
        { nameof(ConfigKeys.Service), "/$defs/service" },
        { nameof(ConfigKeys.HealthCheck), "/$defs/healthCheck" },
        { nameof(ConfigKeys.Provider), "/$defs/provider" },
        { nameof(ConfigKeys.Targets), "/$defs/targets" },
        { nameof(ConfigKeys.Relay), "/$defs/relay" },
        { nameof(ConfigKeys.Consumer), "/$defs/consumer" },
        { nameof(ConfigKeys.Vpc), "/$defs/vpc" },
        { nameof(ConfigKeys.ExistingSubnet), "/$defs/existingSubnet" },
        { nameof(ConfigKeys.Suppression), "/$defs/suppression" },
        { nameof(ConfigKeys.Monitoring), "/$defs/monitoring" },
        { nameof(ConfigKeys.Deployment), "/$defs/deployment" },
        { nameof(ConfigKeys.NewVpcOnly), "/$defs/vpc/then" },
    };

    [Theory]
    [MemberData(nameof(KeySets))]
    public void Schema_properties_equal_the_keys_the_loader_accepts(string keySet, string pointer)
    {
        var keys = (string[])typeof(ConfigKeys).GetField(keySet)!.GetValue(null)!;
        var properties = Resolve(pointer)["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(keys.Order(StringComparer.Ordinal), properties.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_set_of_ConfigKeys_is_checked_against_the_schema()
    {
        var checkedSets = KeySets().Select(row => (string)row[0]).ToHashSet();
        var all = typeof(ConfigKeys).GetFields().Where(f => f.FieldType == typeof(string[])).Select(f => f.Name);
        Assert.DoesNotContain(all, name => !checkedSets.Contains(name));
    }

    [Fact]
    public void Every_object_in_the_schema_forbids_other_keys_and_documents_each_property()
    {
        var problems = new List<string>();
        Walk(SchemaDocument.Value, "", problems);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_ref_in_the_schema_resolves()
    {
        var refs = new List<string>();
        CollectRefs(SchemaDocument.Value, refs);
        Assert.NotEmpty(refs);
        foreach (var reference in refs)
        {
            Assert.StartsWith("#/", reference);
            Assert.NotNull(Resolve(reference[1..]));
        }
    }

    private static void Walk(JsonNode? node, string at, List<string> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "object" && obj["properties"] is JsonObject properties)
                {
                    if (obj["additionalProperties"] is not JsonValue v || v.GetValue<bool>())
                        problems.Add($"{at}: additionalProperties is not false");
                    foreach (var (name, property) in properties)
                    {
                        if (property is not JsonObject p || string.IsNullOrWhiteSpace((string?)p["description"]))
                            problems.Add($"{at}/properties/{name}: no description");
                    }
                }

                foreach (var (name, child) in obj)
                    Walk(child, $"{at}/{name}", problems);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], $"{at}/{i}", problems);
                break;
        }
    }

    private static void CollectRefs(JsonNode? node, List<string> refs)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
            {
                if (name == "$ref")
                    refs.Add((string)child!);
                else
                    CollectRefs(child, refs);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
                CollectRefs(child, refs);
        }
    }

    private static JsonNode Resolve(string pointer)
    {
        var node = SchemaDocument.Value;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node[segment.Replace("~1", "/").Replace("~0", "~")] ?? throw new KeyNotFoundException(pointer);
        return node;
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
