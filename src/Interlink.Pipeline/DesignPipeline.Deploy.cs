using Interlink.Analysis.Assembly;
using Interlink.Analysis.Deployability;
using Interlink.Analysis.Diff;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Security;
using Interlink.Templates;
using Interlink.Templates.Stacks;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Deploy;

namespace Interlink.Pipeline;

public static partial class DesignPipeline
{
    /// <summary>The state file of a design: <c>.interlink/NAME.state.json</c> beside the config.</summary>
    public static string StatePath(string configFile, string design) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile))!, ".interlink", $"{design}.state.json");

    /// <summary>Where the last deploy of <paramref name="design"/> recorded the assembly it deployed (<c>.interlink/NAME.deployed</c>).</summary>
    public static string DeployedAssemblyDirectory(string configFile, string design) =>
        DeployedRecord.DirectoryFor(StatePath(configFile, design));

    /// <summary>
    /// The published sample service the provider hosts fetch (a CDK asset), unless the user gives its S3 location
    /// as inputs. A real deploy needs one of the two; a dry run or destroy (<paramref name="optional"/>) does not.
    /// </summary>
    public static HostBundles DeployBundles(Topology topology, IReadOnlyDictionary<string, string> inputs, bool optional)
    {
        var found = Bundles(topology);
        if (inputs.ContainsKey(ProviderStack.BundleBucketParameter))
            return found with { Service = null };
        if (found.Service is null && topology.Targets.CreateHosts && !optional)
            throw new DesignInputException($"the provider hosts need the published sample service: run 'scripts/publish.sh service {HostBundles.RuntimeFor(topology.Targets.InstanceType)}' at the repo root, or pass --input ServiceBundleBucket=… --input ServiceBundleKey=… --input ServiceBundleSha256=… for a copy you uploaded");
        return found;
    }

    /// <summary>
    /// The findings that block a deploy, the same ones <c>plan</c> reports: unsuppressed security errors, deploy-time
    /// handshakes the templates' IAM does not allow (or a blocked Lambda runtime), and templates over CloudFormation's
    /// per-template limits.
    /// </summary>
    public static IEnumerable<GateFinding> GateFindings(CloudAssembly assembly, Topology topology, IReadOnlyList<Suppression> suppressions, DateOnly today) =>
        SecurityCheck.Run(assembly, suppressions).Active
            .Where(f => f.Severity == SecuritySeverity.Error)
            .Select(f => new GateFinding(f.Rule, f.Stack, f.LogicalId, f.Message, f.Fix))
            .Concat(DeployabilityAnalyzer.Analyze(assembly, topology, today).Findings
                .Where(f => f.Severity == DeployabilitySeverity.Error)
                .Select(f => new GateFinding(f.Code, f.Stack, f.LogicalId, f.Message, f.Fix)))
            .Concat(StackQuotaCheck.Run(assembly).Findings.Select(f => new GateFinding(f.Code, f.Stack, "", f.Message, f.Fix)));

    /// <summary>
    /// What deploying the assembly in <paramref name="assemblyDirectory"/> changes in what the last deploy recorded
    /// beside <paramref name="statePath"/>, counting deploy <paramref name="inputs"/> whose value changed; the diff is
    /// null when nothing deployed is recorded.
    /// </summary>
    public static (string RecordDirectory, AssemblyDiff? Diff) DiffWithDeployed(string statePath, string assemblyDirectory, WiringManifest wiring, IReadOnlyDictionary<string, string> inputs)
    {
        var record = new DeployedRecord(statePath);
        var recorded = record.Directory;
        if (!File.Exists(Path.Combine(recorded, WiringManifest.FileName)))
            return (recorded, null);
        try
        {
            return (recorded, DiffEngine.Compare(CloudAssembly.Read(recorded), CloudAssembly.Read(assemblyDirectory), ChangedInputs(record, wiring, inputs)));
        }
        catch (AssemblyException e)
        {
            throw new DesignInputException($"{e.Message} (the deployed record in {recorded}; move it aside to deploy without a diff)");
        }
    }

    /// <summary>
    /// Per deployed stack, the parameters fed by deploy inputs (not by another stack's output) whose value now differs
    /// from the one it was deployed with.
    /// </summary>
    private static Dictionary<string, IReadOnlyCollection<string>> ChangedInputs(DeployedRecord record, WiringManifest wiring, IReadOnlyDictionary<string, string> inputs)
    {
        var changed = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var (stack, entry) in wiring.Stacks)
        {
            var deployed = record.Parameters(stack);
            var names = deployed
                .Where(p => !entry.Parameters.ContainsKey(p.Key) && inputs.TryGetValue(p.Key, out var now) && now != p.Value)
                .Select(p => p.Key).ToList();
            if (names.Count > 0)
                changed[stack] = names;
        }

        return changed;
    }
}
