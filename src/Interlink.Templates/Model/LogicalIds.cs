using System.Security.Cryptography;
using System.Text;

namespace Interlink.Templates.Model;

/// <summary>
/// The logical ID the AWS CDK gives an element at a construct path, so that the direct writer's templates name every
/// resource as the CDK does (and as deployed stacks already name them: a changed logical ID replaces the resource).
/// A port of <c>makeUniqueId</c> in aws-cdk-lib 2.160.0, <c>core/lib/private/uniqueid.js</c>: path components
/// named <c>Default</c> are dropped; a single component is the ID as is (alphanumerics only); otherwise the human part
/// (consecutive duplicates removed, <c>Resource</c> dropped, alphanumerics only, at most 240 characters) followed by
/// the first 8 hex digits, upper case, of the MD5 of the components joined with <c>/</c>.
/// </summary>
public static class LogicalIds
{
    private const string HiddenId = "Default";
    private const string HiddenFromHumanId = "Resource";
    private const int HashLength = 8;
    private const int MaxHumanLength = 240;
    private const int MaxIdLength = 255;

    /// <summary>The logical ID of the element at <paramref name="path"/> (construct IDs below the stack).</summary>
    public static string For(IReadOnlyList<string> path)
    {
        var components = path.Where(c => c != HiddenId).ToList();
        if (components.Count == 0)
            throw new ArgumentException("a logical ID needs at least one path component", nameof(path));
        if (components.Count == 1)
        {
            var candidate = Alphanumeric(components[0]);
            if (candidate.Length <= MaxIdLength)
                return candidate;
        }

        var human = string.Concat(RemoveDuplicates(components).Where(c => c != HiddenFromHumanId).Select(Alphanumeric));
        if (human.Length > MaxHumanLength)
            human = human[..MaxHumanLength];
        return human + Hash(components);
    }

    private static string Hash(List<string> components)
    {
#pragma warning disable CA5351 // MD5 names things here, as in the CDK; it protects nothing.
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(string.Join('/', components)));
#pragma warning restore CA5351
        return Convert.ToHexString(digest)[..HashLength];
    }

    private static List<string> RemoveDuplicates(List<string> components)
    {
        var kept = new List<string>();
        foreach (var component in components)
        {
            if (kept.Count == 0 || !kept[^1].EndsWith(component, StringComparison.Ordinal))
                kept.Add(component);
        }

        return kept;
    }

    private static string Alphanumeric(string s) => string.Concat(s.Where(char.IsAsciiLetterOrDigit));
}
