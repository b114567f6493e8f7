using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="ConsumerEndpoint"/>.</summary>
public sealed class ConsumerEndpointProps
{
    /// <summary>Name prefix for tags.</summary>
    public required string Name { get; init; }

    /// <summary>The consumer network.</summary>
    public required Network Network { get; init; }

    /// <summary>The endpoint service name (a parameter fed from the relay or provider stack).</summary>
    public required string ServiceName { get; init; }

    /// <summary>Port consumers connect to.</summary>
    public required int Port { get; init; }

    /// <summary>Indexes of the private subnets to place the endpoint in (AZs the service's NLB serves).</summary>
    public required IReadOnlyList<int> SubnetIndexes { get; init; }

    /// <summary>Native mode: the service's Region when it differs from the consumer's. Default: null.</summary>
    public string? ServiceRegion { get; init; }

    /// <summary>Friendly name resolving to the endpoint, in a private hosted zone of the VPC. Default: null (none).</summary>
    public string? HostedZoneName { get; init; }
}

/// <summary>
/// An interface endpoint in the consumer VPC: a security group admitting the service port from the VPC,
/// the endpoint in the subnets whose AZs the service's NLB serves, and optionally a friendly DNS name.
/// </summary>
public sealed class ConsumerEndpoint : Construct
{
    /// <summary>Creates the endpoint.</summary>
    public ConsumerEndpoint(Construct scope, string id, ConsumerEndpointProps props) : base(scope, id)
    {
        var vpcCidr = props.Network.Layout.Cidr.ToString();
        var group = SecurityGroups.Create(this, "SecurityGroup", props.Network.VpcId, $"{props.Name} endpoint: service port from the consumer VPC",
            [new TcpRule(vpcCidr, props.Port, "consumer VPC to the service")], []);
        var endpoint = new CfnVPCEndpoint(this, "Endpoint", new CfnVPCEndpointProps
        {
            VpcEndpointType = "Interface",
            VpcId = props.Network.VpcId,
            ServiceName = props.ServiceName,
            SubnetIds = props.SubnetIndexes.Select(i => props.Network.PrivateSubnetIds[i]).ToArray(),
            SecurityGroupIds = [group.AttrGroupId],
            // Always off: Interlink's endpoint services have no verified private DNS name, and AWS refuses an endpoint
            // that asks for one (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html; IL038 rejects
            // 'privateDns: true'). The friendly name comes from HostedZoneName instead.
            PrivateDnsEnabled = false,
        });
        // CDK 2.160 predates native cross-Region PrivateLink: set the CloudFormation property directly.
        if (props.ServiceRegion is { } region)
            endpoint.AddPropertyOverride("ServiceRegion", region);

        EndpointId = endpoint.Ref;
        DnsNames = endpoint.AttrDnsEntries;
        // Each DNS entry is "hostedZoneId:dnsName"; the first is the Regional name.
        RegionalDnsName = Fn.Select(1, Fn.Split(":", Fn.Select(0, endpoint.AttrDnsEntries)));

        if (props.HostedZoneName is { } zoneName)
        {
            var zone = new CfnHostedZone(this, "Zone", new CfnHostedZoneProps
            {
                Name = zoneName,
                Vpcs = new object[] { new CfnHostedZone.VPCProperty { VpcId = props.Network.VpcId, VpcRegion = Aws.REGION } },
            });
            // The name is the zone's apex, where Route 53 rejects a CNAME: an alias A record to the endpoint instead.
            _ = new CfnRecordSet(this, "FriendlyName", new CfnRecordSetProps
            {
                HostedZoneId = zone.Ref,
                Name = zoneName,
                Type = "A",
                AliasTarget = new CfnRecordSet.AliasTargetProperty
                {
                    DnsName = RegionalDnsName,
                    HostedZoneId = Fn.Select(0, Fn.Split(":", Fn.Select(0, endpoint.AttrDnsEntries))),
                    EvaluateTargetHealth = false,
                },
            });
        }
    }

    /// <summary>The endpoint ID.</summary>
    public string EndpointId { get; }

    /// <summary>The endpoint's DNS entries.</summary>
    public string[] DnsNames { get; }

    /// <summary>The endpoint's Regional DNS name.</summary>
    public string RegionalDnsName { get; }
}
