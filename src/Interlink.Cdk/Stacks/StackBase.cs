using Amazon.CDK;
using Interlink.Core.Normalization;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>What every Interlink stack shares: its environment, the design's tags, and output helpers.</summary>
public abstract class InterlinkStack : Stack
{
    /// <summary>Creates a stack for <paramref name="site"/>'s account and Region.</summary>
    protected InterlinkStack(Construct scope, string id, Topology topology, NetworkSite site, string description)
        : base(scope, id, new StackProps
        {
            StackName = id,
            Description = description,
            // A null account leaves the account to the deploying credentials (single-account designs).
            Env = new Amazon.CDK.Environment { Account = site.Account, Region = site.Region },
            // Deploys through the CDK bootstrap roles and bucket (one deployer can reach every trusted account);
            // no BootstrapVersion parameter or rule in the templates: the CLI checks the version from manifest.json.
            // The qualifier names the bootstrap roles the CLI deploys through, and the CloudFormation execution role that
            // peering-accepter roles trust: both must be the bootstrapped ones.
            Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps
            {
                GenerateBootstrapVersionRule = false,
                Qualifier = topology.Deployment.BootstrapQualifier,
            }),
        })
    {
        Topology = topology;
        Amazon.CDK.Tags.Of(this).Add("interlink:design", topology.Name);
        foreach (var (key, value) in topology.Tags)
            Amazon.CDK.Tags.Of(this).Add(key, value);
    }

    /// <summary>The design.</summary>
    protected Topology Topology { get; }

    /// <summary>Declares output <paramref name="name"/> (names come from <see cref="Interlink.Core.Wiring.Outputs"/>).</summary>
    protected void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });

    /// <summary>
    /// Declares a string parameter fed by another stack's output (see the wiring manifest) or by a deploy input.
    /// Every string parameter names its <paramref name="allowedPattern"/> (<see cref="AllowedPatterns"/>):
    /// CloudFormation refuses any other value before anything is created, so no free text reaches a resource or a
    /// boot script.
    /// </summary>
    protected string Parameter(string name, string description, string? allowedPattern = null) =>
        new CfnParameter(this, name, new CfnParameterProps
        {
            Type = "String",
            Description = description,
            AllowedPattern = allowedPattern,
            ConstraintDescription = allowedPattern is null ? null : $"must match {allowedPattern}",
        }).ValueAsString;
}
