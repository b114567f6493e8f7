namespace Interlink.Analysis.Security;

/// <summary>How much a security finding matters.</summary>
public enum SecuritySeverity
{
    /// <summary>Fix before deploying (or suppress with a reason).</summary>
    Error,

    /// <summary>Worth fixing; does not fail <c>plan</c>.</summary>
    Warning,
}

/// <summary>One rule of Interlink's security pack.</summary>
/// <param name="Id">Stable ID (<c>ILS001</c>…); what suppressions name.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Title">One line.</param>
/// <param name="Rationale">Why it matters.</param>
/// <param name="Fix">What to change.</param>
public sealed record SecurityRule(string Id, SecuritySeverity Severity, string Title, string Rationale, string Fix);

/// <summary>The rule pack. IDs never change meaning; retired IDs are not reused.</summary>
public static class SecurityRules
{
    /// <summary>A suppression in the config that silences no finding.</summary>
    public static readonly SecurityRule UnusedSuppression = new(
        "ILS000", SecuritySeverity.Warning, "Suppression matches no finding",
        "A suppression that silences nothing hides the next real finding of its rule without anyone deciding so.",
        "Remove the suppression from 'suppressions', or correct its rule ID.");

    /// <summary>ILS001.</summary>
    public static readonly SecurityRule WildcardPrincipal = new(
        "ILS001", SecuritySeverity.Error, "Endpoint service allows any principal",
        "An allowed principal of '*' (or with a wildcard) lets any AWS account create an endpoint to the service; with acceptance off they connect at once.",
        "List exactly the consumer accounts as arn:${AWS::Partition}:iam::<account>:root in AllowedPrincipals.");

    /// <summary>ILS002.</summary>
    public static readonly SecurityRule AcceptanceOff = new(
        Interlink.Core.Security.AcceptanceReview.RuleId, SecuritySeverity.Error, "Endpoint connections from other accounts are accepted without review",
        "With AcceptanceRequired off, any allowed principal in another account connects without the provider approving the endpoint.",
        "Set AcceptanceRequired: true (service.acceptanceRequired in the config) and accept each consumer's endpoint.");

    /// <summary>ILS003.</summary>
    public static readonly SecurityRule ProviderIngressTooWide = new(
        "ILS003", SecuritySeverity.Error, "Provider host ingress is wider than the NLB subnets",
        "With client IP preservation off, targets only ever see the NLB's private IPs; anything else the host security group admits is exposure with no purpose.",
        "Admit only the NLB subnets' CIDRs, on the target and health-check ports.");

    /// <summary>ILS004.</summary>
    public static readonly SecurityRule IngressFromAnywhere = new(
        "ILS004", SecuritySeverity.Error, "Security group admits traffic from anywhere",
        "0.0.0.0/0 or ::/0 ingress admits every address that can route to the interface, including through future peerings and gateways.",
        "Admit the CIDRs that need access (consumer VPCs, NLB subnets) and nothing wider.");

    /// <summary>ILS005.</summary>
    public static readonly SecurityRule ImdsV1 = new(
        "ILS005", SecuritySeverity.Error, "Instance metadata v1 allowed",
        "IMDSv1 answers unauthenticated GETs, so an SSRF in the service hands out the instance role's credentials.",
        "Launch hosts from a launch template with MetadataOptions.HttpTokens: required.");

    /// <summary>ILS006.</summary>
    public static readonly SecurityRule UnencryptedVolume = new(
        "ILS006", SecuritySeverity.Error, "EBS volume not encrypted",
        "Unencrypted volumes and their snapshots expose data at rest to anyone who can copy or share them.",
        "Set Ebs.Encrypted: true on every block device mapping (and on AWS::EC2::Volume).");

    /// <summary>ILS007.</summary>
    public static readonly SecurityRule PublicIp = new(
        "ILS007", SecuritySeverity.Error, "Host gets a public IP",
        "Service, relay and client hosts are reached through PrivateLink and Systems Manager; a public IP only adds an internet-facing address.",
        "Set AssociatePublicIpAddress: false, MapPublicIpOnLaunch: false on subnets holding hosts, and attach no Elastic IP.");

    /// <summary>ILS008.</summary>
    public static readonly SecurityRule NoFlowLogs = new(
        "ILS008", SecuritySeverity.Warning, "VPC without flow logs",
        "Without flow logs, rejected and accepted connections through the peering and the endpoint leave no trace to investigate.",
        "Add an AWS::EC2::FlowLog with ResourceType VPC and TrafficType ALL for the VPC.");

    /// <summary>ILS009.</summary>
    public static readonly SecurityRule NlbWithoutSecurityGroup = new(
        "ILS009", SecuritySeverity.Error, "Network Load Balancer without a security group",
        "An NLB without security groups admits anything that reaches its subnets, and security groups can only be attached when it is created.",
        "Create the NLB with a security group that admits the consumers' CIDRs on the listener ports.");

    /// <summary>ILS010.</summary>
    public static readonly SecurityRule EnforcementOff = new(
        "ILS010", SecuritySeverity.Error, "PrivateLink traffic bypasses the NLB security group",
        "With EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic off, every endpoint connection is admitted regardless of the NLB's inbound rules.",
        "Leave enforcement on (admit the consumers' CIDRs), or suppress this rule with the reason it must be off.");

    /// <summary>ILS011.</summary>
    public static readonly SecurityRule SshRdpOpen = new(
        "ILS011", SecuritySeverity.Error, "SSH or RDP open",
        "Remote shells reachable over the network are the most attacked entry point; Interlink hosts are managed through Systems Manager.",
        "Remove ingress on 22 and 3389 (and all-port rules); use Session Manager.");

    /// <summary>ILS012.</summary>
    public static readonly SecurityRule KeyPair = new(
        "ILS012", SecuritySeverity.Warning, "Host launched with a key pair",
        "A key pair is a long-lived shared credential that nobody rotates; Session Manager gives audited access without one.",
        "Remove KeyName; connect with 'aws ssm start-session'.");

    /// <summary>ILS013.</summary>
    public static readonly SecurityRule AllowAllEgress = new(
        "ILS013", SecuritySeverity.Warning, "Host security group allows all egress",
        "An empty or missing egress list leaves the default allow-all rule: a compromised host can reach anything.",
        "List the egress the host needs (e.g. TCP 443 for Systems Manager and S3, the service port to the endpoint).");

    /// <summary>ILS014.</summary>
    public static readonly SecurityRule IamWildcardAction = new(
        "ILS014", SecuritySeverity.Error, "IAM policy allows every action",
        "Action '*', 'service:*', an Allow with NotAction or an administrator managed policy grants far more than any Interlink role needs.",
        "Name the actions (e.g. ec2:AcceptVpcPeeringConnection, ec2:ModifyVpcPeeringConnectionOptions).");

    /// <summary>ILS015.</summary>
    public static readonly SecurityRule IamWildcardResource = new(
        "ILS015", SecuritySeverity.Error, "IAM policy applies a changing action to every resource",
        "Resource '*' on actions that change things (e.g. ec2:AcceptVpcPeeringConnection) lets the role act on every resource of its kind in the account.",
        "Scope Resource to ARNs (the VPC, the peering connection, the log group); '*' is only for read-only Describe/List/Get actions.");

    /// <summary>ILS016.</summary>
    public static readonly SecurityRule RetentionUnset = new(
        "ILS016", SecuritySeverity.Warning, "Log retention not set",
        "Log groups without RetentionInDays (and buckets without a lifecycle rule) keep flow logs forever: cost grows without bound and old data outlives its purpose.",
        "Set RetentionInDays on the log group (Interlink uses 30), or an expiration lifecycle rule on the bucket.");

    /// <summary>ILS017.</summary>
    public static readonly SecurityRule OpenTrust = new(
        "ILS017", SecuritySeverity.Error, "Role can be assumed by anyone",
        "A trust policy with Principal '*' and no condition lets any AWS account assume the role.",
        "Trust exactly the principal that needs the role (e.g. the relay account's CDK CloudFormation execution role for the peering-accepter role).");

    /// <summary>ILS018.</summary>
    public static readonly SecurityRule InternetFacing = new(
        "ILS018", SecuritySeverity.Error, "Load balancer faces the internet",
        "The service is offered through PrivateLink only; an internet-facing NLB publishes it to everyone. CloudFormation defaults Scheme to internet-facing.",
        "Set Scheme: internal.");

    /// <summary>ILS019.</summary>
    public static readonly SecurityRule NlbExtraPorts = new(
        "ILS019", SecuritySeverity.Warning, "NLB security group opens ports no listener uses",
        "Inbound rules beyond the listener ports admit nothing useful today and something unintended after the next listener is added.",
        "Admit only the listener ports.");

    /// <summary>
    /// ILS020. Interlink's templates carry the alarms of its monitoring plan (<c>Interlink.Core.Monitoring.MonitoringPlan</c>),
    /// so it fires where an alarm was edited out of an assembly or one was made by hand without them. A warning: the
    /// link still works, it is only unwatched; <c>monitoring: false</c> skips the rule.
    /// </summary>
    public static readonly SecurityRule LinkWithoutAlarm = new(
        "ILS020", SecuritySeverity.Warning, "Link without an alarm",
        "A relay's targets sit across a peering in another Region: a withdrawn route, a closed security group or a dead host shows only as unhealthy targets, reset connections or dropped packets, and nobody hears of it without an alarm.",
        "Keep 'monitoring' on in the config (the default), or add an AWS::CloudWatch::Alarm in the same stack whose Dimensions reference the resource (target group: UnHealthyHostCount/HealthyHostCount; endpoint service: RstPacketsSent; interface endpoint: PacketsDropped).");

    /// <summary>ILS021.</summary>
    public static readonly SecurityRule AlarmDimensionsUndocumented = new(
        "ILS021", SecuritySeverity.Error, "Alarm dimensions differ from AWS's",
        "CloudWatch matches a metric by its exact dimension set: a name off by a space or a case ('VpcEndpointId' for 'VPC Endpoint Id') is an empty series, and the alarm never leaves INSUFFICIENT_DATA.",
        "Name exactly the dimensions AWS documents for the metric (Interlink.Core.Monitoring.CloudWatchMetrics lists them with their source).");

    /// <summary>Every rule, ILS000 first.</summary>
    public static IReadOnlyList<SecurityRule> All { get; } =
    [
        UnusedSuppression, WildcardPrincipal, AcceptanceOff, ProviderIngressTooWide, IngressFromAnywhere, ImdsV1, UnencryptedVolume,
        PublicIp, NoFlowLogs, NlbWithoutSecurityGroup, EnforcementOff, SshRdpOpen, KeyPair, AllowAllEgress, IamWildcardAction,
        IamWildcardResource, RetentionUnset, OpenTrust, InternetFacing, NlbExtraPorts, LinkWithoutAlarm, AlarmDimensionsUndocumented,
    ];

    /// <summary>The rule with <paramref name="id"/>, or null.</summary>
    public static SecurityRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
