using System.Text;
using System.Text.RegularExpressions;

namespace Interlink.Cdk.Tests.Support;

/// <summary>Where in a bash script a deploy-time value lands, and whether bash evaluates it there.</summary>
/// <param name="Variable">The <c>Fn::Sub</c> variable (or <c>@ref</c> for a value joined in by <c>Fn::Join</c>).</param>
/// <param name="Line">1-based script line.</param>
/// <param name="Context">unquoted, double-quoted, single-quoted, heredoc (unquoted delimiter: expanded), quoted-heredoc, comment.</param>
public sealed record Substitution(string Variable, int Line, string Context)
{
    /// <summary>
    /// Only the body of a heredoc with a quoted delimiter is copied verbatim by bash (bash manual, "Here Documents").
    /// Everything else is expanded (unquoted, double quotes, unquoted heredoc) or breakable by a quote in the value
    /// (single quotes). A comment is not evaluated, and no allowed value has the line break that would end it.
    /// </summary>
    public bool Evaluated => Context is not ("quoted-heredoc" or "comment");

    public override string ToString() => $"${{{Variable}}} on line {Line} ({Context})";
}

/// <summary>
/// A small bash lexer for the scripts Interlink writes: it follows quotes, comments and heredocs, enough to tell
/// in which context each <c>${Var}</c> that CloudFormation substitutes ends up.
/// </summary>
public static partial class ShellContexts
{
    /// <summary>The script text of a <c>UserData</c> value, with every CloudFormation substitution as <c>${Name}</c>.</summary>
    public static string ScriptOf(JsonElement userData)
    {
        var refs = 0;
        return Flatten(userData, ref refs);
    }

    private static string Flatten(JsonElement value, ref int refs)
    {
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString()!;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::Base64", out var inner))
            return Flatten(inner, ref refs);
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::Sub", out var sub))
            return sub.ValueKind == JsonValueKind.Array ? sub[0].GetString()! : sub.GetString()!;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::Join", out var join))
        {
            var text = new StringBuilder();
            foreach (var part in join[1].EnumerateArray())
                text.Append(part.ValueKind == JsonValueKind.String ? part.GetString() : $"${{@ref{++refs}}}");
            return text.ToString();
        }

        return $"${{@ref{++refs}}}";
    }

    /// <summary>Every <c>${Var}</c> of <paramref name="script"/> (not <c>${!Literal}</c>) with its context.</summary>
    public static IReadOnlyList<Substitution> Of(string script)
    {
        var found = new List<Substitution>();
        var lines = script.Split('\n');
        string? heredoc = null;
        var heredocQuoted = false;
        var quote = '\0';
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (heredoc is not null)
            {
                if (line == heredoc)
                {
                    heredoc = null;
                    continue;
                }

                foreach (Match m in Variable().Matches(line))
                    found.Add(new Substitution(m.Groups[1].Value, n + 1, heredocQuoted ? "quoted-heredoc" : "heredoc"));
                continue;
            }

            string? opened = null;
            var openedQuoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (Variable().Match(line, i) is { Success: true } v && v.Index == i)
                {
                    found.Add(new Substitution(v.Groups[1].Value, n + 1, quote switch { '\'' => "single-quoted", '"' => "double-quoted", _ => "unquoted" }));
                    i += v.Length - 1;
                    continue;
                }

                if (quote == '\'')
                {
                    if (c == '\'')
                        quote = '\0';
                    continue;
                }

                if (c == '\\')
                {
                    i++;
                    continue;
                }

                if (quote == '"')
                {
                    if (c == '"')
                        quote = '\0';
                    continue;
                }

                if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                {
                    foreach (Match m in Variable().Matches(line[i..]))
                        found.Add(new Substitution(m.Groups[1].Value, n + 1, "comment"));
                    break;
                }
                else if (c == '<' && i + 1 < line.Length && line[i + 1] == '<' && Heredoc().Match(line, i) is { Success: true } h && h.Index == i)
                {
                    opened = h.Groups["word"].Value;
                    openedQuoted = h.Groups["q"].Success || h.Groups["bs"].Success;
                    i += h.Length - 1;
                }
            }

            if (opened is not null)
            {
                heredoc = opened;
                heredocQuoted = openedQuoted;
            }
        }

        return found;
    }

    [GeneratedRegex(@"\$\{([^!}][^}]*)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"<<-?\s*(?:(?<q>['""])(?<word>[A-Za-z_][A-Za-z0-9_]*)\k<q>|(?<bs>\\)(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<word>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Heredoc();
}
