using System.Text.Json.Nodes;
using Interlink.Templates.Model;

namespace Interlink.Templates.Writing;

/// <summary>
/// Renders a <see cref="StackModel"/> as the CloudFormation template the CDK would synthesize from the same model:
/// Description, Metadata, Parameters, Resources (Type, Properties, DependsOn sorted by construct path, Metadata) and
/// Outputs, references as logical IDs (<see cref="LogicalIds"/>).
/// </summary>
public static class TemplateRenderer
{
    /// <summary>The template of <paramref name="stack"/>.</summary>
    public static JsonObject Render(StackModel stack)
    {
        var template = new JsonObject { ["Description"] = stack.Description };
        if (stack.Metadata.Count > 0)
            template["Metadata"] = Value(new CfnMap(stack.Metadata));
        var elements = stack.Elements().ToList();
        var resources = new JsonObject();
        var parameters = new JsonObject();
        var outputs = new JsonObject();
        foreach (var element in elements)
        {
            var id = LogicalIds.For(element.Path);
            switch (element)
            {
                case ResourceModel resource:
                    resources[id] = Resource(resource);
                    break;
                case ParameterModel parameter:
                    parameters[id] = Parameter(parameter.Spec);
                    break;
                case OutputModel output:
                    outputs[id] = new JsonObject { ["Description"] = output.Description, ["Value"] = Value(output.Value) };
                    break;
            }
        }

        template["Resources"] = resources;
        if (parameters.Count > 0)
            template["Parameters"] = parameters;
        if (outputs.Count > 0)
            template["Outputs"] = outputs;
        return template;
    }

    /// <summary>A template value as JSON.</summary>
    public static JsonNode Value(CfnValue value) => value switch
    {
        CfnLiteral { Value: string s } => JsonValue.Create(s),
        CfnLiteral { Value: int i } => JsonValue.Create(i),
        CfnLiteral { Value: bool b } => JsonValue.Create(b),
        CfnLiteral other => throw new InvalidOperationException($"unsupported literal {other.Value.GetType().Name}"),
        CfnList list => new JsonArray([.. list.Items.Select(Value)]),
        CfnMap map => Object(map),
        CfnRef reference => new JsonObject { ["Ref"] = LogicalIds.For(reference.Target.Path) },
        CfnGetAtt attribute => new JsonObject { ["Fn::GetAtt"] = new JsonArray(LogicalIds.For(attribute.Resource.Path), attribute.Attribute) },
        CfnPseudo pseudo => new JsonObject { ["Ref"] = pseudo.Name },
        CfnFunction function => new JsonObject { [function.Name] = Value(function.Argument) },
        CfnExternal => throw new InvalidOperationException("a value from outside the model reached the direct writer"),
        _ => throw new InvalidOperationException($"unknown template value {value.GetType().Name}"),
    };

    private static JsonObject Object(CfnMap map)
    {
        var node = new JsonObject();
        foreach (var (key, value) in map.Entries)
            node[key] = Value(value);
        return node;
    }

    private static JsonObject Resource(ResourceModel resource)
    {
        if (resource.ExternalDependencies.Count > 0)
            throw new InvalidOperationException($"{string.Join('/', resource.Path)} depends on constructs outside the model");
        var node = new JsonObject { ["Type"] = resource.Type };
        if (resource.Properties.Entries.Count > 0)
            node["Properties"] = Object(resource.Properties);
        if (resource.DependsOn.Count > 0)
        {
            node["DependsOn"] = new JsonArray([.. resource.DependsOn
                .OrderBy(d => string.Join('/', d.Path), LocaleOrder.Comparer)
                .Select(d => (JsonNode)JsonValue.Create(LogicalIds.For(d.Path)))]);
        }

        if (resource.Metadata is { } metadata)
            node["Metadata"] = Object(metadata);
        return node;
    }

    private static JsonObject Parameter(ParameterSpec spec)
    {
        var node = new JsonObject { ["Type"] = spec.Type };
        if (spec.AllowedPattern is { } pattern)
            node["AllowedPattern"] = pattern;
        if (spec.ConstraintDescription is { } constraint)
            node["ConstraintDescription"] = constraint;
        node["Description"] = spec.Description;
        return node;
    }
}
