using System.Text.Json.Serialization;
using Interlink.Analysis.Network;

namespace Interlink.Analysis.Reachability;

/// <summary>Stable explanation codes of blocked hops.</summary>
public static class ExplanationCodes
{
    /// <summary>A route table has no route to the target over the expected path.</summary>
    public const string NoRoute = "NO_ROUTE";

    /// <summary>The target subnet's route table has no route back to an NLB subnet over the same path.</summary>
    public const string NoReturnRoute = "NO_RETURN_ROUTE";

    /// <summary>The target's security group does not admit the service traffic from the NLB subnets.</summary>
    public const string SgIngressMismatch = "SG_INGRESS_MISMATCH";

    /// <summary>An egress rule (client or NLB security group) does not allow the traffic out.</summary>
    public const string SgEgressMismatch = "SG_EGRESS_MISMATCH";

    /// <summary>The NLB security group (enforced on PrivateLink traffic) does not admit the consumer.</summary>
    public const string NlbSgBlocks = "NLB_SG_BLOCKS";

    /// <summary>The interface endpoint's security group does not admit the consumer.</summary>
    public const string EndpointSgBlocks = "ENDPOINT_SG_BLOCKS";

    /// <summary>The target's security group (or ACL) does not admit the health check from the NLB subnets.</summary>
    public const string HealthCheckBlocked = "HEALTH_CHECK_BLOCKED";

    /// <summary>The endpoint service does not allow the consumer's account.</summary>
    public const string PrincipalNotAllowed = "PRINCIPAL_NOT_ALLOWED";

    /// <summary>The endpoint has a subnet in an AZ (ID) where the NLB has none.</summary>
    public const string AzNotServed = "AZ_NOT_SERVED";

    /// <summary>Client IP preservation is on for targets in another Region.</summary>
    public const string ClientIpPreservationAcrossRegions = "CLIENT_IP_PRESERVATION_ACROSS_REGIONS";

    /// <summary>The peering connection is never accepted by the deploy.</summary>
    public const string PeeringNotAccepted = "PEERING_NOT_ACCEPTED";

    /// <summary>The NLB has no listener on the service port, or it forwards nowhere.</summary>
    public const string NoListener = "NO_LISTENER";

    /// <summary>An IP target outside the NLB's VPC is registered without an AvailabilityZone.</summary>
    public const string TargetAzRequired = "TARGET_AZ_REQUIRED";

    /// <summary>A network ACL denies the traffic (or its return).</summary>
    public const string NaclDeny = "NACL_DENY";

    /// <summary>The endpoint's ServiceName (and ServiceRegion) name no endpoint service in the assembly.</summary>
    public const string ServiceNotFound = "SERVICE_NOT_FOUND";

    /// <summary>The endpoint service's SupportedRegions do not include the consumer's Region.</summary>
    public const string RegionNotSupported = "REGION_NOT_SUPPORTED";

    /// <summary>Every code with what it means.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        [NoRoute] = "no route from an NLB subnet to the target over the expected path (local or the peering)",
        [NoReturnRoute] = "no route from the target subnet back to an NLB subnet over the same peering",
        [SgIngressMismatch] = "the target security group does not admit the target port from the NLB subnets",
        [SgEgressMismatch] = "a security group's egress rules do not allow the traffic out",
        [NlbSgBlocks] = "the NLB security group does not admit the consumer (enforced on PrivateLink traffic)",
        [EndpointSgBlocks] = "the interface endpoint's security group does not admit the consumer",
        [HealthCheckBlocked] = "the target does not admit the health check from the NLB subnets",
        [PrincipalNotAllowed] = "the endpoint service's permissions do not allow the consumer's account",
        [AzNotServed] = "the endpoint is in an AZ where the NLB has no subnet",
        [ClientIpPreservationAcrossRegions] = "client IP preservation is on for targets in another Region",
        [PeeringNotAccepted] = "the peering connection is not accepted by the deploy",
        [NoListener] = "no listener on the service port, or it forwards to no target group",
        [TargetAzRequired] = "an IP target outside the NLB's VPC needs AvailabilityZone (all or a zone)",
        [NaclDeny] = "a network ACL denies the traffic or its return",
        [ServiceNotFound] = "the endpoint's service name does not name an endpoint service of the assembly in its Region",
        [RegionNotSupported] = "the endpoint service's SupportedRegions do not include the consumer's Region",
    };
}

/// <summary>What a hop found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HopStatus>))]
public enum HopStatus
{
    /// <summary>The setting lets the traffic through.</summary>
    Pass,

    /// <summary>The setting blocks the traffic.</summary>
    Fail,

    /// <summary>Informational: nothing to check offline (e.g. acceptance, done by deploy).</summary>
    Info,

    /// <summary>Could not be checked offline (e.g. a security group that exists already); never counted as passing silently.</summary>
    Unverified,
}

/// <summary>One hop of a path: the setting checked and what was found.</summary>
/// <param name="Step">What the hop is (e.g. "endpoint security group").</param>
/// <param name="Stack">Stack of the setting.</param>
/// <param name="LogicalId">Logical ID of the setting.</param>
/// <param name="Checked">What was checked, in words.</param>
/// <param name="Status">The result.</param>
/// <param name="Code">The explanation code when it fails.</param>
public sealed record Hop(string Step, string Stack, string LogicalId, string Checked, HopStatus Status, string? Code = null);

/// <summary>Why a path is blocked, and where to fix it.</summary>
/// <param name="Code">Stable code (see <see cref="ExplanationCodes"/>).</param>
/// <param name="Stack">Stack to fix.</param>
/// <param name="LogicalId">Logical ID to fix.</param>
/// <param name="Message">What is wrong and the fix.</param>
public sealed record Explanation(string Code, string Stack, string LogicalId, string Message);

/// <summary>The verdict for one consumer endpoint and one provider target.</summary>
/// <param name="Consumer">Consumer stack.</param>
/// <param name="Endpoint">Logical ID of the consumer's interface endpoint.</param>
/// <param name="Account">Consumer account (null: the deploying account).</param>
/// <param name="Region">Consumer Region.</param>
/// <param name="Sources">Where traffic starts: client hosts, else the consumer's private subnets.</param>
/// <param name="Port">Service port the consumer connects to (null when it cannot be told).</param>
/// <param name="Target">The target (<c>ip:port</c>), or null when no target is reached at all.</param>
/// <param name="Reachable">True when every hop passes.</param>
/// <param name="Path">Every hop in order, passing or not.</param>
/// <param name="Blocking">The first blocking hop, or null.</param>
/// <param name="AlsoBlocking">Every other setting that would also block.</param>
public sealed record Verdict(string Consumer, string Endpoint, string? Account, string Region, IReadOnlyList<string> Sources, int? Port, string? Target, bool Reachable,
    IReadOnlyList<Hop> Path, Explanation? Blocking, IReadOnlyList<Explanation> AlsoBlocking)
{
    /// <summary>The consumer's VPC as a user names it (Name tag, then logical ID), or null when not known.</summary>
    public string? ConsumerVpc { get; init; }

    /// <summary>The target's VPC as a user names it, or null when the path never reaches one.</summary>
    public string? TargetVpc { get; init; }

    /// <summary>The instance holding the target's IP as a user names it, or null (not an instance of the assembly).</summary>
    public string? TargetHost { get; init; }

    /// <summary>The target's subnet as a user names it, or null when the path never reaches one.</summary>
    public string? TargetSubnet { get; init; }

    /// <summary>Every blocking explanation, first one first.</summary>
    [JsonIgnore]
    public IEnumerable<Explanation> Explanations => Blocking is null ? [] : [Blocking, .. AlsoBlocking];
}

/// <summary>Reachability of every consumer to every provider target.</summary>
/// <param name="Name">Design name.</param>
/// <param name="Mode">relay or native.</param>
/// <param name="Verdicts">One per (consumer endpoint, target).</param>
/// <param name="Unsupported">What the model could not represent.</param>
/// <param name="Assumptions">Assumptions made where templates are silent.</param>
public sealed record ReachabilityReport(string Name, string Mode, IReadOnlyList<Verdict> Verdicts, IReadOnlyList<Unsupported> Unsupported, IReadOnlyList<string> Assumptions)
{
    /// <summary>True when there is at least one verdict and every one is reachable.</summary>
    public bool AllReachable => Verdicts.Count > 0 && Verdicts.All(v => v.Reachable);
}
