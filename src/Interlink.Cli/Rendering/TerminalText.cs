using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Interlink.Cli.Rendering;

/// <summary>
/// The one place that makes text safe to print: control characters that a config value (or a hand-edited
/// assembly) could carry into our output are shown as <c>\uXXXX</c> instead of acting on the terminal. ESC starts
/// escape sequences (colour, cursor movement that can overwrite a line with a fake "valid"), BEL rings, CR returns
/// to the start of the line, C1 controls are 8-bit escape sequences, and the Unicode bidirectional controls
/// reorder what is displayed (CVE-2021-42574, "Trojan Source"). Newline and tab are kept. The notation is also a
/// valid JSON string escape, so JSON reports stay JSON.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text) => Escape(text, oneLine: false);

    /// <summary>
    /// For text that must stay one line (a finding, an error): newlines and tabs are escaped too, so a value cannot
    /// start a line of its own that looks like our output.
    /// </summary>
    public static string EscapeLine(string text) => Escape(text, oneLine: true);

    private static string Escape(string text, bool oneLine)
    {
        var first = IndexOfUnsafe(text, oneLine);
        if (first < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]) || (oneLine && text[i] is '\n' or '\t'))
                escaped.Append("\\u").Append(((int)text[i]).ToString("X4", CultureInfo.InvariantCulture));
            else
                escaped.Append(text[i]);
        }

        return escaped.ToString();
    }

    /// <summary>Whether <paramref name="c"/> acts on a terminal or on how text is displayed.</summary>
    public static bool IsUnsafe(char c) =>
        c switch
        {
            '\n' or '\t' => false,
            < ' ' => true,                           // C0: ESC, BEL, CR, backspace…
            >= '\u007F' and <= '\u009F' => true,     // DEL and C1 (CSI is U+009B)
            '\u061C' or '\u200E' or '\u200F' => true, // Arabic letter mark, LRM, RLM
            >= '\u202A' and <= '\u202E' => true,     // LRE, RLE, PDF, LRO, RLO
            >= '\u2066' and <= '\u2069' => true,     // LRI, RLI, FSI, PDI
            _ => false,
        };

    private static int IndexOfUnsafe(string text, bool oneLine = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]) || (oneLine && text[i] is '\n' or '\t'))
                return i;
        }

        return -1;
    }

    /// <summary>Makes every later write to <paramref name="console"/> escape unsafe characters (Spectre's own styling is untouched).</summary>
    public static void Guard(IAnsiConsole console) => console.Pipeline.Attach(new EscapingHook());

    private sealed class EscapingHook : IRenderHook
    {
        public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
            renderables.Select(r => (IRenderable)new Escaped(r));
    }

    private sealed class Escaped(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            inner.Render(options, maxWidth).Select(s =>
                s.IsControlCode || s.IsLineBreak || IndexOfUnsafe(s.Text) < 0 ? s : new Segment(Escape(s.Text), s.Style));
    }
}
