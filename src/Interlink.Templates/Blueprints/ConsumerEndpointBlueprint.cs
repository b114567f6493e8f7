using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>What <see cref="ConsumerEndpointBlueprint"/> builds.</summary>
/// <param name="Name">Name prefix for tags.</param>
/// <param name="Network">The consumer network.</param>
/// <param name="ServiceName">The endpoint service name (a parameter fed from the relay or provider stack).</param>
/// <param name="Port">Port consumers connect to.</param>
/// <param name="SubnetIndexes">Indexes of the private subnets to place the endpoint in (AZs the service's NLB serves).</param>
/// <param name="ServiceRegion">Native mode: the service's Region when it differs from the consumer's; null otherwise.</param>
/// <param name="HostedZoneName">Friendly name resolving to the endpoint, in a private hosted zone of the VPC; null for none.</param>
public sealed record ConsumerEndpointSpec(string Name, NetworkRefs Network, CfnValue ServiceName, int Port, IReadOnlyList<int> SubnetIndexes,
    string? ServiceRegion, string? HostedZoneName);

/// <summary>What the consumer endpoint blueprint made.</summary>
/// <param name="Endpoint">The interface endpoint.</param>
public sealed record ConsumerEndpointRefs(ResourceModel Endpoint)
{
    /// <summary>The endpoint's DNS entries (a list of <c>hostedZoneId:name</c>).</summary>
    public CfnValue DnsEntries => Cfn.GetAtt(Endpoint, "DnsEntries");
}

/// <summary>
/// An interface endpoint in the consumer VPC: a security group admitting the service port from the VPC, the endpoint in
/// the subnets whose AZs the service's NLB serves, and optionally a friendly DNS name.
/// </summary>
public static class ConsumerEndpointBlueprint
{
    /// <summary>Adds the endpoint.</summary>
    public static ConsumerEndpointRefs Build(ModelScope scope, ConsumerEndpointSpec spec)
    {
        var group = SecurityGroups.Create(scope, "SecurityGroup", spec.Network.VpcId, $"{spec.Name} endpoint: service port from the consumer VPC",
            [new TcpRule(spec.Network.Spec.Cidr, spec.Port, "consumer VPC to the service")], []);
        var endpoint = scope.Resource("Endpoint", "AWS::EC2::VPCEndpoint", Cfn.Map(
            // Always off: Interlink's endpoint services have no verified private DNS name, and AWS refuses an endpoint
            // that asks for one (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html; IL038 rejects
            // 'privateDns: true'). The friendly name comes from HostedZoneName instead.
            ("PrivateDnsEnabled", false),
            ("SecurityGroupIds", Cfn.List(Cfn.GetAtt(group, "GroupId"))),
            ("ServiceName", spec.ServiceName),
            // AWS::EC2::VPCEndpoint.ServiceRegion: native cross-Region PrivateLink.
            ("ServiceRegion", spec.ServiceRegion),
            ("SubnetIds", Cfn.List(spec.SubnetIndexes.Select(i => spec.Network.PrivateSubnetIds[i]))),
            ("VpcEndpointType", "Interface"),
            ("VpcId", spec.Network.VpcId)));
        var refs = new ConsumerEndpointRefs(endpoint);

        if (spec.HostedZoneName is { } zoneName)
        {
            var zone = scope.Resource("Zone", "AWS::Route53::HostedZone", Cfn.Map(
                ("Name", zoneName),
                ("VPCs", Cfn.List(Cfn.Map(("VPCId", spec.Network.VpcId), ("VPCRegion", Cfn.Region))))));
            // Each DNS entry is "hostedZoneId:dnsName"; the first is the Regional name. The name is the zone's apex,
            // where Route 53 rejects a CNAME: an alias A record to the endpoint instead.
            var first = Cfn.Split(":", Cfn.Select(0, refs.DnsEntries));
            _ = scope.Resource("FriendlyName", "AWS::Route53::RecordSet", Cfn.Map(
                ("AliasTarget", Cfn.Map(("DNSName", Cfn.Select(1, first)), ("EvaluateTargetHealth", false), ("HostedZoneId", Cfn.Select(0, first)))),
                ("HostedZoneId", Cfn.Ref(zone)),
                ("Name", zoneName),
                ("Type", "A")));
        }

        return refs;
    }
}
