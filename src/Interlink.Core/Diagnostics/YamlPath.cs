namespace Interlink.Core.Diagnostics;

/// <summary>Builds and takes apart YAML paths such as <c>consumers[0].vpc.cidr</c>.</summary>
public static class YamlPath
{
    /// <summary><paramref name="parent"/>.<paramref name="key"/>, or just the key at the root.</summary>
    public static string Key(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    /// <summary><paramref name="parent"/>[<paramref name="index"/>].</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The enclosing path: <c>a.b[2]</c> → <c>a.b</c> → <c>a</c> → empty.</summary>
    public static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
