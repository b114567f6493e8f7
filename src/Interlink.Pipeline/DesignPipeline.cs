using Interlink.Core.Normalization;
using Interlink.Core.Validation;
using Interlink.Core.Wiring;

namespace Interlink.Pipeline;

/// <summary>
/// The pipeline every front end calls, one step per method: <see cref="Validate"/> → <see cref="Topology"/> →
/// <see cref="Synthesize"/> → <see cref="ReadAssembly"/> → <see cref="Plan"/> / <see cref="Diff"/> /
/// <see cref="Compare"/> / <see cref="GateFindings"/>. It returns results and renders nothing; bad input is a
/// <see cref="DesignInputException"/> (one line, exit 2 in the CLI).
/// </summary>
/// <remarks>
/// Split by step over partial files. Only the synthesis step reaches the CDK: the validation steps here reference
/// Core alone, so <c>validate</c> never loads <c>Amazon.CDK</c> or starts jsii (the runtime loads an assembly when
/// a method that uses it is first compiled, not when a class merely holds such a method).
/// </remarks>
public static partial class DesignPipeline
{
    /// <summary>Loads <paramref name="file"/> and runs every validation rule: the findings, and the config when it loaded.</summary>
    public static ValidationReport Validate(string file) => ConfigValidator.ValidateFile(file);

    /// <summary>The normalized topology (subnets carved, AZs chosen, fixed IPs) of a valid <paramref name="report"/>.</summary>
    public static Topology Topology(ValidationReport report) => TopologyBuilder.Build(report);

    /// <summary>The design's stacks, their deploy phases and the values that cross between them.</summary>
    public static WiringManifest Wiring(Topology topology) => WiringPlanner.Plan(topology);
}
