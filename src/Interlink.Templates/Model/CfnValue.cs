using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Interlink.Templates.Model;

/// <summary>
/// A value in a CloudFormation template, as the template model holds it: a literal, a list, an object, or an intrinsic
/// function whose references point at model elements rather than logical IDs. Each emitter renders references its own
/// way: the direct writer as logical IDs (<see cref="LogicalIds"/>), the CDK emitter as the tokens of the constructs it
/// made, so that the CDK computes the same IDs.
/// </summary>
public abstract record CfnValue
{
    /// <summary>A literal string; null stays null (an absent value, left out of objects).</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator CfnValue?(string? value) => value is null ? null : new CfnLiteral(value);

    /// <summary>A literal integer.</summary>
    public static implicit operator CfnValue(int value) => new CfnLiteral(value);

    /// <summary>A literal boolean.</summary>
    public static implicit operator CfnValue(bool value) => new CfnLiteral(value);
}

/// <summary>A string, integer or boolean.</summary>
/// <param name="Value">The value.</param>
public sealed record CfnLiteral(object Value) : CfnValue
{
    /// <summary>The literal as template text would concatenate it (numbers in invariant culture).</summary>
    public string Text => Value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };
}

/// <summary>A list.</summary>
/// <param name="Items">Its items, in order.</param>
public sealed record CfnList(IReadOnlyList<CfnValue> Items) : CfnValue;

/// <summary>An object; null-valued entries are left out when it is built (<see cref="Cfn.Map"/>).</summary>
/// <param name="Entries">Its entries, in order.</param>
public sealed record CfnMap(IReadOnlyList<KeyValuePair<string, CfnValue>> Entries) : CfnValue;

/// <summary><c>{"Ref": …}</c> to a resource or parameter of the model.</summary>
/// <param name="Target">The referenced element.</param>
public sealed record CfnRef(ModelElement Target) : CfnValue;

/// <summary><c>{"Fn::GetAtt": [resource, attribute]}</c>.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Attribute">The attribute name, e.g. <c>Arn</c>.</param>
public sealed record CfnGetAtt(ResourceModel Resource, string Attribute) : CfnValue;

/// <summary><c>{"Ref": "AWS::Region"}</c> and the other pseudo parameters.</summary>
/// <param name="Name">The pseudo parameter, e.g. <c>AWS::Partition</c>.</param>
public sealed record CfnPseudo(string Name) : CfnValue;

/// <summary>Any other intrinsic function, <c>{"Fn::NAME": argument}</c>.</summary>
/// <param name="Name">The function, e.g. <c>Fn::Sub</c>.</param>
/// <param name="Argument">Its argument.</param>
public sealed record CfnFunction(string Name, CfnValue Argument) : CfnValue;

/// <summary>
/// A value the CDK emitter received from outside the model (a token of a construct a CDK user made, or a dependency);
/// the direct writer never sees one, since it builds whole designs.
/// </summary>
/// <param name="Handle">The emitter's own object.</param>
public sealed record CfnExternal(object Handle) : CfnValue;
