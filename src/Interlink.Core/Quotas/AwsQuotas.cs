namespace Interlink.Core.Quotas;

/// <summary>
/// AWS default quotas that Interlink designs can reach, with their Service Quotas codes.
/// <para>
/// Sources (read 2026-11-30; values are AWS's published defaults, not any account's applied quota):
/// </para>
/// <list type="bullet">
/// <item>Amazon VPC quotas — https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html (codes from the
/// page's Service Quotas links, as in the awsdocs/amazon-vpc-user-guide source, doc_source/amazon-vpc-limits.md)</item>
/// <item>AWS PrivateLink quotas — https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html</item>
/// <item>Quotas for your Network Load Balancers — https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-limits.html
/// (the listeners quota's code, L-57A373D6, comes from a Service Quotas listing, not from the page)</item>
/// <item>AWS CloudFormation quotas — https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html</item>
/// </list>
/// A third-party page reports that AWS raised the default routes per route table to 500 in June 2025; the AWS page
/// text available here still says 50, so 50 is kept (a warning too early is cheaper than a failed deploy).
/// </summary>
public static class AwsQuotas
{
    /// <summary>When the values were read from the sources.</summary>
    public static readonly DateOnly Date = new(2026, 11, 30);

    private const string VpcPage = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
    private const string PrivateLinkPage = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html";
    private const string NlbPage = "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-limits.html";
    private const string CloudFormationPage = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html";

    /// <summary>Inbound (and, separately, outbound) rules per security group: 60.</summary>
    public static readonly AwsQuota RulesPerSecurityGroup = new(
        "Inbound or outbound rules per security group", "L-0EA8095F", "vpc", 60, Adjustable: true, "security group", VpcPage,
        "enforced separately for inbound and outbound, IPv4 and IPv6; a rule that references a customer-managed prefix list counts as the list's maximum entries, so a prefix list of consumer CIDRs does not save rules; this quota times security groups per network interface cannot exceed 1,000");

    /// <summary>Security groups per network interface: 5 (up to 16). An NLB takes at most this many.</summary>
    public static readonly AwsQuota SecurityGroupsPerInterface = new(
        "Security groups per network interface", "L-2AFB9258", "vpc", 5, Adjustable: true, "network interface", VpcPage,
        "adjustable up to 16; this quota times rules per security group cannot exceed 1,000", Ceiling: 16);

    /// <summary>
    /// Rules on one network interface, over all its security groups: AWS caps rules per group × groups per interface
    /// at 1,000, and no request raises that product.
    /// </summary>
    public static readonly AwsQuota RulesPerInterface = new(
        "Inbound or outbound rules per security group × security groups per network interface", null, "vpc", 1000, Adjustable: false, "network interface", VpcPage,
        "the product of L-0EA8095F and L-2AFB9258 cannot exceed 1,000");

    /// <summary>Routes per route table (non-propagated): 50 (up to 1,000).</summary>
    public static readonly AwsQuota RoutesPerRouteTable = new(
        "Routes per route table", "L-93826ACB", "vpc", 50, Adjustable: true, "route table", VpcPage,
        "non-propagated routes, IPv4 and IPv6 counted separately; adjustable up to 1,000", Ceiling: 1000);

    /// <summary>Active VPC peering connections per VPC: 50 (up to 125).</summary>
    public static readonly AwsQuota ActivePeeringsPerVpc = new(
        "Active VPC peering connections per VPC", "L-7E9ECCDB", "vpc", 50, Adjustable: true, "VPC", VpcPage,
        "adjustable up to 125; raise routes per route table with it", Ceiling: 125);

    /// <summary>Interface and Gateway Load Balancer endpoints per VPC: 50.</summary>
    public static readonly AwsQuota InterfaceEndpointsPerVpc = new(
        "Interface and Gateway Load Balancer endpoints per VPC", "L-29B6F2EB", "vpc", 50, Adjustable: true, "VPC", PrivateLinkPage);

    /// <summary>VPCs per Region: 5 (per account).</summary>
    public static readonly AwsQuota VpcsPerRegion = new(
        "VPCs per Region", "L-F678F1CE", "vpc", 5, Adjustable: true, "account and Region", VpcPage,
        "raising it raises internet gateways per Region by the same amount");

    /// <summary>Internet gateways per Region: 5 (follows VPCs per Region).</summary>
    public static readonly AwsQuota InternetGatewaysPerRegion = new(
        "Internet gateways per Region", "L-A4707A72", "vpc", 5, Adjustable: true, "account and Region", VpcPage,
        "raise it by raising VPCs per Region (L-F678F1CE)");

    /// <summary>NAT gateways per Availability Zone: 5.</summary>
    public static readonly AwsQuota NatGatewaysPerAz = new(
        "NAT gateways per Availability Zone", "L-FE5A380F", "vpc", 5, Adjustable: true, "account and Availability Zone", VpcPage);

    /// <summary>Elastic IP addresses per Region: 5 (each public NAT gateway takes one).</summary>
    public static readonly AwsQuota ElasticIpsPerRegion = new(
        "EC2-VPC Elastic IPs", "L-0263D0A3", "ec2", 5, Adjustable: true, "account and Region", VpcPage);

    /// <summary>Targets per target group (instances or IP addresses): 1,000.</summary>
    public static readonly AwsQuota TargetsPerTargetGroup = new(
        "Targets per Target Group per Region", "L-A0D0B863", "elasticloadbalancing", 1000, Adjustable: true, "target group", NlbPage);

    /// <summary>
    /// Targets per Availability Zone per NLB: 500. With cross-zone load balancing on (as Interlink's NLBs have it), AWS
    /// caps the whole load balancer at 500 targets, whatever its number of AZs.
    /// </summary>
    public static readonly AwsQuota TargetsPerAzPerNlb = new(
        "Targets per Availability Zone per Network Load Balancer", "L-B211E961", "elasticloadbalancing", 500, Adjustable: true, "Network Load Balancer", NlbPage,
        "with cross-zone load balancing enabled the maximum is 500 targets per load balancer, regardless of the number of AZs; a target in N target groups counts N times");

    /// <summary>Targets per NLB: 3,000 (reached only with cross-zone off; kept for completeness).</summary>
    public static readonly AwsQuota TargetsPerNlb = new(
        "Targets per Network Load Balancer", "L-EEF1AD04", "elasticloadbalancing", 3000, Adjustable: true, "Network Load Balancer", NlbPage);

    /// <summary>Listeners per NLB: 50, not adjustable (Interlink uses one).</summary>
    public static readonly AwsQuota ListenersPerNlb = new(
        "Listeners per Network Load Balancer", "L-57A373D6", "elasticloadbalancing", 50, Adjustable: false, "Network Load Balancer", NlbPage);

    /// <summary>Resources declared in one template: 500, not adjustable.</summary>
    public static readonly AwsQuota ResourcesPerTemplate = new(
        "Resources", null, "cloudformation", 500, Adjustable: false, "template", CloudFormationPage,
        "split the template (e.g. nested stacks)");

    /// <summary>Parameters declared in one template: 200, not adjustable.</summary>
    public static readonly AwsQuota ParametersPerTemplate = new(
        "Parameters", null, "cloudformation", 200, Adjustable: false, "template", CloudFormationPage);

    /// <summary>Outputs declared in one template: 200, not adjustable.</summary>
    public static readonly AwsQuota OutputsPerTemplate = new(
        "Outputs", null, "cloudformation", 200, Adjustable: false, "template", CloudFormationPage);

    /// <summary>Mappings declared in one template: 200, not adjustable.</summary>
    public static readonly AwsQuota MappingsPerTemplate = new(
        "Mappings", null, "cloudformation", 200, Adjustable: false, "template", CloudFormationPage);

    /// <summary>Template body passed through S3: 1 MB (read as 1,000,000 bytes, the stricter reading), not adjustable.</summary>
    public static readonly AwsQuota TemplateBytesInS3 = new(
        "Template body size in an Amazon S3 object", null, "cloudformation", 1_000_000, Adjustable: false, "template", CloudFormationPage,
        "the CDK CLI uploads templates over 50 KB to the bootstrap bucket, so this is the limit that applies");

    /// <summary>Every quota in the catalog, for listing and tests.</summary>
    public static IReadOnlyList<AwsQuota> All { get; } =
    [
        RulesPerSecurityGroup, SecurityGroupsPerInterface, RulesPerInterface, RoutesPerRouteTable, ActivePeeringsPerVpc, InterfaceEndpointsPerVpc,
        VpcsPerRegion, InternetGatewaysPerRegion, NatGatewaysPerAz, ElasticIpsPerRegion,
        TargetsPerTargetGroup, TargetsPerAzPerNlb, TargetsPerNlb, ListenersPerNlb,
        ResourcesPerTemplate, ParametersPerTemplate, OutputsPerTemplate, MappingsPerTemplate, TemplateBytesInS3,
    ];
}
