namespace Interlink.Core.Loading;

/// <summary>
/// A look at the raw text before YamlDotNet sees it: the deepest nesting of flow collections (<c>[</c>, <c>{</c>)
/// and of block indicators (<c>- - -</c>, indentation). YamlDotNet builds its tree recursively and 30,000 nested
/// '[' overflow the stack, which ends the process however it is called. This scan is deliberately approximate
/// — it knows quotes, comments and block scalars, not all of YAML — and errs towards counting more; the exact
/// depth is checked again on the parser's events before any tree is built (<see cref="YamlEventGuard"/>).
/// </summary>
internal static class YamlPrescan
{
    /// <summary>The first line where nesting exceeds <paramref name="maxDepth"/>, or null.</summary>
    public static int? LineBeyondDepth(string text, int maxDepth)
    {
        var indents = new Stack<int>();
        var flow = 0;
        var line = 1;
        var blockScalarIndent = -1;
        var i = 0;
        while (i < text.Length)
        {
            var end = text.IndexOf('\n', i);
            if (end < 0)
                end = text.Length;
            var indent = 0;
            while (i + indent < end && text[i + indent] == ' ')
                indent++;
            var blank = i + indent >= end || text[i + indent] is '\r' or '#';
            if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent))
            {
                // Inside a literal or folded block scalar: its lines are text.
            }
            else if (!blank)
            {
                blockScalarIndent = -1;
                if (flow == 0)
                {
                    while (indents.Count > 0 && indents.Peek() >= indent)
                        indents.Pop();
                    indents.Push(indent);
                }

                var (depth, opensBlockScalar) = ScanLine(text, i + indent, end, indents, ref flow);
                if (depth > maxDepth)
                    return line;
                if (opensBlockScalar)
                    blockScalarIndent = indent;
            }

            i = end + 1;
            line++;
        }

        return null;
    }

    /// <summary>Scans one line from its first character; returns the deepest nesting on it.</summary>
    private static (int Depth, bool OpensBlockScalar) ScanLine(string text, int start, int end, Stack<int> indents, ref int flow)
    {
        var deepest = indents.Count + flow;
        var atNodeStart = true;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r')
            {
                i++;
                continue;
            }

            if (c == '#' && (i == start || text[i - 1] is ' ' or '\t'))
                break;
            if (atNodeStart)
            {
                if (c is '[' or '{')
                {
                    flow++;
                    deepest = Math.Max(deepest, indents.Count + flow);
                    i++;
                    continue;
                }

                if (flow == 0 && c is '-' or '?' or ':' && (i + 1 == end || text[i + 1] is ' ' or '\t' or '\r'))
                {
                    // "- - - x" nests one block collection per indicator on a single line.
                    indents.Push(i - LineStart(text, i) + 1);
                    deepest = Math.Max(deepest, indents.Count);
                    i++;
                    continue;
                }

                if (c is '&' or '!')
                {
                    while (i < end && text[i] is not (' ' or '\t'))
                        i++;
                    continue;
                }

                if (c is '"' or '\'')
                {
                    i = SkipQuoted(text, i, end);
                    atNodeStart = false;
                    continue;
                }

                if (flow == 0 && c is '|' or '>')
                    return (deepest, true);
            }

            if (flow > 0 && c is ']' or '}')
            {
                flow--;
                atNodeStart = false;
            }
            else if (flow > 0 && c is ',' or '[' or '{')
            {
                if (c != ',')
                {
                    flow++;
                    deepest = Math.Max(deepest, indents.Count + flow);
                }

                atNodeStart = true;
            }
            else if (c == ':' && (i + 1 == end || text[i + 1] is ' ' or '\t' or '\r' || flow > 0))
            {
                atNodeStart = true;
            }
            else
            {
                atNodeStart = false;
            }

            i++;
        }

        return (deepest, false);
    }

    private static int LineStart(string text, int i)
    {
        var newline = text.LastIndexOf('\n', i);
        return newline + 1;
    }

    /// <summary>Past the closing quote on this line (a quoted value spanning lines ends the scan of this one).</summary>
    private static int SkipQuoted(string text, int i, int end)
    {
        var quote = text[i];
        i++;
        while (i < end)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < end && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return end;
    }
}
