using System.Text;
using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Deployability;

/// <summary>Three-valued truth for offline IAM evaluation: what a template proves, refutes, or leaves open.</summary>
public enum Tri
{
    /// <summary>Proven false.</summary>
    No,

    /// <summary>Depends on a value only known once deployed.</summary>
    Unknown,

    /// <summary>Proven true.</summary>
    Yes,
}

/// <summary>Combinators over <see cref="Tri"/>.</summary>
public static class TriLogic
{
    /// <summary>Logical and: the weakest of the two.</summary>
    public static Tri And(Tri a, Tri b) => (Tri)Math.Min((int)a, (int)b);

    /// <summary>Logical or: the strongest of the two.</summary>
    public static Tri Or(Tri a, Tri b) => (Tri)Math.Max((int)a, (int)b);

    /// <summary>Negation; unknown stays unknown.</summary>
    public static Tri Not(Tri a) => a switch { Tri.Yes => Tri.No, Tri.No => Tri.Yes, _ => Tri.Unknown };
}

/// <summary>
/// A string as IAM sees it once the templates are resolved as far as possible offline: literal text mixed with
/// opaque symbols for values that exist only once deployed. A symbol with a known identity (a resource's Ref, the
/// deploying account) equals only itself; a symbol without one (an input given at deploy time) may equal anything.
/// </summary>
/// <param name="Parts">Literal strings and symbols, in order.</param>
public sealed record IamText(IReadOnlyList<object> Parts)
{
    /// <summary>A literal.</summary>
    public static IamText Of(string literal) => new([literal]);

    /// <summary>Text from a resolved template value (references and unknowns become symbols).</summary>
    public static IamText From(CfnValue value) => value switch
    {
        CfnConcat c => new(c.Parts.SelectMany(p => From(p).Parts).ToList()),
        CfnRef r => new([new IamSymbol(r.ResourceKey + (r.Attribute is null ? "" : "." + r.Attribute), true)]),
        CfnUnknown { Name: "AWS::AccountId" } => new([DeployingAccount]),
        CfnUnknown u => new([new IamSymbol(u.Name ?? "?" + u.Reason, false)]),
        _ => Of(value.Text ?? value.Display()),
    };

    /// <summary>The account of stacks that name none (single-account designs): one account, unknown offline.</summary>
    public static IamSymbol DeployingAccount { get; } = new("AWS::AccountId", true);

    /// <summary>Concatenation.</summary>
    public static IamText operator +(IamText a, IamText b) => new([.. a.Parts, .. b.Parts]);

    /// <summary>Concatenation with a literal.</summary>
    public static IamText operator +(IamText a, string b) => a + Of(b);

    /// <summary>Concatenation with a literal.</summary>
    public static IamText operator +(string a, IamText b) => Of(a) + b;

    /// <summary>The literal text, or null when a symbol is part of it.</summary>
    public string? Literal => Parts.All(p => p is string) ? string.Concat(Parts.Cast<string>()) : null;

    /// <summary>Readable: symbols as <c>${name}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var p in Parts)
            text.Append(p is IamSymbol s ? "${" + s.Name + "}" : (string)p);
        return text.ToString();
    }

    /// <summary>Characters and symbols, one token each.</summary>
    internal IReadOnlyList<object> Tokens() => Parts.SelectMany(p => p is string s ? s.Select(c => (object)c) : [p]).ToList();

    /// <inheritdoc />
    public bool Equals(IamText? other) => other is not null && Tokens().SequenceEqual(other.Tokens());

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}

/// <summary>An opaque value in <see cref="IamText"/>.</summary>
/// <param name="Name">What it stands for (<c>stack/logicalId</c> of a resource, a parameter name, a pseudo parameter).</param>
/// <param name="KnownIdentity">True when two symbols with the same name are the same value and different names differ.</param>
public sealed record IamSymbol(string Name, bool KnownIdentity);

/// <summary>IAM's string matching (<c>*</c> and <c>?</c> wildcards) over <see cref="IamText"/>, three-valued.</summary>
public static class IamMatch
{
    /// <summary>
    /// Whether <paramref name="value"/> matches <paramref name="pattern"/>. With <paramref name="wildcards"/> off the
    /// comparison is exact (StringEquals); <paramref name="ignoreCase"/> compares letters without case (action names).
    /// </summary>
    public static Tri Glob(IamText pattern, IamText value, bool wildcards = true, bool ignoreCase = false)
    {
        var p = pattern.Tokens();
        var v = value.Tokens();
        var memo = new Dictionary<(int, int), Tri>();
        return Step(0, 0);

        Tri Step(int i, int j)
        {
            if (memo.TryGetValue((i, j), out var cached))
                return cached;
            Tri result;
            if (i == p.Count)
                result = j == v.Count ? Tri.Yes : Tri.No;
            else if (wildcards && p[i] is '*')
                result = TriLogic.Or(Step(i + 1, j), j < v.Count ? Step(i, j + 1) : Tri.No);
            else if (j == v.Count)
                result = Tri.No;
            else if (wildcards && p[i] is '?')
                result = v[j] is char ? Step(i + 1, j + 1) : TriLogic.And(Tri.Unknown, Step(i + 1, j + 1));
            else if (p[i] is char && v[j] is IamSymbol)
                result = TriLogic.And(Tri.Unknown, Absorb(k => Step(k, j + 1), i + 1, p.Count));
            else if (p[i] is IamSymbol && v[j] is char)
                result = TriLogic.And(Tri.Unknown, Absorb(k => Step(i + 1, k), j + 1, v.Count));
            else
                result = TriLogic.And(Same(p[i], v[j]), Step(i + 1, j + 1));
            return memo[(i, j)] = result;
        }

        // A symbol stands for text of unknown length: it may stand for any run of the other side's characters.
        static Tri Absorb(Func<int, Tri> rest, int from, int to)
        {
            var result = Tri.No;
            for (var k = from; k <= to && result != Tri.Yes; k++)
                result = TriLogic.Or(result, rest(k));
            return result;
        }

        Tri Same(object a, object b) => (a, b) switch
        {
            (char x, char y) => x == y || (ignoreCase && char.ToLowerInvariant(x) == char.ToLowerInvariant(y)) ? Tri.Yes : Tri.No,
            (IamSymbol x, IamSymbol y) when x.KnownIdentity && y.KnownIdentity => x.Name == y.Name ? Tri.Yes : Tri.No,
            (IamSymbol x, IamSymbol y) when x.Name == y.Name => Tri.Yes,
            _ => Tri.Unknown,
        };
    }

    /// <summary>
    /// ArnLike/ArnEquals: the six colon-separated parts of an ARN compared one by one, wildcards inside a part only
    /// (IAM User Guide, "Amazon Resource Name (ARN) condition operators").
    /// </summary>
    public static Tri Arn(IamText pattern, IamText value)
    {
        var ps = Split(pattern);
        var vs = Split(value);
        if (ps.Count != vs.Count)
            return Tri.No;
        var result = Tri.Yes;
        for (var k = 0; k < ps.Count; k++)
            result = TriLogic.And(result, Glob(ps[k], vs[k]));
        return result;
    }

    private static List<IamText> Split(IamText text)
    {
        var parts = new List<IamText>();
        var current = new List<object>();
        foreach (var token in text.Tokens())
        {
            if (token is ':' && parts.Count < 5)
            {
                parts.Add(Join(current));
                current = [];
            }
            else
                current.Add(token);
        }

        parts.Add(Join(current));
        return parts;
    }

    private static IamText Join(List<object> tokens)
    {
        var parts = new List<object>();
        var text = new StringBuilder();
        foreach (var t in tokens)
        {
            if (t is char c)
            {
                text.Append(c);
                continue;
            }

            if (text.Length > 0)
                parts.Add(text.ToString());
            text.Clear();
            parts.Add(t);
        }

        if (text.Length > 0 || parts.Count == 0)
            parts.Add(text.ToString());
        return new IamText(parts);
    }
}
