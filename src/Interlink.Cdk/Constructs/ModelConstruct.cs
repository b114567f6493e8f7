using Interlink.Cdk.Emit;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>
/// A construct whose resources a blueprint of the template model decides (Interlink.Templates.Blueprints): the
/// subclass builds the blueprint into <see cref="Model"/>, then <see cref="EmitModel"/> makes the CDK elements. The
/// logic that decides each resource lives in the blueprint only, so the CLI's direct writer and this library agree.
/// </summary>
public abstract class ModelConstruct : Construct
{
    /// <summary>Creates the construct.</summary>
    protected ModelConstruct(Construct scope, string id) : base(scope, id)
    {
    }

    /// <summary>The model scope the blueprint builds into (the inside of this construct).</summary>
    internal ModelScope Model { get; } = new();

    /// <summary>Emits what the blueprint built.</summary>
    protected void EmitModel() => CdkEmitter.Emit(this, Model);

    /// <summary>A model value as a CDK string (a token for references).</summary>
    protected static string Text(CfnValue value) => CdkEmitter.AsString(value);
}
