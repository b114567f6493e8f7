using Interlink.Lab.Agent;
using Interlink.Probe;

namespace Interlink.Lab;

/// <summary>What <c>up</c> built.</summary>
/// <param name="Name">Design name.</param>
/// <param name="Elapsed">Wall time of <c>up</c> (cleaning included).</param>
/// <param name="Namespaces">Namespaces created.</param>
/// <param name="Processes">Processes started.</param>
/// <param name="Endpoints">Endpoints, with their DNS names and addresses.</param>
/// <param name="Targets">NLB targets.</param>
/// <param name="Health">Health after the first checks.</param>
/// <param name="Notes">What the lab chose or could not build.</param>
public sealed record LabUpReport(string Name, TimeSpan Elapsed, IReadOnlyList<string> Namespaces, int Processes, IReadOnlyList<LabEndpoint> Endpoints,
    IReadOnlyList<LabTarget> Targets, IReadOnlyList<TargetHealth> Health, IReadOnlyList<string> Notes);

/// <summary>One probe run from a consumer's client.</summary>
/// <param name="Consumer">Consumer stack.</param>
/// <param name="Endpoint">Endpoint model ID.</param>
/// <param name="Client">Client namespace.</param>
/// <param name="Url">URL probed.</param>
/// <param name="Report">The probe's report.</param>
/// <param name="Answered">Targets (<c>ip:port</c>) that answered.</param>
public sealed record LabProbe(string Consumer, string Endpoint, string Client, string Url, ProbeReport Report, IReadOnlyList<string> Answered);

/// <summary>A target as the NLB sees it.</summary>
/// <param name="Number">1-based (kill-target N).</param>
/// <param name="Target">ip:port.</param>
/// <param name="Namespace">Its host.</param>
/// <param name="ServiceRunning">Whether its service process runs.</param>
/// <param name="State">healthy (every node), unhealthy (no node), partial, or initial.</param>
/// <param name="Nodes">Per NLB node.</param>
public sealed record LabTargetStatus(int Number, string Target, string Namespace, bool ServiceRunning, string State, IReadOnlyList<TargetHealth> Nodes);

/// <summary>A process of the lab.</summary>
/// <param name="Role">service or nlb.</param>
/// <param name="Namespace">Where.</param>
/// <param name="Pid">PID.</param>
/// <param name="Running">Whether it runs.</param>
/// <param name="Log">Its output file.</param>
public sealed record LabProcessStatus(string Role, string Namespace, int Pid, bool Running, string Log);

/// <summary>The running lab.</summary>
/// <param name="Up">Whether a lab is up (its state file exists).</param>
/// <param name="Name">Design name.</param>
/// <param name="StartedAt">When.</param>
/// <param name="Namespaces">Namespaces of the lab that exist.</param>
/// <param name="Missing">Namespaces of the lab that are gone.</param>
/// <param name="Processes">Processes.</param>
/// <param name="Targets">Targets.</param>
/// <param name="Peerings">Peerings (cut or not).</param>
/// <param name="Endpoints">Endpoints.</param>
/// <param name="Faults">Faults in force.</param>
/// <param name="Notes">Notes from up.</param>
public sealed record LabStatus(bool Up, string? Name, DateTimeOffset? StartedAt, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Missing, IReadOnlyList<LabProcessStatus> Processes,
    IReadOnlyList<LabTargetStatus> Targets, IReadOnlyList<LabPeeringStatus> Peerings, IReadOnlyList<LabEndpoint> Endpoints, IReadOnlyList<string> Faults, IReadOnlyList<string> Notes);

/// <summary>What a fault did.</summary>
/// <param name="Fault">kill-target, cut-peering or restore.</param>
/// <param name="Description">In words.</param>
/// <param name="Routes">Routes withdrawn (cut-peering) or put back (restore): the AWS::EC2::Route each stands for.</param>
public sealed record LabFaultReport(string Fault, string Description, IReadOnlyList<LabPeeringRoute> Routes);

/// <summary>What <c>down</c> removed.</summary>
/// <param name="Namespaces">Namespaces deleted.</param>
/// <param name="Processes">Processes stopped.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Leftovers">Anything of the lab still there afterwards (empty when clean).</param>
/// <param name="NothingUp">No lab was up and nothing of one was left: nothing was done.</param>
public sealed record LabDownReport(IReadOnlyList<string> Namespaces, int Processes, TimeSpan Elapsed, IReadOnlyList<string> Leftovers, bool NothingUp = false);

/// <summary>A peering in the lab.</summary>
/// <param name="Id">Peering model ID.</param>
/// <param name="Accepted">Whether the deploy leaves it active.</param>
/// <param name="Cut">Whether the cut-peering fault is in force.</param>
public sealed record LabPeeringStatus(string Id, bool Accepted, bool Cut);
