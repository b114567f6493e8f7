namespace Interlink.Deploy;

/// <summary>
/// Which AWS profile each stack deploys with, from <c>--profile KEY=NAME</c> options. KEY is a stack name, an
/// account ID, a role (provider, relay, provider-routes, consumer) or <c>*</c>; the most specific match wins.
/// A stack with no match uses the ambient credentials, which is right when one deployer account is trusted by
/// every bootstrapped environment (the CDK CLI then assumes each account's deploy role itself).
/// </summary>
public sealed class ProfileMap
{
    private readonly Dictionary<string, string> _byKey;

    private ProfileMap(Dictionary<string, string> byKey) => _byKey = byKey;

    /// <summary>No profiles: ambient credentials everywhere.</summary>
    public static ProfileMap Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Parses <c>KEY=NAME</c> options; throws <see cref="DeployException"/> on a malformed one.</summary>
    public static ProfileMap Parse(IEnumerable<string> options)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var eq = option.IndexOf('=');
            if (eq <= 0 || eq == option.Length - 1)
                throw new DeployException($"--profile '{option}' is not KEY=NAME; use e.g. --profile provider=prod-network or --profile 222222222222=relay-admin");
            map[option[..eq]] = option[(eq + 1)..];
        }

        return new ProfileMap(map);
    }

    /// <summary>The profile for a stack, or null for ambient credentials.</summary>
    public string? For(string stack, string? account, string role)
    {
        foreach (var key in new[] { stack, account, role, "*" })
        {
            if (key is not null && _byKey.TryGetValue(key, out var profile))
                return profile;
        }

        return null;
    }
}
