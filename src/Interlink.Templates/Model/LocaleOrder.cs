namespace Interlink.Templates.Model;

/// <summary>
/// The order of JavaScript's <c>String.prototype.localeCompare</c> (ICU root collation, as Node ships it) for ASCII
/// text, which the CDK uses to sort tags and dependencies: whitespace and punctuation first (in ICU's order), then
/// digits, then letters compared without case, lower case before upper case on a tie. This process runs with
/// invariant globalization (no ICU), so the order is spelled out here. Non-ASCII characters sort after letters by
/// code point, which ICU would not do; tag keys and construct paths in Interlink are ASCII.
/// </summary>
public static class LocaleOrder
{
    // ICU root collation's order of ASCII whitespace, punctuation and symbols (variable and common characters).
    private const string Punctuation = " \t\n\r_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

    /// <summary>The comparer.</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    /// <summary>Compares as <c>a.localeCompare(b)</c> would.</summary>
    public static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
            return 0;
        if (a is null)
            return -1;
        if (b is null)
            return 1;
        var primary = ComparePrimary(a, b);
        if (primary != 0)
            return primary;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i] && char.ToLowerInvariant(a[i]) == char.ToLowerInvariant(b[i]))
                return char.IsLower(a[i]) ? -1 : 1;
        }

        return string.CompareOrdinal(a, b);
    }

    private static int ComparePrimary(string a, string b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var order = Weight(a[i]).CompareTo(Weight(b[i]));
            if (order != 0)
                return order;
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int Weight(char c)
    {
        var punctuation = Punctuation.IndexOf(c, StringComparison.Ordinal);
        if (punctuation >= 0)
            return punctuation;
        if (char.IsAsciiDigit(c))
            return 100 + (c - '0');
        if (char.IsAsciiLetter(c))
            return 200 + (char.ToLowerInvariant(c) - 'a');
        return 1000 + c;
    }
}
