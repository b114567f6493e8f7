namespace Interlink.Lab.Agent;

/// <summary>A security group rule as the NLB enforces it on PrivateLink traffic (client address, listener port; nftables, see <see cref="NlbRules"/>).</summary>
/// <param name="Protocol">tcp, -1 (all) or a number.</param>
/// <param name="FromPort">First port (null: all).</param>
/// <param name="ToPort">Last port (null: all).</param>
/// <param name="Cidr">Peer CIDR.</param>
public sealed record AgentRule(string Protocol, int? FromPort, int? ToPort, string Cidr);

/// <summary>A target group's health check.</summary>
/// <param name="Protocol">TCP, HTTP or HTTPS (HTTPS is checked as TCP).</param>
/// <param name="Path">HTTP path.</param>
/// <param name="IntervalSeconds">Seconds between checks.</param>
/// <param name="TimeoutSeconds">Seconds before a check fails.</param>
/// <param name="HealthyThreshold">Consecutive passes before an unhealthy target is healthy again.</param>
/// <param name="UnhealthyThreshold">Consecutive failures before a healthy target is unhealthy.</param>
/// <param name="Matcher">HTTP codes that pass, e.g. 200-399 or 200,202.</param>
public sealed record HealthCheckSettings(string Protocol, string Path, int IntervalSeconds, int TimeoutSeconds, int HealthyThreshold, int UnhealthyThreshold, string Matcher);

/// <summary>An NLB target.</summary>
/// <param name="Number">1-based number in the lab (as <c>lab status</c> lists it).</param>
/// <param name="Ip">Address.</param>
/// <param name="Port">Traffic port.</param>
/// <param name="HealthCheckPort">The port its health checks go to (the model's <c>TargetGroup.HealthCheckPortOf</c>).</param>
public sealed record AgentTarget(int Number, string Ip, int Port, int HealthCheckPort);

/// <summary>A listener and the target group it forwards to.</summary>
/// <param name="Port">Listener port.</param>
/// <param name="Targets">Registered targets.</param>
/// <param name="HealthCheck">The group's health check.</param>
public sealed record AgentListener(int Port, IReadOnlyList<AgentTarget> Targets, HealthCheckSettings HealthCheck);

/// <summary>An NLB node: its address in one NLB subnet.</summary>
/// <param name="Address">Address.</param>
/// <param name="Az">AZ (ID) of the subnet.</param>
public sealed record AgentNode(string Address, string Az);

/// <summary>
/// The NLB side of one endpoint's PrivateLink connection: one address per endpoint network interface. The endpoint's
/// namespace DNATs a connection to its interface onto that address and keeps the client's source address, so the NLB
/// learns both the client (for its security group) and the interface the client used (hence the node that serves it).
/// </summary>
/// <param name="Link">Index of the link (the NLB's end is interface <c>il-plLINK</c>).</param>
/// <param name="Addresses">One per endpoint network interface.</param>
public sealed record AgentPrivateLink(int Link, IReadOnlyList<AgentPrivateLinkAddress> Addresses);

/// <summary>The NLB's address on a PrivateLink link for one endpoint network interface.</summary>
/// <param name="Eni">The endpoint network interface's address (in the consumer subnet).</param>
/// <param name="Address">The NLB's address on the link that connections to <paramref name="Eni"/> are DNATed to.</param>
/// <param name="Node">Index of the NLB node that serves them.</param>
public sealed record AgentPrivateLinkAddress(string Eni, string Address, int Node);

/// <summary>What the NLB runs: the kernel data path (see <see cref="NlbRules"/>) and the process that health-checks the targets.</summary>
/// <param name="Name">Label for logs.</param>
/// <param name="Nodes">Nodes (one per subnet).</param>
/// <param name="Listeners">Listeners.</param>
/// <param name="PrivateLinks">Endpoint connections.</param>
/// <param name="EnforceOnPrivateLink">Whether <paramref name="Ingress"/> applies to PrivateLink clients.</param>
/// <param name="Ingress">The NLB security group's inbound rules.</param>
/// <param name="StatusFile">Where health is written (JSON).</param>
/// <param name="FastInitialHealth">A new target's first check decides its state (instead of waiting for the thresholds).</param>
public sealed record NlbConfig(string Name, IReadOnlyList<AgentNode> Nodes, IReadOnlyList<AgentListener> Listeners, IReadOnlyList<AgentPrivateLink> PrivateLinks,
    bool EnforceOnPrivateLink, IReadOnlyList<AgentRule> Ingress, string StatusFile, bool FastInitialHealth);

/// <summary>One (node, target) health state as the NLB writes it.</summary>
/// <param name="Port">Listener port.</param>
/// <param name="Node">Node address.</param>
/// <param name="Target">Target number.</param>
/// <param name="Ip">Target address.</param>
/// <param name="State">initial, healthy or unhealthy.</param>
/// <param name="Reason">Last failure, or null.</param>
public sealed record TargetHealth(int Port, string Node, int Target, string Ip, string State, string? Reason);

/// <summary>The NLB status file.</summary>
/// <param name="Ready">The health checker runs (the data path is in the kernel since <c>lab up</c> loaded it).</param>
/// <param name="Health">Every (node, target) state.</param>
public sealed record NlbStatus(bool Ready, IReadOnlyList<TargetHealth> Health);

/// <summary>
/// One line of the NLB's metric history (JSON lines beside the status file, <see cref="HistoryFile"/>): what CloudWatch
/// would be fed from, written whenever a health state or a counter changes, so alarms can be evaluated over time.
/// </summary>
/// <param name="Time">When.</param>
/// <param name="Health">Every (node, target) state at that time.</param>
/// <param name="ResetsSent">
/// TCP resets sent to PrivateLink clients since <c>lab up</c> (cumulative), by counter name
/// (<see cref="NlbRules.ResetCounter"/>: per link and node): RstPacketsSent.
/// </param>
public sealed record NlbHistoryEntry(DateTimeOffset Time, IReadOnlyList<TargetHealth> Health, IReadOnlyDictionary<string, long> ResetsSent)
{
    /// <summary>The history file of the NLB whose status file is <paramref name="statusFile"/>.</summary>
    public static string HistoryFile(string statusFile) => statusFile + ".history.jsonl";
}
