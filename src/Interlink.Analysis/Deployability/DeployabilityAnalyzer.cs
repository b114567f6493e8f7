using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Normalization;

namespace Interlink.Analysis.Deployability;

// The entry point, the Lambda runtime check, and the state of one analysis run (Run) with how it records findings.
// The rest of Run: DeployabilityAnalyzer.Handshakes.cs (each deploy-time handshake), .Verdicts.cs (trust and
// permission checks against the IAM policies) and .Facts.cs (ARNs, accounts and roles read from the assembly).

/// <summary>
/// Proves offline that each deploy-time handshake of a design is allowed: who starts it, which roles it assumes
/// (each trust policy checked), and for each action every resource type AWS's Service Authorization Reference
/// requires (<see cref="IamActionCatalog"/>), evaluated against the policies in the templates with the condition
/// keys AWS would supply for the real resources. Also flags Lambda runtimes past their deprecation or create-block
/// date (<see cref="LambdaRuntimes"/>).
/// </summary>
public static partial class DeployabilityAnalyzer
{
    /// <summary>
    /// Analyzes <paramref name="assembly"/>. <paramref name="topology"/> (when the config is known) names the deploying
    /// account, the bootstrap qualifier and which relays want peering DNS; <paramref name="today"/> is compared with
    /// the runtime table's dates.
    /// </summary>
    public static DeployabilityReport Analyze(CloudAssembly assembly, Topology? topology, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var run = new Run(assembly, topology);
        run.PeeringAccepts();
        run.EndpointAcceptance();
        run.PeeringDns();
        run.MultiRegion();
        var findings = run.Handshakes.SelectMany(run.FindingsOf).Concat(run.Notes).Concat(Runtimes(assembly, today))
            .OrderBy(f => f.Severity).ThenBy(f => f.Stack, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        return new DeployabilityReport(run.Handshakes, findings, IamActionCatalog.Source,
            $"{LambdaRuntimes.Source}; checked {LambdaRuntimes.AsOf:yyyy-MM-dd}", today);
    }

    /// <summary>Lambda functions (including custom-resource providers) on a runtime past its create-block or deprecation date.</summary>
    public static IEnumerable<DeployabilityFinding> Runtimes(CloudAssembly assembly, DateOnly today)
    {
        foreach (var stack in assembly.Stacks.Values)
        {
            foreach (var (logicalId, type, properties) in stack.Resources())
            {
                if (type != "AWS::Lambda::Function" || properties.ValueKind != JsonValueKind.Object
                    || !properties.TryGetProperty("Runtime", out var r) || r.ValueKind != JsonValueKind.String
                    || !LambdaRuntimes.All.TryGetValue(r.GetString()!, out var runtime))
                    continue;
                if (runtime.CreateBlocked is { } blocked && today >= blocked)
                {
                    var rule = DeployabilityRules.RuntimeBlocked;
                    yield return new DeployabilityFinding(rule.Id, rule.Severity, stack.Name, logicalId,
                        $"runtime {runtime.Identifier}: Lambda blocks creating functions on it since {blocked:yyyy-MM-dd}"
                        + (runtime.UpdateBlocked is { } u ? $" and updating them {(today >= u ? "since" : "from")} {u:yyyy-MM-dd}" : ""), rule.Fix);
                }
                else if (runtime.Deprecated is { } deprecated && today >= deprecated)
                {
                    var rule = DeployabilityRules.RuntimeDeprecated;
                    yield return new DeployabilityFinding(rule.Id, rule.Severity, stack.Name, logicalId,
                        $"runtime {runtime.Identifier} is deprecated since {deprecated:yyyy-MM-dd}"
                        + (runtime.CreateBlocked is { } c ? $"; Lambda blocks creating functions on it from {c:yyyy-MM-dd}" : ""), rule.Fix);
                }
            }
        }
    }

    // One analysis of one assembly: the handshakes found so far and the notes on them.
    private sealed partial class Run(CloudAssembly assembly, Topology? topology)
    {
        private readonly IntrinsicResolver resolver = new(assembly);
        private readonly Lazy<IamTemplateReader> reader = new(() => new IamTemplateReader(assembly, new IntrinsicResolver(assembly)));
        private readonly Lazy<JsonDocument?> manifest = new(() => ReadManifest(assembly.Directory));
        private readonly Dictionary<Handshake, List<DeployabilityFinding>> extra = [];

        public List<Handshake> Handshakes { get; } = [];

        public List<DeployabilityFinding> Notes { get; } = [];

        private IamTemplateReader Reader => reader.Value;

        public IEnumerable<DeployabilityFinding> FindingsOf(Handshake h)
        {
            if (h.Code is { } code && DeployabilityRules.Find(code) is { } rule)
                yield return new DeployabilityFinding(code, rule.Severity, h.Stack, h.LogicalId, $"{h.Title}: {h.Problem}", h.Fix ?? rule.Fix);
            if (extra.TryGetValue(h, out var more))
            {
                foreach (var f in more)
                    yield return f;
            }
        }

        private void Note(Handshake handshake, DeployabilityRule rule, StackTemplate stack, string logicalId, string message)
        {
            if (!extra.TryGetValue(handshake, out var list))
                extra[handshake] = list = [];
            list.Add(new DeployabilityFinding(rule.Id, rule.Severity, stack.Name, logicalId, message, rule.Fix));
        }

        private void Add(Handshake handshake) => Handshakes.Add(handshake);
    }
}
