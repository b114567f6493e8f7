using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="HardenedHostTemplate"/>.</summary>
public sealed class HardenedHostTemplateProps
{
    /// <summary>Name prefix for tags.</summary>
    public required string Name { get; init; }

    /// <summary>EC2 instance type, e.g. <c>t4g.micro</c>.</summary>
    public required string InstanceType { get; init; }

    /// <summary>Security groups of the hosts.</summary>
    public required IReadOnlyList<string> SecurityGroupIds { get; init; }

    /// <summary>Extra IAM statements' actions and resources for the host role. Default: none.</summary>
    public IReadOnlyList<(string[] Actions, object[] Resources)> ExtraPermissions { get; init; } = [];

    /// <summary>Root volume size in GiB. Default: 8 (the Amazon Linux 2023 image size).</summary>
    public int RootVolumeGiB { get; init; } = 8;

    /// <summary>
    /// The AMI: a literal or a parameter reference that changes only when someone changes it. Default: null, the
    /// current Amazon Linux 2023 image from its public SSM parameter, which CloudFormation re-reads on every stack
    /// update, so a new image replaces the hosts; acceptable only for hosts without a fixed IP (see <see cref="ServiceHosts"/>).
    /// </summary>
    public string? ImageId { get; init; }
}

/// <summary>
/// What every host Interlink creates shares: the Amazon Linux 2023 image for its architecture (a given AMI, or the
/// public SSM parameter resolved at deploy time, so synth needs no lookup), IMDSv2 required, an encrypted gp3 root
/// volume, an instance profile for Systems Manager (no SSH key, no open SSH port), and no public IP.
/// </summary>
public sealed class HardenedHostTemplate : Construct
{
    /// <summary>Creates the role, instance profile and launch template.</summary>
    public HardenedHostTemplate(Construct scope, string id, HardenedHostTemplateProps props) : base(scope, id)
    {
        var role = new CfnRole(this, "Role", new CfnRoleProps
        {
            AssumeRolePolicyDocument = Policies.TrustService("ec2.amazonaws.com"),
            ManagedPolicyArns = [Fn.Sub("arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore")],
            Policies = props.ExtraPermissions.Count == 0
                ? null
                : props.ExtraPermissions.Select((p, i) => (object)new CfnRole.PolicyProperty { PolicyName = $"host-{i + 1}", PolicyDocument = Policies.Allow(p.Actions, p.Resources) }).ToArray(),
        });
        var profile = new CfnInstanceProfile(this, "Profile", new CfnInstanceProfileProps { Roles = [role.Ref] });

        var template = new CfnLaunchTemplate(this, "Template", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = new CfnLaunchTemplate.LaunchTemplateDataProperty
            {
                ImageId = props.ImageId ?? ImageFor(props.InstanceType),
                InstanceType = props.InstanceType,
                IamInstanceProfile = new CfnLaunchTemplate.IamInstanceProfileProperty { Arn = profile.AttrArn },
                SecurityGroupIds = props.SecurityGroupIds.ToArray(),
                MetadataOptions = new CfnLaunchTemplate.MetadataOptionsProperty
                {
                    HttpEndpoint = "enabled",
                    HttpTokens = "required",
                    HttpPutResponseHopLimit = 1,
                },
                BlockDeviceMappings = new object[]
                {
                    new CfnLaunchTemplate.BlockDeviceMappingProperty
                    {
                        DeviceName = "/dev/xvda",
                        Ebs = new CfnLaunchTemplate.EbsProperty { Encrypted = true, VolumeType = "gp3", VolumeSize = props.RootVolumeGiB, DeleteOnTermination = true },
                    },
                },
                TagSpecifications = new object[]
                {
                    new CfnLaunchTemplate.TagSpecificationProperty { ResourceType = "volume", Tags = [new CfnTag { Key = "Name", Value = props.Name }] },
                },
            },
        });
        LaunchTemplateId = template.Ref;
        LaunchTemplateVersion = template.AttrLatestVersionNumber;
    }

    /// <summary>The launch template's ID.</summary>
    public string LaunchTemplateId { get; }

    /// <summary>The launch template's latest version.</summary>
    public string LaunchTemplateVersion { get; }

    /// <summary>
    /// Launches one host from the template in <paramref name="subnetId"/>, after <paramref name="route"/> (the subnet's
    /// NAT default route) exists: CloudFormation orders creation by references only, and nothing in the instance
    /// refers to the route, so without the dependency the host may boot before it can reach S3 or Systems Manager.
    /// </summary>
    public CfnInstance Launch(string id, string subnetId, string name, string? privateIp = null, string? userData = null, CfnResource? route = null)
    {
        var instance = new CfnInstance(this, id, new CfnInstanceProps
        {
            LaunchTemplate = new CfnInstance.LaunchTemplateSpecificationProperty { LaunchTemplateId = LaunchTemplateId, Version = LaunchTemplateVersion },
            SubnetId = subnetId,
            PrivateIpAddress = privateIp,
            UserData = userData is null ? null : Fn.Base64(userData),
            Tags = [Network.NameTag(name)],
        });
        if (route is not null)
            instance.AddDependency(route);
        return instance;
    }

    /// <summary>Graviton types (a 'g' after the generation digit: t4g, m7g, c7gn) run arm64; the rest x86_64.</summary>
    public static string Architecture(string instanceType)
    {
        var family = instanceType.Split('.')[0];
        var digit = family.IndexOfAny("0123456789".ToCharArray());
        return digit >= 0 && family[(digit + 1)..].StartsWith('g') ? "arm64" : "x86_64";
    }

    /// <summary>The AL2023 image for <paramref name="instanceType"/>, resolved by CloudFormation from the public SSM parameter.</summary>
    public static string ImageFor(string instanceType) => $"{{{{resolve:ssm:{ImageParameterFor(instanceType)}}}}}";

    /// <summary>
    /// The public SSM parameter holding the current Amazon Linux 2023 AMI for <paramref name="instanceType"/>'s
    /// architecture (Amazon Linux 2023 User Guide, "Launching AL2023 using the SSM parameter and AWS CLI").
    /// </summary>
    public static string ImageParameterFor(string instanceType) =>
        $"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{Architecture(instanceType)}";
}
