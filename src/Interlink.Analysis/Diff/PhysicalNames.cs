namespace Interlink.Analysis.Diff;

/// <summary>
/// Properties that give a resource a custom physical name. AWS CloudFormation User Guide, "Name type": "If you
/// specify a name, you cannot perform updates that require replacement of this resource. You can perform updates
/// that require no or some interruption. If you must replace the resource, specify a new name."
/// </summary>
public static class PhysicalNames
{
    private static readonly Dictionary<string, string> NameProperty = new(StringComparer.Ordinal)
    {
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = "Name",
        ["AWS::ElasticLoadBalancingV2::TargetGroup"] = "Name",
        ["AWS::IAM::Role"] = "RoleName",
        ["AWS::IAM::InstanceProfile"] = "InstanceProfileName",
        ["AWS::EC2::SecurityGroup"] = "GroupName",
        ["AWS::EC2::LaunchTemplate"] = "LaunchTemplateName",
        ["AWS::EC2::PrefixList"] = "PrefixListName",
        ["AWS::Logs::LogGroup"] = "LogGroupName",
        ["AWS::Lambda::Function"] = "FunctionName",
        ["AWS::SNS::Topic"] = "TopicName",
        ["AWS::CloudWatch::Alarm"] = "AlarmName",
        ["AWS::CloudWatch::Dashboard"] = "DashboardName",
    };

    /// <summary>The property of <paramref name="type"/> that names it, or null when it has none.</summary>
    public static string? For(string type) => NameProperty.GetValueOrDefault(type);
}
