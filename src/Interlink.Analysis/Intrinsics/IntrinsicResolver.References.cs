using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Intrinsics;

// What names resolve to: Ref (pseudo parameters, resources, parameters), parameters fed from another
// stack's output per the wiring manifest, Fn::GetAtt and Fn::ImportValue.
public sealed partial class IntrinsicResolver
{
    private CfnValue Ref(StackTemplate stack, string name)
    {
        switch (name)
        {
            case "AWS::Region":
                return new CfnString(stack.Region);
            case "AWS::AccountId":
                return stack.Account is { } a ? new CfnString(a) : new CfnUnknown($"stack {stack.Name} deploys to the deploying account", "AWS::AccountId");
            case "AWS::Partition":
                return new CfnString(AwsPartition.Of(stack.Region));
            case "AWS::URLSuffix":
                return new CfnString(AwsPartition.UrlSuffix(stack.Region));
            case "AWS::StackName":
                return new CfnString(stack.Name);
            case "AWS::NoValue":
                return CfnValue.NoValue;
            case "AWS::StackId" or "AWS::NotificationARNs":
                return new CfnUnknown($"{name} exists once deployed", name);
        }

        if (Section(stack, "Resources", name) is not null)
            return new CfnRef(stack.Name, name);
        if (Section(stack, "Parameters", name) is not null)
            return Parameter(stack, name);
        return new CfnUnknown($"Ref to {name}, which stack {stack.Name} does not declare", name);
    }

    private CfnValue Parameter(StackTemplate stack, string name)
    {
        if (parameters.TryGetValue((stack.Name, name), out var cached))
            return cached;
        var declaration = Section(stack, "Parameters", name);
        if (declaration is null)
            return new CfnUnknown($"stack {stack.Name} has no parameter {name}", name);
        var type = declaration.Value.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "String";
        CfnValue value;
        // A Systems Manager parameter type's value (given or Default) is a Parameter Store key; the stack gets the key's
        // value, read at deploy time ("ResolvedValue ... returned only for Systems Manager parameter types", Parameter,
        // AWS CloudFormation API Reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html;
        // "Specify existing resources at runtime with CloudFormation-supplied parameter types", User Guide). Reading the
        // key as the value would show every analysis a path where an AMI ID or a setting goes.
        if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
            value = new CfnUnknown($"parameter {name} of stack {stack.Name} is read from Systems Manager Parameter Store at deploy time", name);
        else if (assembly.Wiring.Stacks.TryGetValue(stack.Name, out var wired) && wired.Parameters.TryGetValue(name, out var source))
            value = Output(source.Stack, source.Output);
        else if (declaration.Value.TryGetProperty("Default", out var def))
            value = Resolve(stack, def, 0);
        else
            value = new CfnUnknown($"parameter {name} of stack {stack.Name} is given at deploy time", name);

        if ((type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal)) && value is not CfnList and not CfnUnknown)
            value = SplitValue(value, ",");
        return parameters[(stack.Name, name)] = value;
    }

    private static CfnValue GetAtt(StackTemplate stack, JsonElement arg)
    {
        string? resource = null, attribute = null;
        if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2 && arg[0].ValueKind == JsonValueKind.String && arg[1].ValueKind == JsonValueKind.String)
            (resource, attribute) = (arg[0].GetString(), arg[1].GetString());
        else if (arg.ValueKind == JsonValueKind.String && arg.GetString()!.Split('.', 2) is [var r, var a])
            (resource, attribute) = (r, a);
        if (resource is null || attribute is null)
            return new CfnUnknown("Fn::GetAtt needs [resource, attribute]");
        return Section(stack, "Resources", resource) is null
            ? new CfnUnknown($"Fn::GetAtt of {resource}, which stack {stack.Name} does not declare")
            : new CfnRef(stack.Name, resource, attribute);
    }

    private CfnValue ImportValue(StackTemplate stack, CfnValue name)
    {
        if (name.Text is not { } export)
            return new CfnUnknown("Fn::ImportValue of a name not known offline");
        foreach (var other in assembly.Stacks.Values)
        {
            if (other.Region != stack.Region || other.Account != stack.Account)
                continue;
            if (!other.Template.TryGetProperty("Outputs", out var outs) || outs.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var o in outs.EnumerateObject())
            {
                if (o.Value.TryGetProperty("Export", out var ex) && ex.TryGetProperty("Name", out var n)
                    && Resolve(other, n, 0).Text == export)
                    return Output(other.Name, o.Name);
            }
        }

        return new CfnUnknown($"no stack in {stack.Account ?? "the deploying account"}/{stack.Region} exports {export}", export);
    }
}
