using Amazon.CDK;
using Interlink.Cdk.Emit;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// One stack of an Interlink design (<see cref="Templates.Stacks.DesignStacks"/>) as a CDK stack: its environment, the
/// CDK bootstrap of its qualifier (no BootstrapVersion parameter or rule: the CLI checks the version from
/// manifest.json), its tags, template metadata, and every element of its model.
/// </summary>
public sealed class InterlinkStack : Stack
{
    /// <summary>Emits <paramref name="model"/> as stack <c>model.Name</c> of <paramref name="scope"/>.</summary>
    internal InterlinkStack(Construct scope, StackModel model)
        : base(scope, model.Name, new StackProps
        {
            StackName = model.Name,
            Description = model.Description,
            // A null account leaves the account to the deploying credentials (single-account designs).
            Env = new Amazon.CDK.Environment { Account = model.Environment.Account, Region = model.Environment.Region },
            Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps
            {
                GenerateBootstrapVersionRule = false,
                Qualifier = model.Environment.Qualifier,
            }),
        })
    {
        // Stack-level tags (the CLI tags the stack with them); resources carry them in the model already.
        foreach (var (key, value) in model.Tags)
            Amazon.CDK.Tags.Of(this).Add(key, value);
        foreach (var (key, value) in model.Metadata)
            AddMetadata(key, CdkEmitter.Render(value));
        CdkEmitter.Emit(this, model);
    }
}
