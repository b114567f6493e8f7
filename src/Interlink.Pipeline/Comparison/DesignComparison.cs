using Interlink.Analysis.Assembly;
using Interlink.Analysis.Plan;
using Interlink.Templates;
using Interlink.Core.Diagnostics;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Pricing;
using Interlink.Core.Validation;

namespace Interlink.Pipeline.Comparison;

/// <summary>Resources one account gets in one Region.</summary>
/// <param name="Account">Account, or "(deploying)".</param>
/// <param name="Region">Region.</param>
/// <param name="Stacks">Stacks deployed there.</param>
/// <param name="Resources">CloudFormation resources in them.</param>
/// <param name="Highlights">What the account must create there, in words.</param>
public sealed record AccountFootprint(string Account, string Region, IReadOnlyList<string> Stacks, int Resources, IReadOnlyList<string> Highlights);

/// <summary>One design of the comparison.</summary>
/// <param name="Mode">relay or native.</param>
/// <param name="Errors">Why the config cannot be built in this design (empty when it can).</param>
/// <param name="Footprint">Resources per account and Region.</param>
/// <param name="Phases">Deploy phases, each with its stacks.</param>
/// <param name="CriticalPath">The chain of stacks that must deploy one after another.</param>
/// <param name="Hops">Hops on a consumer's path to a target.</param>
/// <param name="RegionCrossings">Hops that cross a Region, and how.</param>
/// <param name="Plan">Reachability and security of the synthesized design.</param>
/// <param name="Needs">What the deploying roles need beyond the usual.</param>
/// <param name="Limits">Quotas and coverage that bound the design.</param>
public sealed record DesignSide(
    DeployMode Mode,
    IReadOnlyList<Diagnostic> Errors,
    IReadOnlyList<AccountFootprint> Footprint,
    IReadOnlyList<IReadOnlyList<string>> Phases,
    IReadOnlyList<string> CriticalPath,
    int Hops,
    IReadOnlyList<string> RegionCrossings,
    PlanReport? Plan,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Limits)
{
    /// <summary>True when the config can be built in this design.</summary>
    public bool Buildable => Errors.Count == 0;
}

/// <summary>Both designs side by side, with costs and a recommendation.</summary>
/// <param name="Name">Design name.</param>
/// <param name="Configured">The mode the config asks for.</param>
/// <param name="Relay">The relay design.</param>
/// <param name="Native">The native design.</param>
/// <param name="Cost">Monthly cost of both at several traffic levels, with the break-even.</param>
/// <param name="TrafficGbPerMonth">The traffic the recommendation weighs.</param>
/// <param name="Recommended">The recommended design.</param>
/// <param name="Reasons">Why.</param>
public sealed record DesignComparison(
    string Name,
    DeployMode Configured,
    DesignSide Relay,
    DesignSide Native,
    CostComparison? Cost,
    decimal TrafficGbPerMonth,
    DeployMode Recommended,
    IReadOnlyList<string> Reasons);

/// <summary>Builds a <see cref="DesignComparison"/>: validates, synthesizes and plans the config in both designs.</summary>
internal static class DesignComparer
{
    /// <summary>Compares <paramref name="config"/> in both designs, writing each assembly under <paramref name="workDirectory"/>.</summary>
    public static DesignComparison Compare(InterlinkConfig config, string configFile, string workDirectory, decimal trafficGbPerMonth)
    {
        var relay = Side(config, configFile, DeployMode.Relay, workDirectory, trafficGbPerMonth, out var relayTopology);
        var native = Side(config, configFile, DeployMode.Native, workDirectory, trafficGbPerMonth, out var nativeTopology);
        var topology = relayTopology ?? nativeTopology;
        var levels = CostComparison.DefaultTrafficLevels.Append(trafficGbPerMonth).Distinct().Order().ToList();
        var cost = topology is null ? null : CostComparison.Compare(topology, levels);
        var (recommended, reasons) = Recommend(relay, native, cost, trafficGbPerMonth);
        return new DesignComparison(config.Name, config.Mode, relay, native, cost, trafficGbPerMonth, recommended, reasons);
    }

    private static DesignSide Side(InterlinkConfig config, string configFile, DeployMode mode, string workDirectory, decimal traffic, out Topology? topology)
    {
        topology = null;
        var switched = ModeSwitch.To(config, mode);
        var report = ConfigValidator.ValidateConfig(switched, configFile);
        var errors = report.Of(Severity.Error).ToList();
        if (errors.Count > 0)
            return new DesignSide(mode, errors, [], [], [], 0, [], null, [], []);

        topology = TopologyBuilder.Build(switched);
        var directory = Path.Combine(workDirectory, mode.ToString().ToLowerInvariant());
        // The hosts' bundles change no resource the comparison counts: none are looked for.
        DesignPipeline.Synthesize(topology, directory, HostBundles.None);
        var assembly = DesignPipeline.ReadAssembly(directory);
        var plan = PlanRunner.Run(assembly, topology, config.Suppressions, traffic);
        var wiring = assembly.Wiring;
        var phases = wiring.Phases.OrderBy(p => p.Index).Select(p => (IReadOnlyList<string>)p.Stacks).ToList();
        var path = plan.Reachability.Verdicts.FirstOrDefault()?.Path ?? [];
        var crossings = Crossings(mode, path, wiring).ToList();
        return new DesignSide(mode, [], Footprint(assembly), phases, CriticalPath(wiring), path.Count, crossings, plan, Needs(mode, topology), Limits(mode, topology));
    }

    /// <summary>Each pair of Regions the path crosses between, once, and what carries the traffic across.</summary>
    private static IEnumerable<string> Crossings(DeployMode mode, IReadOnlyList<Analysis.Reachability.Hop> path, Core.Wiring.WiringManifest wiring)
    {
        var carrier = mode == DeployMode.Relay
            ? "inter-Region VPC peering, relay NLB → provider targets"
            : "native cross-Region PrivateLink, consumer endpoint → provider NLB";
        var regions = path.Select(h => wiring.Stacks.TryGetValue(h.Stack, out var stack) ? stack.Region : null).OfType<string>().ToList();
        return regions.Zip(regions.Skip(1))
            .Where(p => p.First != p.Second)
            .Select(p => string.CompareOrdinal(p.First, p.Second) < 0 ? (p.First, p.Second) : (p.Second, p.First))
            .Distinct()
            .Select(p => $"{p.Item1} ↔ {p.Item2} ({carrier})");
    }

    private static List<string> CriticalPath(Core.Wiring.WiringManifest wiring)
    {
        // Each phase waits for the previous one: the path is one stack per phase, following the wiring back
        // from a consumer (the last phase) to the provider.
        var last = wiring.Stacks.Where(s => s.Value.Role == Core.Wiring.StackRoles.Consumer).Select(s => s.Key).FirstOrDefault();
        var path = new List<string>();
        for (var stack = last; stack is not null;)
        {
            path.Insert(0, stack);
            stack = wiring.Stacks[stack].Parameters.Values.Select(p => p.Stack).FirstOrDefault();
        }

        return path;
    }

    private static List<AccountFootprint> Footprint(CloudAssembly assembly) =>
        assembly.Stacks.Values
            .GroupBy(s => (Account: s.Account ?? "(deploying)", s.Region))
            .Select(g =>
            {
                var types = g.SelectMany(s => s.Resources()).GroupBy(r => r.Type).ToDictionary(t => t.Key, t => t.Count());
                var highlights = new List<string>();
                void Say(string type, string noun)
                {
                    if (types.TryGetValue(type, out var n))
                        highlights.Add($"{n} {noun}");
                }

                Say("AWS::EC2::VPC", "VPC(s)");
                Say("AWS::EC2::Instance", "host(s)");
                Say("AWS::EC2::NatGateway", "NAT gateway(s)");
                Say("AWS::EC2::VPCPeeringConnection", "peering(s)");
                Say("AWS::ElasticLoadBalancingV2::LoadBalancer", "NLB(s)");
                Say("AWS::EC2::VPCEndpointService", "endpoint service(s)");
                Say("AWS::EC2::VPCEndpoint", "interface endpoint(s)");
                Say("AWS::IAM::Role", "IAM role(s)");
                return new AccountFootprint(g.Key.Account, g.Key.Region, g.Select(s => s.Name).ToList(), types.Values.Sum(), highlights);
            })
            .OrderBy(f => f.Account, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal)
            .ToList();

    private static List<string> Needs(DeployMode mode, Topology topology)
    {
        var needs = new List<string> { "every (account, Region) bootstrapped for the CDK, trusting the deploying account" };
        if (mode == DeployMode.Native)
        {
            needs.Add($"provider account {topology.Provider.Account ?? "(deploying)"}: IAM action vpce:AllowMultiRegion for the role that creates the endpoint service");
            needs.Add("opt-in Regions enabled in both the provider's and each consumer's account");
        }
        else
        {
            needs.Add("provider account: an IAM role each relay account assumes to accept its peering (created by the provider stack)");
            needs.Add($"CIDR coordination: the provider and {topology.Relays.Count} relay VPC(s) must not overlap");
        }

        needs.Add("the provider side: ec2:AcceptVpcEndpointConnections for the consumer accounts' endpoints");
        return needs;
    }

    private static List<string> Limits(DeployMode mode, Topology topology)
    {
        var limits = new List<string> { $"{topology.Targets.Ips.Count} of 1,000 targets per target group" };
        if (mode == DeployMode.Relay)
        {
            limits.Add($"{topology.Relays.Count} of 50 active peerings on the provider VPC (up to 125 on request)");
            limits.Add($"{topology.Relays.Count} NLB(s), one per consumer Region; each Region added later needs a new relay VPC, peering and routes");
        }
        else
        {
            limits.Add("only Regions with native cross-Region PrivateLink, and not AZs use1-az3, usw1-az2, apne1-az3, apne2-az2, apne2-az4");
            limits.Add("a consumer Region added later is one more entry in SupportedRegions: no new VPC on the provider side");
        }

        return limits;
    }

    private static (DeployMode, List<string>) Recommend(DesignSide relay, DesignSide native, CostComparison? cost, decimal traffic)
    {
        if (!relay.Buildable && !native.Buildable)
            return (DeployMode.Relay, ["neither design can be built from this config; fix the validation errors first"]);
        if (!native.Buildable)
            return (DeployMode.Relay, [$"native mode is not possible here: {string.Join("; ", native.Errors.Select(e => $"{e.Code} {e.Message}"))}"]);
        if (!relay.Buildable)
            return (DeployMode.Native, [$"relay mode is not possible here: {string.Join("; ", relay.Errors.Select(e => $"{e.Code} {e.Message}"))}"]);

        var reasons = new List<string>();
        var row = cost?.Rows.FirstOrDefault(r => r.TrafficGbPerMonth == traffic);
        var relayCost = row?.Relay ?? 0m;
        var nativeCost = row?.Native ?? 0m;
        reasons.Add($"at {traffic:#,0.##} GB/month: relay {CostText.Money(relayCost)}, native {CostText.Money(nativeCost)} per month (estimate)");
        reasons.Add(cost?.BreakEvenGbPerMonth is { } breakEven
            ? $"break-even at {breakEven:#,0.#} GB/month"
            : cost?.SameCostEverywhere == true
                ? "no break-even: both designs cost the same at every volume (AWS bills native cross-Region access as the same endpoint and transfer lines as relay)"
                : "no break-even: the per-GB rates are the same, so the cheaper design stays cheaper at every volume");
        reasons.Add($"native deploys in {native.Phases.Count} phases with no relay VPCs, peerings or CIDR coordination; relay needs {relay.Phases.Count} phases");
        var relayMuchCheaper = relayCost < nativeCost * 0.8m;
        if (relayMuchCheaper)
        {
            reasons.Add("relay is more than 20 % cheaper at this traffic, which outweighs native's simpler operation");
            return (DeployMode.Relay, reasons);
        }

        reasons.Add(nativeCost == relayCost
            ? "both designs cost the same at this traffic, so native's simpler operation decides"
            : nativeCost < relayCost
                ? "native is also the cheaper design at this traffic"
                : "relay's saving is under 20 %, less than native's simpler operation is worth");
        return (DeployMode.Native, reasons);
    }
}
