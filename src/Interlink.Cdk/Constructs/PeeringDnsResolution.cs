using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Which side of a peering a stack is on.</summary>
public enum PeeringSide
{
    /// <summary>The relay, which requested the peering.</summary>
    Requester,

    /// <summary>The provider, which accepted it.</summary>
    Accepter,
}

/// <summary>Properties of <see cref="PeeringDnsResolution"/>.</summary>
public sealed class PeeringDnsResolutionProps
{
    /// <summary>The peering connection.</summary>
    public required string PeeringConnectionId { get; init; }

    /// <summary>The side this stack owns; each side sets its own option, in its own Region and account.</summary>
    public required PeeringSide Side { get; init; }
}

/// <summary>
/// Lets one side of a peering resolve the other side's private DNS hostnames to private IPs. CloudFormation
/// cannot set this, so a custom resource calls <c>ModifyVpcPeeringConnectionOptions</c> once the peering is
/// active, and switches it off again on delete. Rarely needed: the relay NLB targets provider hosts by IP and
/// consumers use their endpoint's own DNS names; it matters only when something in the relay VPC must reach
/// provider hosts by their EC2 private DNS names.
/// </summary>
public sealed class PeeringDnsResolution : Construct
{
    /// <summary>Creates the custom resource.</summary>
    public PeeringDnsResolution(Construct scope, string id, PeeringDnsResolutionProps props) : base(scope, id)
    {
        var optionKey = props.Side == PeeringSide.Requester ? "RequesterPeeringConnectionOptions" : "AccepterPeeringConnectionOptions";
        AwsSdkCall Call(bool allow) => new()
        {
            Service = "EC2",
            Action = "modifyVpcPeeringConnectionOptions",
            Parameters = new Dictionary<string, object>
            {
                ["VpcPeeringConnectionId"] = props.PeeringConnectionId,
                [optionKey] = new Dictionary<string, object> { ["AllowDnsResolutionFromRemoteVpc"] = allow },
            },
            PhysicalResourceId = PhysicalResourceId.Of($"{props.Side}-dns"),
        };

        _ = new AwsCustomResource(this, "Options", new AwsCustomResourceProps
        {
            OnCreate = Call(true),
            OnUpdate = Call(true),
            OnDelete = Call(false),
            InstallLatestAwsSdk = false,
            Policy = AwsCustomResourcePolicy.FromStatements(
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["ec2:ModifyVpcPeeringConnectionOptions"],
                    Resources = [Fn.Join("", ["arn:", Aws.PARTITION, ":ec2:", Aws.REGION, ":", Aws.ACCOUNT_ID, ":vpc-peering-connection/", props.PeeringConnectionId])],
                }),
            ]),
        });
    }
}
