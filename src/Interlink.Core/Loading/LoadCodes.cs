namespace Interlink.Core.Loading;

/// <summary>Codes of the problems found while reading a config file, before any rule runs.</summary>
public static class LoadCodes
{
    /// <summary>The file cannot be read.</summary>
    public const string FileUnreadable = "IL001";

    /// <summary>The file is not well-formed YAML.</summary>
    public const string YamlSyntax = "IL002";

    /// <summary>A key the config does not define.</summary>
    public const string UnknownKey = "IL003";

    /// <summary>A value of the wrong kind (text where a number is needed, a list where a mapping is).</summary>
    public const string WrongType = "IL004";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "IL005";

    /// <summary>The same key twice in one mapping.</summary>
    public const string DuplicateKey = "IL006";

    /// <summary>The file holds no document, or more than one.</summary>
    public const string DocumentCount = "IL007";

    /// <summary>Keys that cannot be combined (e.g. <c>targets.instances</c> with <c>targets.ips</c>).</summary>
    public const string ConflictingKeys = "IL008";

    /// <summary>The input exceeds a limit (size, nesting depth, alias expansion, value length); see <see cref="InputLimits"/>.</summary>
    public const string InputLimit = "IL009";
}
