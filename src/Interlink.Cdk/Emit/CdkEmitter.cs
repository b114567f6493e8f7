using System.Runtime.CompilerServices;
using Amazon.CDK;
using Amazon.CDK.AWS.S3.Assets;
using Interlink.Templates.Model;
using Constructs;

namespace Interlink.Cdk.Emit;

/// <summary>
/// Emits a part of the template model through the CDK: a construct per scope, a <see cref="CfnResource"/> per resource,
/// a <see cref="CfnParameter"/>, <see cref="CfnOutput"/> or S3 <see cref="Asset"/> per parameter, output or file asset,
/// with the same construct IDs, so that the CDK derives the same logical IDs as the direct writer. References become
/// the tokens of the emitted elements (so the CDK tracks them, across constructs and stacks as for any L1), and the
/// model's values are otherwise passed through unchanged: both emitters write the same template.
/// </summary>
internal static class CdkEmitter
{
    // Model element → the CDK element emitted for it, for references from constructs emitted later (another construct
    // of the same app refers to a network's subnets, say).
    private static readonly ConditionalWeakTable<ModelElement, CfnElement> Emitted = [];

    /// <summary>
    /// Emits the children of <paramref name="scope"/> into <paramref name="into"/>: first the construct tree (scopes and
    /// file assets, which refer to nothing), then the elements in the order they were created, so that every reference
    /// finds its target emitted, then the creation-order dependencies.
    /// </summary>
    public static void Emit(Construct into, ModelScope scope)
    {
        var parents = new Dictionary<ModelScope, Construct> { [scope] = into };
        EmitTree(into, scope, parents);
        var resources = new List<(ResourceModel Model, CfnResource Made)>();
        foreach (var element in scope.Elements().OrderBy(e => e.Sequence))
        {
            var parent = parents[element.Scope];
            switch (element)
            {
                case ResourceModel resource:
                    var made = new CfnResource(parent, resource.Id, new CfnResourceProps
                    {
                        Type = resource.Type,
                        Properties = (IDictionary<string, object>)Render(resource.Properties),
                    });
                    if (resource.Metadata is { } metadata)
                    {
                        foreach (var (key, entry) in metadata.Entries)
                            made.AddMetadata(key, Render(entry));
                    }

                    Emitted.AddOrUpdate(resource, made);
                    resources.Add((resource, made));
                    break;
                case ParameterModel parameter:
                    Emitted.AddOrUpdate(parameter, new CfnParameter(parent, parameter.Id, new CfnParameterProps
                    {
                        Type = parameter.Spec.Type,
                        Description = parameter.Spec.Description,
                        AllowedPattern = parameter.Spec.AllowedPattern,
                        ConstraintDescription = parameter.Spec.ConstraintDescription,
                    }));
                    break;
                case OutputModel output:
                    Emitted.AddOrUpdate(output, new CfnOutput(parent, output.Id, new CfnOutputProps { Value = AsString(output.Value), Description = output.Description }));
                    break;
            }
        }

        foreach (var (model, made) in resources)
        {
            foreach (var dependency in model.DependsOn)
                made.AddDependency((CfnResource)Find(dependency));
            foreach (var external in model.ExternalDependencies)
                made.Node.AddDependency((IDependable)external);
        }
    }

    /// <summary>The CDK element emitted for <paramref name="element"/>.</summary>
    public static CfnElement Find(ModelElement element) =>
        Emitted.TryGetValue(element, out var made) ? made : throw new InvalidOperationException($"{string.Join('/', element.Path)} has not been emitted");

    /// <summary>A model value as the CDK takes it: a string (maybe a token) for a construct attribute.</summary>
    public static string AsString(CfnValue value) => Render(value) switch
    {
        string s => s,
        var other => Token.AsString(new Intrinsic(other)),
    };

    /// <summary>A model value as the CDK takes it in L1 properties: primitives, arrays, dictionaries and tokens.</summary>
    public static object Render(CfnValue value) => value switch
    {
        CfnLiteral literal => literal.Value,
        CfnList list => list.Items.Select(Render).ToArray(),
        CfnMap map => map.Entries.ToDictionary(e => e.Key, e => Render(e.Value)),
        CfnRef { Target: ResourceModel resource } => ((CfnResource)Find(resource)).Ref,
        CfnRef { Target: var parameter } => new Dictionary<string, object> { ["Ref"] = Find(parameter).LogicalId },
        CfnGetAtt attribute => ((CfnResource)Find(attribute.Resource)).GetAtt(attribute.Attribute),
        CfnPseudo pseudo => new Dictionary<string, object> { ["Ref"] = pseudo.Name },
        CfnFunction function => new Dictionary<string, object> { [function.Name] = Render(function.Argument) },
        CfnExternal external => external.Handle,
        _ => throw new InvalidOperationException($"unknown template value {value.GetType().Name}"),
    };

    private static void EmitTree(Construct into, ModelScope scope, Dictionary<ModelScope, Construct> parents)
    {
        foreach (var child in scope.Children)
        {
            switch (child)
            {
                case ModelScope inner:
                    var made = new Construct(into, inner.Id);
                    parents[inner] = made;
                    EmitTree(made, inner, parents);
                    break;
                case FileAssetModel asset:
                    _ = new Asset(into, asset.Id, new AssetProps { Path = asset.SourceFile });
                    break;
            }
        }
    }
}
