namespace Interlink.Core.Loading;

/// <summary>A line whose indentation YAML cannot accept: where, what was expected there, and the fix.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column of the first character out of place (the key, the '-', or the tab).</param>
/// <param name="Message">What is wrong and what the lines around it expect.</param>
/// <param name="Fix">The indentation to use, by example.</param>
/// <param name="IsTab">Whether the problem is a tab in the indentation (YamlDotNet places those at the top of the file).</param>
internal sealed record IndentationProblem(int Line, int Column, string Message, string Fix, bool IsTab = false);

/// <summary>
/// Names the first line whose indentation breaks the block structure of a YAML file — a key one space too far
/// or too short, a '-' item out of line with its list, a tab — with what the surrounding lines expect.
/// YamlDotNet says "did not find expected key" or "found invalid mapping" and sometimes places it one line late
/// (at the line after a misaligned '-'). This is a line model of block YAML (mappings, lists, flow values on
/// their lines, block scalars, comments), not a parser: it is asked only after YamlDotNet has rejected the file,
/// and it gives up (null) on anything it does not model, so the caller falls back to YamlDotNet's own words.
/// </summary>
internal static class YamlIndentation
{
    private enum Kind
    {
        Mapping,
        Sequence,
    }

    /// <summary>An open block collection: its indentation, what it is, and its latest entry (the example to follow).</summary>
    private sealed class Level(int indent, Kind kind, string path, int parentIndent)
    {
        public int Indent { get; } = indent;
        public int ParentIndent { get; } = parentIndent;
        public Kind Kind { get; } = kind;
        public string Path { get; } = path;
        public int Items { get; set; }
        public int Entries { get; set; }
        public int LastLine { get; set; }
        public string? LastKey { get; set; }

        public string Describe() => Kind == Kind.Sequence
            ? $"the items ('-') of {Path}"
            : Path.Length == 0 ? "the top-level keys" : $"the keys of {Path}";

        public string Example() => Kind == Kind.Sequence ? $"the '-' on line {LastLine}" : $"'{LastKey}' on line {LastLine}";
    }

    /// <summary>A key or '-' that ended its line without a value: the next deeper line opens its block.</summary>
    private sealed record Pending(int ParentIndent, string Path, bool FromKey, int Line, string Name);

    /// <summary>The first indentation problem in <paramref name="text"/>, or null when there is none it can name.</summary>
    public static IndentationProblem? Find(string text)
    {
        var lines = text.Split('\n');
        var stack = new List<Level>();
        var steps = new Dictionary<int, int>(); // how far the file indents a block under its key, and how often
        Pending? pending = new(-1, "", FromKey: false, 0, "");
        var blockScalarParent = -1;  // indentation of the key that opened a '|' or '>' block, while inside it
        var scalarOwner = -1;        // indentation of the line whose plain value may continue on deeper lines
        var flowDepth = 0;
        char? openQuote = null;

        for (var n = 1; n <= lines.Length; n++)
        {
            var line = lines[n - 1].TrimEnd('\r');
            var leading = line.Length - line.TrimStart(' ', '\t').Length;
            var content = line[leading..];
            var blank = content.Length == 0 || content[0] == '#';

            if (blockScalarParent >= 0)
            {
                // A block scalar's lines are indented with spaces; a tab after them is text.
                if (blank || line.Length - line.TrimStart(' ').Length > blockScalarParent)
                    continue;
                blockScalarParent = -1;
            }

            if (flowDepth > 0 || openQuote is not null)
            {
                // Inside a '[', '{' or a quoted value spanning lines: YAML is lenient there and so is this model.
                ScanValue(line, 0, ref flowDepth, ref openQuote);
                continue;
            }

            if (blank)
                continue;
            var tab = line.IndexOf('\t', 0, leading);
            if (tab >= 0)
                return TabProblem(n, tab + 1, KeyOf(content)?.Key, stack, pending);
            if (leading == 0 && (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("...", StringComparison.Ordinal) || content[0] == '%'))
                return null; // several documents or directives: not modelled

            var indent = leading;
            var isDash = IsDash(content);
            var key = isDash ? null : KeyOf(content);
            if (!isDash && key is null && content[0] is '?' or '!' or '&' or '*')
                return null; // explicit keys, tags and anchors on their own lines: not modelled

            if (pending is not null)
            {
                var opener = pending;
                pending = null;
                if (indent > opener.ParentIndent)
                {
                    if (isDash || key is not null)
                    {
                        stack.Add(new Level(indent, isDash ? Kind.Sequence : Kind.Mapping, opener.Path, opener.ParentIndent));
                        if (!isDash && opener.ParentIndent >= 0)
                            steps[indent - opener.ParentIndent] = steps.GetValueOrDefault(indent - opener.ParentIndent) + 1;
                    }
                    else
                    {
                        // A value on the line after its key (a scalar or a flow collection).
                        scalarOwner = opener.ParentIndent;
                        ScanValue(content, 0, ref flowDepth, ref openQuote);
                        continue;
                    }
                }
                else if (indent == opener.ParentIndent && isDash && opener.FromKey)
                {
                    stack.Add(new Level(indent, Kind.Sequence, opener.Path, opener.ParentIndent)); // "key:" then "- item" at the key's indentation
                }
            }

            if (indent > scalarOwner && scalarOwner >= 0 && !isDash && key is null)
                continue; // a plain value continued on a deeper line
            scalarOwner = -1;

            var closed = new List<Level>();
            while (stack.Count > 0 && stack[^1].Indent > indent)
            {
                closed.Add(stack[^1]);
                stack.RemoveAt(stack.Count - 1);
            }

            // A list written at its key's indentation ends where the next key of that mapping starts.
            if (stack.Count > 1 && stack[^1].Indent == indent && stack[^1].Kind == Kind.Sequence && key is not null
                && stack[^2].Indent == indent && stack[^2].Kind == Kind.Mapping)
                stack.RemoveAt(stack.Count - 1);

            var top = stack.Count > 0 ? stack[^1] : null;
            if (top is null || top.Indent != indent)
                return Misplaced(n, indent, isDash, key, top, closed, steps.Count == 0 ? 2 : steps.MaxBy(s => s.Value).Key);
            if ((top.Kind == Kind.Sequence) != isDash || !isDash && key is null)
                return null; // a '-' among keys, a key among items, a value without its key: not an indentation slip

            // The line is a member of `top`; a '-' may carry a key (or another '-') after it.
            var column = indent;
            var rest = content;
            var level = top;
            while (true)
            {
                level.LastLine = n;
                level.Entries++;
                if (level.Kind == Kind.Sequence)
                {
                    var item = $"{level.Path}[{level.Items}]";
                    level.Items++;
                    var after = rest.Length == 1 ? rest.Length : 1 + rest[1..].Length - rest[1..].TrimStart(' ').Length;
                    if (after >= rest.Length || rest[after] == '#')
                    {
                        pending = new Pending(column, item, FromKey: false, n, "-");
                        break;
                    }

                    column += after;
                    rest = rest[after..];
                    if (IsDash(rest))
                    {
                        level = new Level(column, Kind.Sequence, item, level.Indent);
                        stack.Add(level);
                        continue;
                    }

                    if (KeyOf(rest) is { } itemKey)
                    {
                        level = new Level(column, Kind.Mapping, item, level.Indent);
                        stack.Add(level);
                        key = itemKey;
                        continue;
                    }

                    if (rest[0] is '|' or '>')
                        blockScalarParent = level.Indent;
                    else
                    {
                        scalarOwner = indent;
                        ScanValue(rest, 0, ref flowDepth, ref openQuote);
                    }

                    break;
                }

                var (name, valueAt) = key!.Value;
                level.LastKey = name;
                var value = SkipProperties(rest, valueAt);
                var path = level.Path.Length == 0 ? name : $"{level.Path}.{name}";
                if (value >= rest.Length || rest[value] == '#')
                    pending = new Pending(column, path, FromKey: true, n, name);
                else if (rest[value] is '|' or '>')
                    blockScalarParent = column;
                else
                {
                    scalarOwner = column;
                    ScanValue(rest, value, ref flowDepth, ref openQuote);
                }

                break;
            }
        }

        return null;
    }

    /// <summary>The line's indentation matches no open block: deeper than its block allows, or between two of them.</summary>
    private static IndentationProblem? Misplaced(int line, int indent, bool isDash, (string Key, int ValueAt)? key, Level? top, List<Level> closed, int step)
    {
        // Candidates the line could belong to: the blocks it just left and the one it is now inside, of its kind.
        var wanted = isDash ? Kind.Sequence : Kind.Mapping;
        var candidates = closed.Append(top).OfType<Level>().Where(l => l.Kind == wanted && l.LastLine > 0).ToList();
        if (candidates.Count == 0)
            return null;
        var what = isDash ? "this '-' item" : key is { } k ? $"'{k.Key}'" : "this line";
        var best = candidates.OrderBy(l => Math.Abs(l.Indent - indent)).ThenByDescending(l => l.Indent).First();
        var others = candidates.Where(l => l != best).OrderBy(l => Math.Abs(l.Indent - indent)).Take(1)
            .Select(l => $", {l.Describe()} {Spaces(l.Indent)}").FirstOrDefault() ?? "";
        var where = closed.Count == 0
            ? $"but {best.Describe()} around it are indented {Spaces(best.Indent)} (like {best.Example()})"
            : $"which lines up with no block around it: {best.Describe()} are indented {Spaces(best.Indent)} (like {best.Example()}){others}";
        // A block's first entry sets its indentation: when it has only that one, and it is off the file's usual
        // step while this line is on it, the first entry is the likelier slip.
        var orFirst = best.Entries == 1 && best.Kind == Kind.Mapping && best.ParentIndent >= 0
            && best.Indent - best.ParentIndent != step && indent - best.ParentIndent == step
            ? $", or, if '{best.LastKey}' on line {best.LastLine} is the one out of line, move it to column {indent + 1}"
            : "";
        return new IndentationProblem(line, indent + 1, $"bad indentation: {what} is indented {Spaces(indent)}, {where}",
            $"{Indent(what, best.Indent)}, the same as {best.Example()}{orFirst}");
    }

    private static IndentationProblem TabProblem(int line, int column, string? key, List<Level> stack, Pending? pending)
    {
        // How wide the user's editor draws a tab is unknown, so offer the levels the line can mean, innermost first.
        var what = key is null ? $"line {line}" : $"'{key}'";
        var options = stack.Where(l => l.LastLine > 0).Reverse()
            .Select(l => $"{(l.Indent == 0 ? "at the line start" : Spaces(l.Indent))} like {l.Example()}");
        if (pending is { Line: > 0 })
            options = options.Prepend($"{Spaces(pending.ParentIndent + 2)} to put it inside '{pending.Name}' on line {pending.Line}");
        var choices = options.Take(2).ToList();
        var expected = choices.Count == 0 ? "" : ": " + string.Join(", or ", choices);
        return new IndentationProblem(line, column,
            $"bad indentation: {what} is indented with a tab",
            $"replace the tab with spaces (YAML allows no tabs in indentation){expected}", IsTab: true);
    }

    private static string Indent(string what, int spaces) => spaces == 0 ? $"start {what} at the beginning of the line" : $"indent {what} {Spaces(spaces)}";

    private static string Spaces(int count) => count == 1 ? "1 space" : $"{count} spaces";

    private static bool IsDash(string content) => content.Length > 0 && content[0] == '-' && (content.Length == 1 || content[1] is ' ' or '\t');

    /// <summary>The key a line starts with and the index after its ':'; null when the line is not "key: …".</summary>
    private static (string Key, int ValueAt)? KeyOf(string content)
    {
        if (content.Length == 0 || content[0] is '[' or '{' or '#' or '|' or '>' or '?')
            return null;
        int end;
        string name;
        if (content[0] is '"' or '\'')
        {
            var close = content.IndexOf(content[0], 1);
            if (close < 0)
                return null;
            name = content[1..close];
            end = close + 1;
            while (end < content.Length && content[end] == ' ')
                end++;
            if (end >= content.Length || content[end] != ':')
                return null;
        }
        else
        {
            end = 0;
            while (end < content.Length && !(content[end] == ':' && (end + 1 == content.Length || content[end + 1] is ' ' or '\t')))
            {
                if (content[end] == '#' && end > 0 && content[end - 1] is ' ' or '\t')
                    return null;
                end++;
            }

            if (end >= content.Length)
                return null;
            name = content[..end].TrimEnd();
        }

        return name.Length == 0 ? null : (name, end + 1);
    }

    /// <summary>Past the spaces and any anchor ('&amp;a') or tag ('!t') in front of a value.</summary>
    private static int SkipProperties(string text, int at)
    {
        while (true)
        {
            while (at < text.Length && text[at] is ' ' or '\t')
                at++;
            if (at >= text.Length || text[at] is not ('&' or '!'))
                return at;
            while (at < text.Length && text[at] is not (' ' or '\t'))
                at++;
        }
    }

    /// <summary>Follows brackets and quotes through a value so that a '[' or a quote left open carries to the next lines.</summary>
    private static void ScanValue(string text, int at, ref int flowDepth, ref char? openQuote)
    {
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (openQuote is { } quote)
            {
                if (quote == '"' && c == '\\')
                    i++;
                else if (c == quote && quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    i++;
                else if (c == quote)
                    openQuote = null;
                continue;
            }

            if (flowDepth == 0 && i > at)
                return; // a plain value, or what follows a closed quote or bracket: nothing carries over
            if (c is '"' or '\'' && (i == at || text[i - 1] is ' ' or '[' or '{' or ','))
                openQuote = c;
            else if (c is '[' or '{')
                flowDepth++;
            else if (c is ']' or '}' && flowDepth > 0)
                flowDepth--;
            else if (c == '#' && i > 0 && text[i - 1] is ' ' or '\t')
                return;
        }
    }
}
