namespace Interlink.Core.Loading;

/// <summary>The keys each mapping of the config accepts; the JSON Schema in <c>schema/</c> mirrors these.</summary>
internal static class ConfigKeys
{
    public static readonly string[] Root = ["$schema", "name", "mode", "service", "provider", "relays", "consumers", "tags", "suppressions", "deployment", "monitoring"];
    public static readonly string[] Deployment = ["account", "bootstrapQualifier"];
    public static readonly string[] Monitoring = ["topicArn", "email", "unhealthyHosts", "healthyHosts", "packetsDropped", "resetPackets", "period", "evaluationPeriods"];
    public static readonly string[] Service = ["port", "targetPort", "healthCheck", "acceptanceRequired", "proxyProtocolV2"];
    public static readonly string[] HealthCheck = ["protocol", "path", "port", "interval", "healthyThreshold", "unhealthyThreshold"];
    public static readonly string[] Provider = ["account", "region", "vpc", "targets"];
    public static readonly string[] Targets = ["instances", "ips", "instanceType", "imageId"];
    public static readonly string[] Relay = ["region", "account", "vpc", "peeringDns"];
    public static readonly string[] Consumer = ["name", "account", "region", "vpc", "client", "privateDns", "hostedZone"];
    public static readonly string[] Vpc = ["id", "cidr", "azs", "privateSubnets", "publicSubnets", "natGateways", "subnets", "hostSecurityGroupId"];
    public static readonly string[] ExistingSubnet = ["id", "azId", "cidr", "routeTableId"];
    public static readonly string[] Suppression = ["rule", "reason"];

    /// <summary>The keys of the mappings nested under a key: a key written one level too shallow is one of these.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Nested = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["deployment"] = Deployment,
        ["service"] = Service,
        ["healthCheck"] = HealthCheck,
        ["provider"] = Provider,
        ["targets"] = Targets,
        ["vpc"] = Vpc,
    };

    /// <summary>Keys that describe a VPC Interlink creates, and so make no sense with <c>vpc.id</c>.</summary>
    public static readonly string[] NewVpcOnly = ["azs", "privateSubnets", "publicSubnets", "natGateways"];
}
