using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>One subnet of a network.</summary>
/// <param name="Cidr">Its CIDR.</param>
/// <param name="Zone">Its Availability Zone: an AZ ID (<c>use1-az1</c>, the same zone in every account) or an AZ name (<c>us-east-1a</c>).</param>
/// <param name="ExistingSubnetId">The subnet's ID when it exists already (with <see cref="NetworkSpec.ExistingVpcId"/>).</param>
/// <param name="ExistingRouteTableId">The existing subnet's route table.</param>
public sealed record SubnetSpec(string Cidr, string Zone, string? ExistingSubnetId = null, string? ExistingRouteTableId = null)
{
    /// <summary>True when <see cref="Zone"/> is an AZ ID rather than a name.</summary>
    public bool ZoneIsId => Zone.Contains("-az", StringComparison.Ordinal);
}

/// <summary>A network as laid out.</summary>
/// <param name="Name">Prefix of its Name tags (e.g. <c>awsmorocco-relay</c>).</param>
/// <param name="Cidr">The VPC CIDR.</param>
/// <param name="PrivateSubnets">Private subnets, one route table each.</param>
/// <param name="PublicSubnets">Public subnets (for NAT gateways).</param>
/// <param name="NatGateways">NAT gateways, in the first public subnets; private subnets route to them in turn.</param>
/// <param name="ExistingVpcId">An existing VPC's ID: nothing is created, the IDs given are referred to.</param>
/// <param name="FlowLogs">Record flow logs of a new VPC to CloudWatch Logs.</param>
public sealed record NetworkSpec(string Name, string Cidr, IReadOnlyList<SubnetSpec> PrivateSubnets, IReadOnlyList<SubnetSpec> PublicSubnets,
    int NatGateways = 0, string? ExistingVpcId = null, bool FlowLogs = true)
{
    /// <summary>Distinct zones of the private subnets, in order.</summary>
    public IReadOnlyList<string> Zones => PrivateSubnets.Select(s => s.Zone).Distinct().ToList();
}

/// <summary>What other blueprints use of a network.</summary>
/// <param name="Spec">What it was built from.</param>
/// <param name="VpcId">VPC ID (a reference for a new VPC).</param>
/// <param name="PrivateSubnetIds">Private subnet IDs, in layout order.</param>
/// <param name="PrivateRouteTableIds">Route table of each private subnet, in layout order.</param>
/// <param name="PrivateDefaultRoutes">
/// The NAT default route of each private subnet's table, in layout order; null where there is none (no NAT, or an
/// existing VPC whose routes exist already). Hosts that fetch from S3 or reach Systems Manager at boot depend on it.
/// </param>
public sealed record NetworkRefs(NetworkSpec Spec, CfnValue VpcId, IReadOnlyList<CfnValue> PrivateSubnetIds,
    IReadOnlyList<CfnValue> PrivateRouteTableIds, IReadOnlyList<ResourceModel?> PrivateDefaultRoutes);

/// <summary>
/// A VPC exactly as laid out: CIDR, one private subnet (with its own route table) per AZ ID, public subnets and NAT
/// gateways when asked, DNS support and hostnames on, flow logs. For an existing VPC it creates nothing and refers to
/// the IDs the user gave, so that other blueprints only add to it.
/// </summary>
public static class NetworkBlueprint
{
    /// <summary>Days flow logs are kept.</summary>
    public const int FlowLogRetentionDays = 30;

    /// <summary>Adds the network to <paramref name="scope"/>.</summary>
    public static NetworkRefs Build(ModelScope scope, NetworkSpec spec)
    {
        var (name, layout, flowLogs) = (spec.Name, spec, spec.FlowLogs);
        if (spec.ExistingVpcId is { } existing)
        {
            return new NetworkRefs(spec, existing,
                spec.PrivateSubnets.Select(s => (CfnValue)(s.ExistingSubnetId ?? throw new ArgumentException($"subnet {s.Cidr} of existing VPC {existing} needs its ID", nameof(spec)))).ToList(),
                spec.PrivateSubnets.Select(s => (CfnValue)(s.ExistingRouteTableId ?? throw new ArgumentException($"subnet {s.Cidr} of existing VPC {existing} needs its route table ID", nameof(spec)))).ToList(),
                spec.PrivateSubnets.Select(_ => (ResourceModel?)null).ToList());
        }

        var vpc = scope.Resource("Vpc", "AWS::EC2::VPC", Cfn.Map(
            ("CidrBlock", layout.Cidr),
            ("EnableDnsHostnames", true),
            ("EnableDnsSupport", true),
            ("Tags", StackTags.NameTag(name))));
        var vpcId = Cfn.Ref(vpc);
        var (publicSubnetIds, gateway) = PublicTier(scope, name, layout, vpcId);
        var natIds = NatGateways(scope, name, layout, publicSubnetIds, gateway);
        var (subnets, tables, routes) = PrivateTier(scope, name, layout, vpcId, natIds);
        if (flowLogs)
            FlowLog(scope, vpcId);
        return new NetworkRefs(spec, vpcId, subnets, tables, routes);
    }

    private static CfnMap Subnet(SubnetSpec plan, CfnValue vpcId, string nameTag) => Cfn.Map(
        // Placed by AZ ID (the same zone in every account), or by name when the user gave a name.
        ("AvailabilityZone", plan.ZoneIsId ? null : plan.Zone),
        ("AvailabilityZoneId", plan.ZoneIsId ? plan.Zone : null),
        ("CidrBlock", plan.Cidr),
        // Public subnets hold NAT gateways only; nothing gets a public IP by default.
        ("MapPublicIpOnLaunch", false),
        ("Tags", StackTags.NameTag(nameTag)),
        ("VpcId", vpcId));

    private static (List<CfnValue> SubnetIds, ResourceModel? Gateway) PublicTier(ModelScope scope, string name, NetworkSpec layout, CfnValue vpcId)
    {
        if (layout.PublicSubnets.Count == 0)
            return ([], null);
        var igw = scope.Resource("Igw", "AWS::EC2::InternetGateway", Cfn.Map(("Tags", StackTags.NameTag($"{name}-igw"))));
        var attachment = scope.Resource("IgwAttachment", "AWS::EC2::VPCGatewayAttachment", Cfn.Map(("InternetGatewayId", Cfn.Ref(igw)), ("VpcId", vpcId)));
        var table = scope.Resource("PublicRouteTable", "AWS::EC2::RouteTable", Cfn.Map(("Tags", StackTags.NameTag($"{name}-public")), ("VpcId", vpcId)));
        var route = scope.Resource("PublicDefaultRoute", "AWS::EC2::Route", Cfn.Map(
            ("DestinationCidrBlock", "0.0.0.0/0"), ("GatewayId", Cfn.Ref(igw)), ("RouteTableId", Cfn.Ref(table))));
        route.AddDependency(attachment);

        var ids = new List<CfnValue>();
        for (var i = 0; i < layout.PublicSubnets.Count; i++)
        {
            var plan = layout.PublicSubnets[i];
            var subnet = scope.Resource($"PublicSubnet{i + 1}", "AWS::EC2::Subnet", Subnet(plan, vpcId, $"{name}-public-{plan.Zone}"));
            _ = scope.Resource($"PublicSubnet{i + 1}Routes", "AWS::EC2::SubnetRouteTableAssociation", Cfn.Map(("RouteTableId", Cfn.Ref(table)), ("SubnetId", Cfn.Ref(subnet))));
            ids.Add(Cfn.Ref(subnet));
        }

        return (ids, attachment);
    }

    private static List<CfnValue> NatGateways(ModelScope scope, string name, NetworkSpec layout, List<CfnValue> publicSubnetIds, ResourceModel? gateway)
    {
        var ids = new List<CfnValue>();
        for (var i = 0; i < layout.NatGateways && i < publicSubnetIds.Count; i++)
        {
            var eip = scope.Resource($"NatIp{i + 1}", "AWS::EC2::EIP", Cfn.Map(("Domain", "vpc"), ("Tags", StackTags.NameTag($"{name}-nat-{i + 1}"))));
            var nat = scope.Resource($"Nat{i + 1}", "AWS::EC2::NatGateway", Cfn.Map(
                ("AllocationId", Cfn.GetAtt(eip, "AllocationId")), ("SubnetId", publicSubnetIds[i]), ("Tags", StackTags.NameTag($"{name}-nat-{i + 1}"))));
            // A NAT gateway created before the internet gateway is attached fails to route.
            if (gateway is not null)
                nat.AddDependency(gateway);
            ids.Add(Cfn.Ref(nat));
        }

        return ids;
    }

    private static (List<CfnValue> Subnets, List<CfnValue> RouteTables, List<ResourceModel?> DefaultRoutes) PrivateTier(
        ModelScope scope, string name, NetworkSpec layout, CfnValue vpcId, List<CfnValue> natIds)
    {
        var subnets = new List<CfnValue>();
        var tables = new List<CfnValue>();
        var routes = new List<ResourceModel?>();
        for (var i = 0; i < layout.PrivateSubnets.Count; i++)
        {
            var plan = layout.PrivateSubnets[i];
            var subnet = scope.Resource($"PrivateSubnet{i + 1}", "AWS::EC2::Subnet", Subnet(plan, vpcId, $"{name}-private-{plan.Zone}"));
            // One route table per private subnet: peering routes and per-AZ NAT routes can then differ by AZ.
            var table = scope.Resource($"PrivateRouteTable{i + 1}", "AWS::EC2::RouteTable", Cfn.Map(("Tags", StackTags.NameTag($"{name}-private-{plan.Zone}")), ("VpcId", vpcId)));
            _ = scope.Resource($"PrivateSubnet{i + 1}Routes", "AWS::EC2::SubnetRouteTableAssociation", Cfn.Map(("RouteTableId", Cfn.Ref(table)), ("SubnetId", Cfn.Ref(subnet))));
            routes.Add(natIds.Count > 0
                ? scope.Resource($"PrivateDefaultRoute{i + 1}", "AWS::EC2::Route", Cfn.Map(
                    ("DestinationCidrBlock", "0.0.0.0/0"), ("NatGatewayId", natIds[i % natIds.Count]), ("RouteTableId", Cfn.Ref(table))))
                : null);
            subnets.Add(Cfn.Ref(subnet));
            tables.Add(Cfn.Ref(table));
        }

        return (subnets, tables, routes);
    }

    private static void FlowLog(ModelScope scope, CfnValue vpcId)
    {
        var group = scope.Resource("FlowLogGroup", "AWS::Logs::LogGroup", Cfn.Map(("RetentionInDays", FlowLogRetentionDays)));
        var role = scope.Resource("FlowLogRole", "AWS::IAM::Role", Cfn.Map(
            ("AssumeRolePolicyDocument", Policies.TrustService("vpc-flow-logs.amazonaws.com")),
            ("Policies", Cfn.List(Policies.Inline("write-flow-logs", Policies.Allow(
                ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                [Cfn.GetAtt(group, "Arn"), Cfn.Join("", Cfn.GetAtt(group, "Arn"), ":*")]))))));
        NagSuppressions.Apply(role, NagSuppressions.FlowLogRole);
        _ = scope.Resource("FlowLog", "AWS::EC2::FlowLog", Cfn.Map(
            ("DeliverLogsPermissionArn", Cfn.GetAtt(role, "Arn")),
            ("LogDestinationType", "cloud-watch-logs"),
            ("LogGroupName", Cfn.Ref(group)),
            ("ResourceId", vpcId),
            ("ResourceType", "VPC"),
            ("TrafficType", "ALL")));
    }
}
