using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Interlink.Core.Loading;

/// <summary>What exceeded a limit, and where.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is too big.</param>
/// <param name="Fix">What to do.</param>
internal sealed record LimitBreach(int Line, int Column, string Message, string Fix);

/// <summary>
/// Walks YamlDotNet's event stream — a loop, never recursion, and aliases are only names there — before the
/// tree is built: the exact nesting depth, the number of values once every alias is expanded (each alias counts
/// as the size of what it names, so a billion laughs is caught after a few hundred events, not after a minute
/// and 7 GB of hashing expanded keys), and the longest value.
/// </summary>
internal static class YamlEventGuard
{
    public static LimitBreach? Check(string text, InputLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        // For each open collection: its anchor (or null) and how many values it holds, aliases expanded.
        var open = new Stack<(string? Anchor, long Size)>();
        long total = 0;
        var expandedByAliases = false;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            long added; // to the enclosing collection's size and to the total
            var ended = false;
            switch (current)
            {
                case SequenceStart or MappingStart:
                    var anchor = ((NodeEvent)current).Anchor;
                    open.Push((anchor.IsEmpty ? null : anchor.Value, 1));
                    total++;
                    if (open.Count > limits.MaxDepth)
                        return Breach(current, $"the values are nested more than {limits.MaxDepth} levels deep",
                            "a design is a few levels deep; look for a run of '[', '{' or '- ' near that line");
                    continue;
                case SequenceEnd or MappingEnd:
                    var (closedAnchor, size) = open.Pop();
                    if (closedAnchor is not null)
                        anchors[closedAnchor] = size;
                    added = size;
                    ended = true;
                    break;
                case Scalar scalar:
                    if (scalar.Value.Length > limits.MaxScalarLength)
                        return Breach(current, $"a value is {scalar.Value.Length:N0} characters long (the limit is {limits.MaxScalarLength:N0})",
                            "no setting of a design is that long; check for a missing closing quote");
                    if (!scalar.Anchor.IsEmpty)
                        anchors[scalar.Anchor.Value] = 1;
                    added = 1;
                    break;
                case AnchorAlias alias:
                    added = anchors.GetValueOrDefault(alias.Value.Value, 1);
                    break;
                default:
                    continue;
            }

            if (!ended)
                total += added;
            if (open.Count > 0)
            {
                var (a, s) = open.Pop();
                open.Push((a, s + added));
            }

            if (current is AnchorAlias && added > 1)
                expandedByAliases = true;
            if (total > limits.MaxNodes)
                return expandedByAliases
                    ? Breach(current, $"the file expands to more than {limits.MaxNodes:N0} values once its aliases ('*name') are expanded",
                        "use each anchor ('&name') for a small shared value, not aliases of aliases")
                    : Breach(current, $"the file holds more than {limits.MaxNodes:N0} values", "split the design into several files");
        }

        return null;
    }

    private static LimitBreach Breach(ParsingEvent at, string message, string fix) =>
        new((int)at.Start.Line, (int)at.Start.Column, message, fix);
}
