using Interlink.Core.Diagnostics;
using Interlink.Core.IO;
using Interlink.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Interlink.Core.Loading;

/// <summary>Reads <c>interlink.yaml</c> into an <see cref="InterlinkConfig"/>, reporting every problem with its position.</summary>
public static class ConfigLoader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static LoadResult LoadFile(string path) => LoadFile(path, InputLimits.Default);

    /// <summary>Reads the file at <paramref name="path"/> within <paramref name="limits"/>.</summary>
    public static LoadResult LoadFile(string path, InputLimits limits)
    {
        string text;
        try
        {
            // Only a regular file: a directory cannot be read, a FIFO waits for a writer for ever and /dev/zero
            // never ends. The type is asked of the file system without opening the path.
            var facts = FileFacts.Of(path, followLinks: true);
            if (facts.Kind is not (FileKind.Regular or FileKind.Missing))
                return Unreadable(path, $"is {FileFacts.Describe(facts.Kind)}, not a regular file",
                    facts.Kind == FileKind.Directory ? $"pass a file inside it, e.g. {Path.Combine(path, DefaultFileName)}" : null);
            if (ReadBounded(path, limits.MaxBytes) is not { } read)
                return TooLarge(path, limits);
            text = read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({e.Message})";
            return Unreadable(path, why, null);
        }

        return LoadText(text, path, limits);
    }

    private const string DefaultFileName = "interlink.yaml";

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes; null when the file holds more.</summary>
    private static string? ReadBounded(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
                return null;
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static LoadResult Unreadable(string path, string why, string? fix)
    {
        var bag = new DiagnosticBag(new SourceMap(path));
        bag.Error(LoadCodes.FileUnreadable, "", $"'{path}' {why}",
            fix ?? "pass the path of an interlink.yaml, or run 'interlink init' to write one");
        return new LoadResult(null, bag);
    }

    private static LoadResult TooLarge(string name, InputLimits limits)
    {
        var bag = new DiagnosticBag(new SourceMap(name));
        bag.SourceMap.Record("", 1, 1);
        bag.Error(LoadCodes.InputLimit, "", $"'{name}' is larger than {limits.MaxBytes:N0} bytes, the limit for a config",
            $"a design is a few kilobytes; if yours really is larger, set {InputLimits.MaxBytesVariable} to the size in bytes");
        return new LoadResult(null, bag);
    }

    /// <summary>Reads config <paramref name="text"/>; <paramref name="fileName"/> is used in locations.</summary>
    public static LoadResult LoadText(string text, string fileName) => LoadText(text, fileName, InputLimits.Default);

    /// <summary>Reads config <paramref name="text"/> within <paramref name="limits"/>.</summary>
    public static LoadResult LoadText(string text, string fileName, InputLimits limits)
    {
        if (text.Length > limits.MaxBytes)
            return TooLarge(fileName, limits);
        var diagnostics = new DiagnosticBag(new SourceMap(fileName));
        if (Guard(text, limits) is { } breach)
        {
            diagnostics.SourceMap.Record("", breach.Line, breach.Column);
            diagnostics.Error(LoadCodes.InputLimit, "", $"{breach.Message}", breach.Fix);
            return new LoadResult(null, diagnostics);
        }

        var root = Parse(text, diagnostics);
        var config = root is null ? null : ConfigReader.Read(root, diagnostics);
        return new LoadResult(config, diagnostics);
    }

    /// <summary>
    /// The limits, in two passes before any tree is built: the raw text (YamlDotNet never sees a file nested past
    /// the limit), then the parser's event stream (exact depth, aliases expanded, value length). A syntax error
    /// in the event pass is left for <see cref="Parse"/> to report with its usual explanation.
    /// </summary>
    private static LimitBreach? Guard(string text, InputLimits limits)
    {
        if (YamlPrescan.LineBeyondDepth(text, limits.MaxDepth) is { } line)
            return new LimitBreach(line, 1, $"the values are nested more than {limits.MaxDepth} levels deep",
                "a design is a few levels deep; look for a run of '[', '{' or '- ' near that line");
        try
        {
            return YamlEventGuard.Check(text, limits);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static YamlNode? Parse(string text, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            var column = (int)e.Start.Column;
            // YamlDotNet says "did not find expected key" at the enclosing block, or one line late after a
            // misaligned '-', and places a tab at 1:1: name the line whose indentation is wrong and what the
            // lines around it use. Only a problem at or before YamlDotNet's position can be the cause.
            var tabbed = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase);
            if (YamlIndentation.Find(text) is { } indentation && (indentation.Line <= line || tabbed && indentation.IsTab))
            {
                diagnostics.SourceMap.Record("", indentation.Line, indentation.Column);
                diagnostics.Report(LoadCodes.YamlSyntax, Severity.Error, "", indentation.Message, indentation.Fix);
                return null;
            }

            if (tabbed && FirstTabIndent(text) is { } tab)
                (line, column) = tab;
            var (code, message, fix) = Explain(e, KeyAt(text, line, column));
            diagnostics.SourceMap.Record("", line, column);
            diagnostics.Report(code, Severity.Error, "", $"{message} at line {line}, column {column}", fix);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this instead of a YamlException for some malformed input, e.g. a '[' list
            // that is not closed before the next line: report it at the last value it could read.
            ReportAtParser(parser, diagnostics, "", "check for an unclosed '[' or '{' and the ':' after each key near that line");
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet throws this instead of a YamlException for a malformed tag, e.g. '!!b[x' ("Global tags must be valid URIs").
            ReportAtParser(parser, diagnostics, ": a '!' tag is malformed", "quote values that start with '!', '&' or '*', e.g. \"!value\"");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            // Point at the second document, or at the top of an empty file, rather than at no line at all.
            if (stream.Documents.Count > 1)
                MappingReader.Record(stream.Documents[1].RootNode, "", diagnostics);
            else
                diagnostics.SourceMap.Record("", 1, 1);
            diagnostics.Error(LoadCodes.DocumentCount, "",
                stream.Documents.Count == 0 ? "the file is empty" : $"the file holds {stream.Documents.Count} YAML documents",
                stream.Documents.Count == 0 ? "run 'interlink init' to write a starter file" : "keep one design per file (remove the '---' separators)");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static void ReportAtParser(Parser parser, DiagnosticBag diagnostics, string detail, string fix)
    {
        var line = (int)(parser.Current?.Start.Line ?? 1);
        var column = (int)(parser.Current?.Start.Column ?? 1);
        diagnostics.SourceMap.Record("", line, column);
        diagnostics.Report(LoadCodes.YamlSyntax, Severity.Error, "", $"not valid YAML near line {line}, column {column}{detail}", fix);
    }

    /// <summary>The mapping key written at 1-based <paramref name="line"/> and <paramref name="column"/>, unquoted; null when none is there.</summary>
    internal static string? KeyAt(string text, int line, int column)
    {
        var lines = text.Split('\n');
        if (line < 1 || line > lines.Length || column < 1 || column > lines[line - 1].Length)
            return null;
        var rest = lines[line - 1][(column - 1)..].TrimEnd('\r');
        if (rest.Length > 0 && rest[0] is '"' or '\'')
        {
            var close = rest.IndexOf(rest[0], 1);
            return close > 0 ? rest[1..close] : null;
        }

        var end = 0;
        while (end < rest.Length && !(rest[end] == ':' && (end + 1 == rest.Length || rest[end + 1] is ' ' or '\t')) && rest[end] is not (',' or '}'))
            end++;
        var key = rest[..end].Trim();
        return key.Length is > 0 and <= 100 ? key : null;
    }

    private static (int Line, int Column)? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return (i + 1, tab + 1);
        }

        return null;
    }

    private static (string Code, string Message, string Fix) Explain(YamlException e, string? keyAtError)
    {
        // YamlDotNet reports a repeated key as an ArgumentException wrapped in a YamlException, positioned at the
        // second occurrence of the key: name it from the text there, so the user need not count columns.
        var text = e.InnerException?.Message ?? e.Message;
        if (text.Contains("same key", StringComparison.OrdinalIgnoreCase) || text.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            return keyAtError is { Length: > 0 } key
                ? (LoadCodes.DuplicateKey, $"the key '{key}' appears twice in the same mapping", $"keep one of the two '{key}' entries")
                : (LoadCodes.DuplicateKey, "a key appears twice in the same mapping", "keep one of the two entries");
        var reason = e.Message;
        var paren = reason.IndexOf("): ", StringComparison.Ordinal);
        if (paren >= 0)
            reason = reason[(paren + 3)..];
        return (LoadCodes.YamlSyntax, $"not valid YAML: {reason.TrimEnd('.')}",
            "check the indentation and the ':' after each key near that line (tabs are not allowed in YAML)");
    }
}
