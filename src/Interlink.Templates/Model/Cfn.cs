namespace Interlink.Templates.Model;

/// <summary>
/// Builds <see cref="CfnValue"/>s the way the AWS CDK renders the same calls, so that both emitters write the same
/// template: <see cref="Join"/> merges adjacent literals and splices nested joins with the same delimiter (the CDK's
/// <c>minimalCloudFormationJoin</c>), and <see cref="Sub"/> without variables is a bare string.
/// </summary>
public static class Cfn
{
    /// <summary><c>AWS::Region</c>.</summary>
    public static CfnValue Region { get; } = new CfnPseudo("AWS::Region");

    /// <summary><c>AWS::Partition</c>.</summary>
    public static CfnValue Partition { get; } = new CfnPseudo("AWS::Partition");

    /// <summary><c>AWS::AccountId</c>.</summary>
    public static CfnValue AccountId { get; } = new CfnPseudo("AWS::AccountId");

    /// <summary>A list of values.</summary>
    public static CfnList List(params IEnumerable<CfnValue> items) => new(items.ToList());

    /// <summary>An object of the non-null entries, in order.</summary>
    public static CfnMap Map(params IEnumerable<(string Key, CfnValue? Value)> entries) =>
        new(entries.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, CfnValue>(e.Key, e.Value!)).ToList());

    /// <summary><c>Ref</c> to a resource or parameter.</summary>
    public static CfnValue Ref(ModelElement target) => new CfnRef(target);

    /// <summary><c>Fn::GetAtt</c>.</summary>
    public static CfnValue GetAtt(ResourceModel resource, string attribute) => new CfnGetAtt(resource, attribute);

    /// <summary><c>Fn::Sub</c> of a literal template, with variables when there are any.</summary>
    public static CfnValue Sub(string template, params IEnumerable<(string Name, CfnValue Value)> variables)
    {
        var map = Map(variables.Select(v => (v.Name, (CfnValue?)v.Value)));
        return new CfnFunction("Fn::Sub", map.Entries.Count == 0 ? template : List(template, map));
    }

    /// <summary><c>Fn::Base64</c>.</summary>
    public static CfnValue Base64(CfnValue value) => new CfnFunction("Fn::Base64", value);

    /// <summary><c>Fn::Select</c> of item <paramref name="index"/>.</summary>
    public static CfnValue Select(int index, CfnValue list) => new CfnFunction("Fn::Select", List(index, list));

    /// <summary><c>Fn::Split</c>.</summary>
    public static CfnValue Split(string delimiter, CfnValue value) => new CfnFunction("Fn::Split", List(delimiter, value));

    /// <summary><c>Fn::Join</c> of a list-valued expression (e.g. a list attribute), which cannot be merged.</summary>
    public static CfnValue JoinList(string delimiter, CfnValue list) => new CfnFunction("Fn::Join", List(delimiter, list));

    /// <summary>
    /// <c>Fn::Join</c> of <paramref name="parts"/>, minimized as the CDK does: nested joins with the same delimiter are
    /// spliced in, adjacent literals are concatenated, and a single remaining part is the value itself.
    /// </summary>
    public static CfnValue Join(string delimiter, params IEnumerable<CfnValue> parts)
    {
        var values = new List<CfnValue>();
        foreach (var part in parts)
            Append(values, delimiter, part);
        if (values.Count == 0)
            throw new ArgumentException("Fn::Join needs at least one value", nameof(parts));
        return values.Count == 1 ? values[0] : new CfnFunction("Fn::Join", List(delimiter, List(values)));
    }

    private static void Append(List<CfnValue> values, string delimiter, CfnValue part)
    {
        if (part is CfnFunction { Name: "Fn::Join", Argument: CfnList { Items: [CfnLiteral { Value: string d }, CfnList nested] } } && d == delimiter)
        {
            foreach (var item in nested.Items)
                Append(values, delimiter, item);
            return;
        }

        if (part is CfnLiteral { Value: string or int } literal && values.Count > 0 && values[^1] is CfnLiteral { Value: string or int } previous)
        {
            values[^1] = new CfnLiteral(previous.Text + delimiter + literal.Text);
            return;
        }

        values.Add(part);
    }
}
