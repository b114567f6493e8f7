using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>
/// Every resource type and property in the templates exists in the CloudFormation resource specification
/// (as CDK 2.160's L1 classes describe it, read offline from the jsii assembly).
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class CloudFormationSpecTests(ExampleAssemblies examples, CloudFormationSpec spec)
{
    /// <summary>Properties AWS added after CDK 2.160 (native cross-Region PrivateLink), set by property override.</summary>
    private static readonly string[] NewerThanTheSpec =
    [
        "AWS::EC2::VPCEndpoint.ServiceRegion",
        "AWS::EC2::VPCEndpointService.SupportedRegions",
    ];

    [Fact]
    public void Spec_is_read_from_the_CDK_library_in_use()
    {
        Assert.Equal("2.160.0", spec.Version);
        Assert.True(spec.Resources.Count > 1000, $"{spec.Resources.Count} resource types");
        Assert.Equal("aws-cdk-lib.aws_ec2.CfnVPCEndpointService", spec.Resources["AWS::EC2::VPCEndpointService"].CdkClass);
        Assert.True(spec.Resources["AWS::EC2::SecurityGroup"].Properties["GroupDescription"].Required);
    }

    [Fact]
    public void CDK_2_160_indeed_predates_SupportedRegions_and_ServiceRegion()
    {
        Assert.False(spec.Resources["AWS::EC2::VPCEndpointService"].Properties.ContainsKey("SupportedRegions"));
        Assert.False(spec.Resources["AWS::EC2::VPCEndpoint"].Properties.ContainsKey("ServiceRegion"));
        Assert.True(spec.Resources["AWS::EC2::VPCEndpoint"].Properties.ContainsKey("ServiceName"));
    }

    [Fact]
    public void Every_resource_type_and_property_exists_in_the_spec_except_the_two_newer_PrivateLink_properties()
    {
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var where = new List<string>();
        foreach (var (template, resource) in AllResources())
        {
            if (!spec.Resources.TryGetValue(resource.Type, out var type))
            {
                unknown.Add(resource.Type);
                where.Add($"{template.StackName}/{resource.LogicalId}: type {resource.Type}");
                continue;
            }

            if (resource.Properties.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var property in resource.Properties.EnumerateObject().Where(p => !type.Properties.ContainsKey(p.Name)))
            {
                unknown.Add($"{resource.Type}.{property.Name}");
                where.Add($"{template.StackName}/{resource.LogicalId}: {resource.Type}.{property.Name}");
            }
        }

        Assert.True(NewerThanTheSpec.SequenceEqual(unknown), $"not in the spec:\n{string.Join("\n", where)}");
    }

    [Fact]
    public void Every_nested_property_name_exists_in_the_spec()
    {
        var problems = new List<string>();
        foreach (var (template, resource) in AllResources())
        {
            if (!spec.Resources.TryGetValue(resource.Type, out var type) || resource.Properties.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var property in resource.Properties.EnumerateObject())
            {
                if (type.Properties.TryGetValue(property.Name, out var declared))
                    problems.AddRange(spec.UnknownNestedNames(property.Value, declared.JsiiType, $"{template.StackName}/{resource.LogicalId}/{property.Name}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Nested_check_catches_a_misspelt_name_and_looks_past_intrinsic_functions()
    {
        var targets = spec.Resources["AWS::ElasticLoadBalancingV2::TargetGroup"].Properties["Targets"].JsiiType;
        using var doc = JsonDocument.Parse("""[{"Id": "10.0.0.1", "Port": 80, "AvailabiltyZone": "all"}, {"Ref": "Whatever"}]""");

        var problems = spec.UnknownNestedNames(doc.RootElement, targets, "Targets").ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith("Targets[0]/AvailabiltyZone", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_required_property_is_set()
    {
        var missing = new List<string>();
        foreach (var (template, resource) in AllResources())
        {
            if (!spec.Resources.TryGetValue(resource.Type, out var type))
                continue;
            foreach (var required in type.Properties.Values.Where(p => p.Required))
            {
                if (!resource.Has(required.Name))
                    missing.Add($"{template.StackName}/{resource.LogicalId}: {resource.Type}.{required.Name}");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void No_resource_is_outside_the_spec_not_even_a_custom_one()
    {
        var custom = AllResources().Select(x => x.Resource.Type).Where(t => !t.StartsWith("AWS::", StringComparison.Ordinal)).Distinct();

        Assert.Empty(custom);
    }

    /// <summary>Every resource of every template of every example file.</summary>
    private IEnumerable<(Template Template, Resource Resource)> AllResources() =>
        Examples.Files
            .SelectMany(e => examples[e].Templates.Values)
            .SelectMany(t => t.Resources.Select(r => (t, r)));
}
