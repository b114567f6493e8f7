using System.Globalization;

namespace Interlink.Core.Loading;

/// <summary>
/// How much input a config may be, checked before the YAML parser builds anything, so that no file — however
/// hostile — can crash the process (deep nesting overflows the parser's recursion), exhaust memory (an alias
/// bomb, <c>/dev/zero</c>) or take minutes. The defaults are far above any real design: the largest example is
/// under 10 KB and its nesting is 6 levels deep.
/// </summary>
/// <param name="MaxBytes">Largest file in bytes (default 1 MiB; environment variable <c>INTERLINK_MAX_CONFIG_BYTES</c>).</param>
/// <param name="MaxDepth">Deepest nesting of mappings and lists.</param>
/// <param name="MaxNodes">Most values once every alias is expanded (an alias bomb grows exponentially); a 1 MiB file without aliases holds at most about 500,000.</param>
/// <param name="MaxScalarLength">Longest single value in characters (nothing in a design is longer than a path).</param>
public sealed record InputLimits(long MaxBytes, int MaxDepth, int MaxNodes, int MaxScalarLength)
{
    /// <summary>Environment variable that overrides <see cref="MaxBytes"/>.</summary>
    public const string MaxBytesVariable = "INTERLINK_MAX_CONFIG_BYTES";

    /// <summary>Default largest file: 1 MiB, room for several thousand consumers.</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>The defaults, with <see cref="MaxBytes"/> taken from <c>INTERLINK_MAX_CONFIG_BYTES</c> when set.</summary>
    public static InputLimits Default => new(MaxBytesFromEnvironment(), MaxDepth: 64, MaxNodes: 1_000_000, MaxScalarLength: 4096);

    private static long MaxBytesFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(MaxBytesVariable);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : DefaultMaxBytes;
    }
}
