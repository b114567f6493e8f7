using Interlink.Cdk.Tests.Support;
using Interlink.Core.Model;

namespace Interlink.Cdk.Tests;

/// <summary>
/// "You can't perform an update that causes a custom-named resource to be replaced" (CloudFormation Template
/// Reference, resource custom naming / "Name type",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html). So no resource
/// whose replacement an ordinary change can force carries a custom physical name; CloudFormation names it, and the
/// readable name goes in a tag.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class PhysicalNameTests(ExampleAssemblies examples)
{
    /// <summary>
    /// The custom-name property of each resource type Interlink's templates can hold (from each type's reference
    /// page), and the properties whose change forces a replacement ("Update requires: Replacement") other than
    /// the name itself.
    /// </summary>
    private static readonly Dictionary<string, (string[] Names, string[] OtherReplacementProperties)> NameProperties = new(StringComparer.Ordinal)
    {
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = (["Name"], ["Scheme", "Type"]),
        ["AWS::ElasticLoadBalancingV2::TargetGroup"] = (["Name"], ["Port", "Protocol", "TargetType", "VpcId", "ProtocolVersion", "IpAddressType"]),
        ["AWS::EC2::SecurityGroup"] = (["GroupName"], ["GroupDescription", "VpcId"]),
        ["AWS::EC2::LaunchTemplate"] = (["LaunchTemplateName"], []),
        ["AWS::IAM::Role"] = (["RoleName", "Path"], []),
        ["AWS::IAM::InstanceProfile"] = (["InstanceProfileName", "Path"], []),
        ["AWS::IAM::ManagedPolicy"] = (["ManagedPolicyName", "Path"], []),
        ["AWS::Logs::LogGroup"] = (["LogGroupName"], []),
        ["AWS::Lambda::Function"] = (["FunctionName"], []),
        ["AWS::S3::Bucket"] = (["BucketName"], []),
    };

    [Theory]
    [MemberData(nameof(Examples.AllWithBundles), MemberType = typeof(Examples))]
    public void No_resource_whose_replacement_a_change_can_force_has_a_custom_name(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var resource in template.Resources)
            {
                if (!NameProperties.TryGetValue(resource.Type, out var names))
                    continue;
                var named = names.Names.Where(resource.Has).ToList();
                // A name is harmless only where nothing but the name itself can force a replacement (an IAM role:
                // RoleName and Path); then a replacement always comes with a new name.
                Assert.True(named.Count == 0 || names.OtherReplacementProperties.Length == 0,
                    $"{template.StackName}/{resource.LogicalId} ({resource.Type}) has custom name {string.Join(", ", named)}, yet a change of {string.Join(", ", names.OtherReplacementProperties)} replaces it");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples.All), MemberType = typeof(Examples))]
    public void Load_balancers_and_target_groups_keep_their_readable_names_as_Name_tags(string example)
    {
        var x = examples[example];
        var regions = x.Native ? [x.Topology.Provider.Region] : x.Topology.Relays.Select(r => r.Network.Region).ToList();
        foreach (var region in regions)
        {
            var template = x.Native ? x.Provider : x.Relay(region);
            Assert.Equal(NameScheme.LoadBalancer(x.Topology.Name, region), NameTag(template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer")));
            Assert.Equal(NameScheme.TargetGroup(x.Topology.Name, region), NameTag(template.Single("AWS::ElasticLoadBalancingV2::TargetGroup")));
        }
    }

    private static string? NameTag(Resource resource) =>
        resource.Has("Tags") ? resource.Prop("Tags").EnumerateArray().Where(t => t.GetProperty("Key").GetString() == "Name").Select(t => t.GetProperty("Value").GetString()).SingleOrDefault() : null;
}
