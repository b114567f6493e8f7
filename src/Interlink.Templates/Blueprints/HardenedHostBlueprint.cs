using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>Extra IAM permissions of a host role: <see cref="Actions"/> on <see cref="Resources"/>.</summary>
/// <param name="Actions">IAM actions.</param>
/// <param name="Resources">Resource ARNs.</param>
public sealed record HostPermission(IReadOnlyList<string> Actions, IReadOnlyList<CfnValue> Resources);

/// <summary>What every host Interlink creates shares.</summary>
/// <param name="Name">Name tag of the hosts' volumes.</param>
/// <param name="InstanceType">EC2 instance type, e.g. <c>t4g.micro</c>.</param>
/// <param name="SecurityGroupIds">Security groups of the hosts.</param>
/// <param name="ExtraPermissions">Extra inline policies of the host role, one per entry.</param>
/// <param name="RootVolumeGiB">Root volume size in GiB (the Amazon Linux 2023 image size is 8).</param>
/// <param name="ImageId">
/// The AMI: a literal or a parameter reference that changes only when someone changes it; null means the current
/// Amazon Linux 2023 image from its public SSM parameter, which CloudFormation re-reads on every stack update, so a
/// new image replaces the hosts: acceptable only for hosts without a fixed IP.
/// </param>
public sealed record HostTemplateSpec(string Name, string InstanceType, IReadOnlyList<CfnValue> SecurityGroupIds,
    IReadOnlyList<HostPermission> ExtraPermissions, int RootVolumeGiB = 8, CfnValue? ImageId = null);

/// <summary>
/// The launch template hosts share: the Amazon Linux 2023 image for their architecture (a given AMI, or the public
/// SSM parameter resolved at deploy time, so synth needs no lookup), IMDSv2 required, an encrypted gp3 root volume, an
/// instance profile for Systems Manager (no SSH key, no open SSH port), and no public IP.
/// </summary>
public sealed class HardenedHostBlueprint
{
    private readonly ModelScope _scope;
    private readonly ResourceModel _template;

    /// <summary>Adds the role, instance profile and launch template to <paramref name="scope"/>.</summary>
    public HardenedHostBlueprint(ModelScope scope, HostTemplateSpec spec)
    {
        _scope = scope;
        var role = scope.Resource("Role", "AWS::IAM::Role", Cfn.Map(
            ("AssumeRolePolicyDocument", Policies.TrustService("ec2.amazonaws.com")),
            ("ManagedPolicyArns", Cfn.List(Cfn.Sub("arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"))),
            ("Policies", spec.ExtraPermissions.Count == 0
                ? null
                : Cfn.List(spec.ExtraPermissions.Select((p, i) => Policies.Inline($"host-{i + 1}", Policies.Allow(p.Actions, p.Resources)))))));
        NagSuppressions.Apply(role, NagSuppressions.HostRole);
        var profile = scope.Resource("Profile", "AWS::IAM::InstanceProfile", Cfn.Map(("Roles", Cfn.List(Cfn.Ref(role)))));
        _template = scope.Resource("Template", "AWS::EC2::LaunchTemplate", Cfn.Map(("LaunchTemplateData", Cfn.Map(
            ("BlockDeviceMappings", Cfn.List(Cfn.Map(
                ("DeviceName", "/dev/xvda"),
                ("Ebs", Cfn.Map(("DeleteOnTermination", true), ("Encrypted", true), ("VolumeSize", spec.RootVolumeGiB), ("VolumeType", "gp3")))))),
            ("IamInstanceProfile", Cfn.Map(("Arn", Cfn.GetAtt(profile, "Arn")))),
            ("ImageId", spec.ImageId ?? HostImages.ImageFor(spec.InstanceType)),
            ("InstanceType", spec.InstanceType),
            ("MetadataOptions", Cfn.Map(("HttpEndpoint", "enabled"), ("HttpPutResponseHopLimit", 1), ("HttpTokens", "required"))),
            ("SecurityGroupIds", Cfn.List(spec.SecurityGroupIds)),
            ("TagSpecifications", Cfn.List(Cfn.Map(("ResourceType", "volume"), ("Tags", StackTags.NameTag(spec.Name)))))))));
    }

    /// <summary>
    /// Launches one host from the template in <paramref name="subnetId"/>, after <paramref name="route"/> (the subnet's
    /// NAT default route) exists: CloudFormation orders creation by references only, and nothing in the instance
    /// refers to the route, so without the dependency the host may boot before it can reach S3 or Systems Manager.
    /// </summary>
    public ResourceModel Launch(string id, CfnValue subnetId, string name, string? privateIp = null, CfnValue? userData = null, ResourceModel? route = null)
    {
        var instance = _scope.Resource(id, "AWS::EC2::Instance", Cfn.Map(
            ("LaunchTemplate", Cfn.Map(("LaunchTemplateId", Cfn.Ref(_template)), ("Version", Cfn.GetAtt(_template, "LatestVersionNumber")))),
            ("PrivateIpAddress", privateIp),
            ("SubnetId", subnetId),
            ("Tags", StackTags.NameTag(name)),
            ("UserData", userData is null ? null : Cfn.Base64(userData))));
        if (route is not null)
            instance.AddDependency(route);
        NagSuppressions.Apply(instance, NagSuppressions.Host);
        return instance;
    }
}
