using Interlink.Analysis.Assembly;
using Interlink.Analysis.Diff;
using Interlink.Analysis.Plan;
using Interlink.Core.Model;
using Interlink.Core.Normalization;

namespace Interlink.Pipeline;

/// <summary>A planned design: the assembly that was read and what the plan found in it.</summary>
/// <param name="Assembly">The cloud assembly planned.</param>
/// <param name="Report">Reachability, security, cost, deployability and quotas.</param>
public sealed record PlannedDesign(CloudAssembly Assembly, PlanReport Report);

public static partial class DesignPipeline
{
    /// <summary>Reads the cloud assembly in <paramref name="directory"/>; <paramref name="option"/> (e.g. <c>--against</c>) prefixes the error.</summary>
    public static CloudAssembly ReadAssembly(string directory, string? option = null)
    {
        try
        {
            return CloudAssembly.Read(directory);
        }
        catch (AssemblyException e)
        {
            throw new DesignInputException(option is null ? e.Message : $"{option}: {e.Message}");
        }
    }

    /// <summary>
    /// Plans a design: synthesizes <paramref name="topology"/> into <paramref name="cdkOut"/> unless an
    /// <paramref name="assembly"/> directory is given, reads it, and runs reachability, security, cost,
    /// deployability and quotas (with the config's <paramref name="suppressions"/>).
    /// </summary>
    public static PlannedDesign Plan(Topology? topology, IReadOnlyList<Suppression> suppressions, string? assembly, string cdkOut, decimal trafficGbPerMonth)
    {
        var read = ReadAssembly(AssemblyDirectory(topology, assembly, cdkOut));
        return new PlannedDesign(read, PlanRunner.Run(read, topology, suppressions, trafficGbPerMonth));
    }

    /// <summary>
    /// The directory of the design's assembly: <paramref name="assembly"/> when given, else <paramref name="cdkOut"/>
    /// after <paramref name="topology"/> is synthesized into it (with the published host bundles).
    /// </summary>
    public static string AssemblyDirectory(Topology? topology, string? assembly, string cdkOut)
    {
        if (assembly is not null)
            return assembly;
        ArgumentNullException.ThrowIfNull(topology);
        Synthesize(topology, cdkOut, Bundles(topology));
        return cdkOut;
    }

    /// <summary>What deploying <paramref name="after"/> changes compared with <paramref name="before"/>.</summary>
    public static AssemblyDiff Diff(CloudAssembly before, CloudAssembly after) => DiffEngine.Compare(before, after);
}
