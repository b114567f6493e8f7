using Interlink.Core.Normalization;
using Interlink.Templates.Model;

namespace Interlink.Templates.Stacks;

/// <summary>What every Interlink stack shares: its environment, the design's tags, parameters and outputs.</summary>
internal static class DesignStack
{
    /// <summary>
    /// A stack for <paramref name="site"/>'s account and Region, deploying through the CDK bootstrap of the design's
    /// qualifier (which names the roles the CLI deploys through and the CloudFormation execution role peering-accepter
    /// roles trust), tagged with the design's name and the config's tags. No BootstrapVersion parameter or rule: the
    /// CLI checks the version from manifest.json.
    /// </summary>
    public static StackModel Create(string name, Topology topology, NetworkSite site, string description) =>
        new(name, new StackEnvironment(site.Account, site.Region, topology.Deployment.BootstrapQualifier), description,
            [new("interlink:design", topology.Name), .. topology.Tags]);

    /// <summary>
    /// Declares a string parameter fed by another stack's output (see the wiring manifest) or by a deploy input. Every
    /// string parameter names its <paramref name="allowedPattern"/> (<see cref="AllowedPatterns"/>): CloudFormation
    /// refuses any other value before anything is created, so no free text reaches a resource or a boot script.
    /// </summary>
    public static CfnValue Parameter(StackModel stack, string name, string description, string? allowedPattern = null) =>
        Cfn.Ref(stack.Parameter(name, new ParameterSpec("String", description, allowedPattern, allowedPattern is null ? null : $"must match {allowedPattern}")));

    /// <summary><c>us-west-2</c> → <c>UsWest2</c>: construct IDs derived from Regions.</summary>
    public static string Pascal(string region) => Core.Wiring.ZoneNameInput.Pascal(region);
}
