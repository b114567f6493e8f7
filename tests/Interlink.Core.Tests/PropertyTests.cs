using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Interlink.Core.Diagnostics;
using Interlink.Core.Validation;
using Xunit.Abstractions;

namespace Interlink.Core.Tests;

/// <summary>
/// Whatever a user does to a valid file, validation never throws, and a file it does not accept always
/// carries at least one error with a stable code, a message and a fix.
/// </summary>
public partial class PropertyTests(ITestOutputHelper output)
{
    private const int Iterations = 10_000;

    private static readonly string[] Texts = RepoFiles.Examples.Select(File.ReadAllText).ToArray();

    private static readonly string[] Keys =
    [
        "name", "mode", "service", "port", "targetPort", "healthCheck", "protocol", "path", "interval", "provider", "account",
        "region", "vpc", "cidr", "azs", "privateSubnets", "privatSubnets", "subnets", "id", "azId", "routeTableId", "targets",
        "instances", "ips", "relays", "consumers", "client", "tags", "suppressions", "rule", "reason", "zzz", "Name", "<<", "$schema",
    ];

    private static readonly string[] Scalars =
    [
        "", "~", "null", "-1", "-2147483649", "0", "65536", "2147483648", "99999999999999999999999", "1e9", "3.5", "0x1F", "+80",
        "10.0.0.0/8", "10.10.0.1/16", "10.10.0.0/33", "256.1.1.1/16", "010.10.0.0/16", "10.10.0.0", "10.10.0.0/", "/16",
        "10.10.1.10", "10.10.1.0", "10.10.1.255", "8.8.8.8", "true", "false", "yes", "True", "[]", "{}", "[a, b]", "{ a: 1 }",
        "[10.10.1.0/24]", "\"quoted\"", "'single'", "\"\"", "*nowhere", "&anchor x", "!!int 5", "!tag x", "|", ">", "- x", "#",
        "@", "`", "%", "ILS999", "IL010", "use1-az3", "use1-az9", "us-east-1a", "us-west-2b", "relay", "native", "tcp", "http,https",
        "\t", ":", ": :", "? x", "vpc-0a1b2c3d", "subnet-zz", "sg-0a1b2c3d", "rtb-0a1b2c3d4e5f60001", "111111111111", "\"012345678901\"",
        "a--b", "UPPER", "x".PadRight(300, 'x'), "héllo", "\u0000", "\uFEFF",
    ];

    private static readonly string[] Junk = ["\t", ":", ": ", "\0", "\u00ff", "{", "}", "[", "]", "\"", "'", "&", "*", "!", "|", ">", "%", "@", "`", "\r", "\n---\n", "\n...\n", "\uFEFF", "#", ",", "- ", "\\", "\u2028"];

    /// <summary>One YAML-aware change; <see cref="A"/> and <see cref="B"/> pick where, <see cref="Text"/> what.</summary>
    public sealed record Mutation(MutationKind Kind, int A, int B, string Text)
    {
        public override string ToString() => $"{Kind}({A}, {B}, \"{Text.Replace("\n", "\\n", StringComparison.Ordinal)}\")";
    }

    public enum MutationKind
    {
        DeleteLine,
        DuplicateLine,
        Indent,
        Dedent,
        ReplaceScalar,
        SwapValues,
        InsertUnknownKey,
        RenameKey,
        Truncate,
        InsertJunk,
        TabIndent,
        DropAfterColon,
    }

    private static readonly Gen<string> GenScalar = Gen.Frequency(
        (6, Gen.OneOf(Scalars)),
        (2, Gen.String[Gen.Char["abcxyz019 :-_./,#&*![]{}'\"\t"], 0, 12]),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Select(Gen.Int[0, 300], Gen.Int[0, 300], Gen.Int[0, 40], (a, b, p) => $"{a}.{b}.0.0/{p}")));

    private static readonly Gen<Mutation> GenMutation =
        Gen.Select(
            Gen.Enum<MutationKind>(),
            Gen.Int[0, 1_000_000],
            Gen.Int[0, 1_000_000],
            Gen.Frequency((3, GenScalar), (1, Gen.OneOf(Keys)), (1, Gen.OneOf(Junk)), (1, Gen.Char[(char)0, (char)255].Array[1, 4].Select(c => new string(c)))),
            (kind, a, b, text) => new Mutation(kind, a, b, text));

    private static readonly Gen<(int Example, Mutation[] Mutations)> GenCase =
        Gen.Select(Gen.Int[0, Texts.Length - 1], GenMutation.Array[1, 3]);

    [Fact]
    public void Mutated_examples_never_throw_and_always_explain_why_they_fail()
    {
        var stopwatch = Stopwatch.StartNew();
        GenCase.Sample(
            c => CheckInvariants(Mutate(Texts[c.Example], c.Mutations)),
            iter: Iterations,
            print: c => $"example {Path.GetFileName(RepoFiles.Examples[c.Example])}, mutations {string.Join(", ", c.Mutations.Select(m => m.ToString()))}:\n{Mutate(Texts[c.Example], c.Mutations)}");
        output.WriteLine($"{Iterations} mutated files validated in {stopwatch.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public void The_mutations_really_break_files()
    {
        // Guards the generator: if most mutants were still valid, the property would prove little.
        var invalid = 0;
        var valid = 0;
        GenCase.Sample(c =>
        {
            if (ConfigValidator.ValidateText(Mutate(Texts[c.Example], c.Mutations), "m.yaml").IsValid)
                Interlocked.Increment(ref valid);
            else
                Interlocked.Increment(ref invalid);
        }, iter: 1_000, threads: 1);
        output.WriteLine($"{invalid} invalid, {valid} still valid");
        Assert.True(invalid > 500, $"{invalid} invalid, {valid} still valid");
    }

    [Fact]
    public void Every_mutation_kind_changes_the_text_of_some_example()
    {
        foreach (var kind in Enum.GetValues<MutationKind>())
        {
            var changed = Enumerable.Range(0, 50).Any(i => Texts.Any(t => Mutate(t, [new Mutation(kind, i * 7919, i * 104729, "zz: 1")]) != t));
            Assert.True(changed, $"{kind} never changes anything");
        }
    }

    private static void CheckInvariants(string text)
    {
        var report = ConfigValidator.ValidateText(text, "mutant.yaml");
        var lines = text.Split('\n').Length;
        foreach (var d in report.Diagnostics)
        {
            Assert.Matches(CodePattern(), d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Message), $"{d.Code} has no message");
            if (d.Severity == Severity.Error)
                Assert.False(string.IsNullOrWhiteSpace(d.Fix), $"{d.ToOneLine()} has no fix");
            if (d.Location is { } location)
                Assert.InRange(location.Line, 0, lines + 2); // YamlDotNet can place an error at end of input one line past the last
        }

        if (!report.IsValid)
            Assert.Contains(report.Diagnostics, d => d.Severity == Severity.Error && CodePattern().IsMatch(d.Code));
    }

    private static string Mutate(string text, IEnumerable<Mutation> mutations)
    {
        foreach (var m in mutations)
            text = Apply(text, m);
        return text;
    }

    private static string Apply(string text, Mutation m)
    {
        var lines = text.Split('\n').ToList();
        var i = m.A % lines.Count;
        switch (m.Kind)
        {
            case MutationKind.DeleteLine:
                lines.RemoveAt(i);
                break;
            case MutationKind.DuplicateLine:
                lines.Insert(i, lines[i]);
                break;
            case MutationKind.Indent:
                lines[i] = new string(' ', 1 + m.B % 4) + lines[i];
                break;
            case MutationKind.Dedent:
                lines[i] = lines[i][Math.Min(1 + m.B % 4, lines[i].Length - lines[i].TrimStart(' ').Length)..];
                break;
            case MutationKind.TabIndent:
                lines[i] = "\t" + lines[i];
                break;
            case MutationKind.InsertUnknownKey:
                lines.Insert(i, $"{Indentation(lines[i])}{Key(m)}: {m.Text}");
                break;
            case MutationKind.ReplaceScalar:
                return ReplaceMatch(text, ScalarValue(), m.A, m.Text);
            case MutationKind.RenameKey:
                return ReplaceMatch(text, KeyName(), m.A, Key(m));
            case MutationKind.SwapValues:
                return SwapValues(text, m);
            case MutationKind.Truncate:
                return text[..(m.A % (text.Length + 1))];
            case MutationKind.InsertJunk:
                var at = m.A % (text.Length + 1);
                return text[..at] + m.Text + text[at..];
            case MutationKind.DropAfterColon:
                return ReplaceMatch(text, AfterColon(), m.A, "");
        }

        return string.Join('\n', lines);
    }

    private static string Key(Mutation m) => Keys[m.B % Keys.Length] is var key && m.B % 3 == 0 && key.Length > 2
        ? key.Remove(m.B % key.Length, 1) // a typo of a real key
        : key;

    private static string Indentation(string line) => line[..(line.Length - line.TrimStart(' ', '-').Length)].Replace('-', ' ');

    private static string ReplaceMatch(string text, Regex regex, int pick, string replacement)
    {
        var matches = regex.Matches(text);
        if (matches.Count == 0)
            return text;
        var match = matches[pick % matches.Count];
        return text[..match.Index] + replacement + text[(match.Index + match.Length)..];
    }

    private static string SwapValues(string text, Mutation m)
    {
        var matches = ScalarValue().Matches(text);
        if (matches.Count < 2)
            return text;
        var (x, y) = (matches[m.A % matches.Count], matches[m.B % matches.Count]);
        if (x.Index == y.Index)
            return text;
        if (x.Index > y.Index)
            (x, y) = (y, x);
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, x.Index).Append(y.Value)
          .Append(text, x.Index + x.Length, y.Index - x.Index - x.Length).Append(x.Value)
          .Append(text, y.Index + y.Length, text.Length - y.Index - y.Length);
        return sb.ToString();
    }

    [GeneratedRegex("^IL[0-9]{3}$")]
    private static partial Regex CodePattern();

    // A scalar value: after "key: ", "[", ", " or "- ", up to the next flow delimiter, comment or line end.
    [GeneratedRegex(@"(?<=(?:: |\[|, |- ))[^\s,\[\]{}#][^,\[\]{}#\n]*?(?=\s*(?:[,\]}\n]|#|$))")]
    private static partial Regex ScalarValue();

    // A key: a word followed by ':' and a space or line end.
    [GeneratedRegex(@"[A-Za-z$][A-Za-z0-9_$]*(?=:(?: |$))", RegexOptions.Multiline)]
    private static partial Regex KeyName();

    [GeneratedRegex(@"(?<=: )[^\n]*")]
    private static partial Regex AfterColon();
}
