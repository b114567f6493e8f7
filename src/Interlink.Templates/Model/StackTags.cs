namespace Interlink.Templates.Model;

/// <summary>
/// Which resource types carry the stack's tags, and in which property: the types whose aws-cdk-lib 2.160.0 L1 class
/// has a tag manager (<c>Tags.of(stack).add</c> reaches them), as the CloudFormation resource specification marks
/// them taggable. Both emitters write the tags into the model's properties, so the CDK's own tag aspect is not what
/// applies them. The table reproduced, tag for tag, the templates the construct library's typed L1 classes rendered
/// before the model existed (checked on every example when the model was introduced), so deployed stacks saw no change.
/// </summary>
public static class StackTags
{
    private static readonly Dictionary<string, string> TagProperty = new(StringComparer.Ordinal)
    {
        ["AWS::EC2::VPC"] = "Tags",
        ["AWS::EC2::Subnet"] = "Tags",
        ["AWS::EC2::RouteTable"] = "Tags",
        ["AWS::EC2::InternetGateway"] = "Tags",
        ["AWS::EC2::EIP"] = "Tags",
        ["AWS::EC2::NatGateway"] = "Tags",
        ["AWS::EC2::FlowLog"] = "Tags",
        ["AWS::EC2::SecurityGroup"] = "Tags",
        ["AWS::EC2::Instance"] = "Tags",
        ["AWS::EC2::VPCPeeringConnection"] = "Tags",
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = "Tags",
        ["AWS::ElasticLoadBalancingV2::TargetGroup"] = "Tags",
        ["AWS::IAM::Role"] = "Tags",
        ["AWS::Logs::LogGroup"] = "Tags",
        ["AWS::Route53::HostedZone"] = "HostedZoneTags",

        // Monitoring, added with the template model: taggable with standard Tags in the CloudFormation registry schemas
        // (tagInformation in @aws-cdk/aws-service-spec) and in the 2.160 specification. Not AWS::CloudWatch::Dashboard:
        // its Tags property is newer than CDK 2.160's specification, which the spec test checks templates against.
        ["AWS::CloudWatch::Alarm"] = "Tags",
        ["AWS::SNS::Topic"] = "Tags",
    };

    /// <summary>
    /// <paramref name="properties"/> with <paramref name="stackTags"/> merged into the resource's own tags (its own win
    /// on the same key) and sorted by key as the CDK's tag manager sorts them (<see cref="LocaleOrder"/>);
    /// unchanged for a type that carries no tags.
    /// </summary>
    public static CfnMap Apply(string type, CfnMap properties, IReadOnlyList<KeyValuePair<string, string>> stackTags)
    {
        if (!TagProperty.TryGetValue(type, out var name) || stackTags.Count == 0 && !properties.Entries.Any(e => e.Key == name))
            return properties;
        var merged = new Dictionary<string, CfnValue>(StringComparer.Ordinal);
        foreach (var (key, value) in stackTags)
            merged[key] = value;
        if (properties.Entries.FirstOrDefault(e => e.Key == name).Value is CfnList own)
        {
            foreach (var tag in own.Items.OfType<CfnMap>())
                merged[Text(tag, "Key")] = tag.Entries.First(e => e.Key == "Value").Value;
        }

        var sorted = merged.OrderBy(t => t.Key, LocaleOrder.Comparer)
            .Select(t => (CfnValue)Cfn.Map(("Key", t.Key), ("Value", t.Value)))
            .ToList();
        var entries = properties.Entries.Where(e => e.Key != name).Append(new(name, new CfnList(sorted))).ToList();
        return new CfnMap(entries);
    }

    /// <summary>A Name tag.</summary>
    public static CfnList NameTag(string name) => Cfn.List(Cfn.Map(("Key", name.Length == 0 ? throw new ArgumentException("empty Name tag", nameof(name)) : "Name"), ("Value", name)));

    private static string Text(CfnMap map, string key) =>
        map.Entries.First(e => e.Key == key).Value is CfnLiteral { Value: string s } ? s : throw new InvalidOperationException($"tag {key} is not a literal");
}
