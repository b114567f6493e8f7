using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Interlink.Core.Normalization;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="Network"/>.</summary>
public sealed class NetworkProps
{
    /// <summary>Prefix of the Name tags (e.g. <c>awsmorocco-relay</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The VPC's resolved layout: a new VPC is created from it; an existing one is only referenced.</summary>
    public required VpcLayout Layout { get; init; }

    /// <summary>Record flow logs of a new VPC to CloudWatch Logs. Default: true.</summary>
    public bool FlowLogs { get; init; } = true;

    /// <summary>Days flow logs are kept. Default: 30.</summary>
    public int FlowLogRetentionDays { get; init; } = 30;
}

/// <summary>
/// A VPC exactly as laid out: CIDR, one private subnet (with its own route table) per AZ ID, public subnets
/// and NAT gateways when asked, DNS support and hostnames on, flow logs. For an existing VPC it creates
/// nothing and exposes the IDs the user gave, so that other constructs only add to it.
/// </summary>
public sealed class Network : Construct
{
    /// <summary>Creates or references the VPC.</summary>
    public Network(Construct scope, string id, NetworkProps props) : base(scope, id)
    {
        Layout = props.Layout;
        if (props.Layout.IsExisting)
        {
            VpcId = props.Layout.ExistingId!;
            PrivateSubnetIds = props.Layout.PrivateSubnets.Select(s => s.ExistingId!).ToList();
            PrivateRouteTableIds = props.Layout.PrivateSubnets.Select(s => s.ExistingRouteTableId!).ToList();
            PrivateDefaultRoutes = props.Layout.PrivateSubnets.Select(_ => (CfnRoute?)null).ToList();
            return;
        }

        var vpc = new CfnVPC(this, "Vpc", new CfnVPCProps
        {
            CidrBlock = props.Layout.Cidr.ToString(),
            EnableDnsSupport = true,
            EnableDnsHostnames = true,
            Tags = [NameTag(props.Name)],
        });
        VpcId = vpc.Ref;

        var (publicSubnetIds, gateway) = BuildPublicTier(props, vpc.Ref);
        var natIds = BuildNatGateways(props, publicSubnetIds, gateway);
        (PrivateSubnetIds, PrivateRouteTableIds, PrivateDefaultRoutes) = BuildPrivateTier(props, vpc.Ref, natIds);
        if (props.FlowLogs)
            BuildFlowLog(props, vpc.Ref);
    }

    /// <summary>The layout this network was built from.</summary>
    public VpcLayout Layout { get; }

    /// <summary>VPC ID (a token for a new VPC).</summary>
    public string VpcId { get; }

    /// <summary>Private subnet IDs, in layout order.</summary>
    public IReadOnlyList<string> PrivateSubnetIds { get; }

    /// <summary>Route table of each private subnet, in layout order.</summary>
    public IReadOnlyList<string> PrivateRouteTableIds { get; }

    /// <summary>
    /// The NAT default route of each private subnet's table, in layout order; null where there is none (no NAT, or an
    /// existing VPC whose routes exist already). Hosts that fetch from S3 or reach Systems Manager at boot depend on it.
    /// </summary>
    public IReadOnlyList<CfnRoute?> PrivateDefaultRoutes { get; }

    /// <summary>A Name tag.</summary>
    internal static CfnTag NameTag(string name) => new() { Key = "Name", Value = name };

    /// <summary>Places a subnet by AZ ID (the same zone in every account), or by name when the user gave a name.</summary>
    internal static void PlaceSubnet(CfnSubnetProps props, SubnetPlan plan)
    {
        if (plan.AzIsId)
            props.AvailabilityZoneId = plan.Az;
        else
            props.AvailabilityZone = plan.Az;
    }

    private (List<string> SubnetIds, CfnVPCGatewayAttachment? Gateway) BuildPublicTier(NetworkProps props, string vpcId)
    {
        if (props.Layout.PublicSubnets.Count == 0)
            return ([], null);
        var igw = new CfnInternetGateway(this, "Igw", new CfnInternetGatewayProps { Tags = [NameTag($"{props.Name}-igw")] });
        var attachment = new CfnVPCGatewayAttachment(this, "IgwAttachment", new CfnVPCGatewayAttachmentProps { VpcId = vpcId, InternetGatewayId = igw.Ref });
        var table = new CfnRouteTable(this, "PublicRouteTable", new CfnRouteTableProps { VpcId = vpcId, Tags = [NameTag($"{props.Name}-public")] });
        var route = new CfnRoute(this, "PublicDefaultRoute", new CfnRouteProps { RouteTableId = table.Ref, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw.Ref });
        route.AddDependency(attachment);

        var ids = new List<string>();
        for (var i = 0; i < props.Layout.PublicSubnets.Count; i++)
        {
            var plan = props.Layout.PublicSubnets[i];
            var subnetProps = new CfnSubnetProps
            {
                VpcId = vpcId,
                CidrBlock = plan.Cidr.ToString(),
                // Public subnets hold NAT gateways only; nothing gets a public IP by default.
                MapPublicIpOnLaunch = false,
                Tags = [NameTag($"{props.Name}-public-{plan.Az}")],
            };
            PlaceSubnet(subnetProps, plan);
            var subnet = new CfnSubnet(this, $"PublicSubnet{i + 1}", subnetProps);
            _ = new CfnSubnetRouteTableAssociation(this, $"PublicSubnet{i + 1}Routes", new CfnSubnetRouteTableAssociationProps { SubnetId = subnet.Ref, RouteTableId = table.Ref });
            ids.Add(subnet.Ref);
        }

        return (ids, attachment);
    }

    private List<string> BuildNatGateways(NetworkProps props, List<string> publicSubnetIds, CfnVPCGatewayAttachment? gateway)
    {
        var ids = new List<string>();
        for (var i = 0; i < props.Layout.NatGateways && i < publicSubnetIds.Count; i++)
        {
            var eip = new CfnEIP(this, $"NatIp{i + 1}", new CfnEIPProps { Domain = "vpc", Tags = [NameTag($"{props.Name}-nat-{i + 1}")] });
            var nat = new CfnNatGateway(this, $"Nat{i + 1}", new CfnNatGatewayProps
            {
                SubnetId = publicSubnetIds[i],
                AllocationId = eip.AttrAllocationId,
                Tags = [NameTag($"{props.Name}-nat-{i + 1}")],
            });
            // A NAT gateway created before the internet gateway is attached fails to route.
            if (gateway is not null)
                nat.AddDependency(gateway);
            ids.Add(nat.Ref);
        }

        return ids;
    }

    private (List<string> Subnets, List<string> RouteTables, List<CfnRoute?> DefaultRoutes) BuildPrivateTier(NetworkProps props, string vpcId, List<string> natIds)
    {
        var subnets = new List<string>();
        var tables = new List<string>();
        var routes = new List<CfnRoute?>();
        for (var i = 0; i < props.Layout.PrivateSubnets.Count; i++)
        {
            var plan = props.Layout.PrivateSubnets[i];
            var subnetProps = new CfnSubnetProps
            {
                VpcId = vpcId,
                CidrBlock = plan.Cidr.ToString(),
                MapPublicIpOnLaunch = false,
                Tags = [NameTag($"{props.Name}-private-{plan.Az}")],
            };
            PlaceSubnet(subnetProps, plan);
            var subnet = new CfnSubnet(this, $"PrivateSubnet{i + 1}", subnetProps);

            // One route table per private subnet: peering routes and per-AZ NAT routes can then differ by AZ.
            var table = new CfnRouteTable(this, $"PrivateRouteTable{i + 1}", new CfnRouteTableProps { VpcId = vpcId, Tags = [NameTag($"{props.Name}-private-{plan.Az}")] });
            _ = new CfnSubnetRouteTableAssociation(this, $"PrivateSubnet{i + 1}Routes", new CfnSubnetRouteTableAssociationProps { SubnetId = subnet.Ref, RouteTableId = table.Ref });
            routes.Add(natIds.Count > 0
                ? new CfnRoute(this, $"PrivateDefaultRoute{i + 1}", new CfnRouteProps { RouteTableId = table.Ref, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = natIds[i % natIds.Count] })
                : null);
            subnets.Add(subnet.Ref);
            tables.Add(table.Ref);
        }

        return (subnets, tables, routes);
    }

    private void BuildFlowLog(NetworkProps props, string vpcId)
    {
        var group = new CfnLogGroup(this, "FlowLogGroup", new CfnLogGroupProps { RetentionInDays = props.FlowLogRetentionDays });
        var role = new CfnRole(this, "FlowLogRole", new CfnRoleProps
        {
            AssumeRolePolicyDocument = Policies.TrustService("vpc-flow-logs.amazonaws.com"),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty
                {
                    PolicyName = "write-flow-logs",
                    PolicyDocument = Policies.Allow(
                        ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        [group.AttrArn, Fn.Join("", [group.AttrArn, ":*"])]),
                },
            },
        });
        _ = new CfnFlowLog(this, "FlowLog", new CfnFlowLogProps
        {
            ResourceId = vpcId,
            ResourceType = "VPC",
            TrafficType = "ALL",
            LogDestinationType = "cloud-watch-logs",
            LogGroupName = group.Ref,
            DeliverLogsPermissionArn = role.AttrArn,
        });
    }
}
