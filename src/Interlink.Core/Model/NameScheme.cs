using Interlink.Core.Catalog;

namespace Interlink.Core.Model;

/// <summary>
/// The names Interlink derives from <see cref="InterlinkConfig.Name"/>: one place, so that validation checks
/// exactly the names the stacks will use.
/// </summary>
public static class NameScheme
{
    /// <summary>Longest NLB and target-group name AWS accepts.</summary>
    public const int MaxLoadBalancerName = 32;

    /// <summary>Longest CloudFormation stack name.</summary>
    public const int MaxStackName = 128;

    /// <summary>Stack holding the provider VPC and service hosts.</summary>
    public static string ProviderStack(string name) => $"{name}-provider";

    /// <summary>Stack adding provider-side routes to the relays once the peerings exist.</summary>
    public static string ProviderRoutesStack(string name) => $"{name}-provider-routes";

    /// <summary>Stack of the relay in <paramref name="region"/>.</summary>
    public static string RelayStack(string name, string region) => $"{name}-relay-{region}";

    /// <summary>Stack of consumer <paramref name="consumer"/>.</summary>
    public static string ConsumerStack(string name, string consumer) => $"{name}-consumer-{consumer}";

    /// <summary>NLB in <paramref name="region"/> (the relay's, or the provider's in native mode).</summary>
    public static string LoadBalancer(string name, string region) => $"{name}-{ShortRegion(region)}";

    /// <summary>Target group of the NLB in <paramref name="region"/>.</summary>
    public static string TargetGroup(string name, string region) => $"{name}-{ShortRegion(region)}-tg";

    /// <summary>The Region's AZ-ID prefix (<c>usw2</c>), or the code itself when unknown.</summary>
    public static string ShortRegion(string region) => RegionCatalog.Find(region)?.AzIdPrefix ?? region;
}
