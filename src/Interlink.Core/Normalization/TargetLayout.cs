using Interlink.Core.Networking;

namespace Interlink.Core.Normalization;

/// <summary>
/// Fixed private IPs of the service hosts Interlink creates: host i goes to private subnet i mod n, at the
/// subnet's address + 10 + i / n. Fixed IPs let relay target groups list the hosts before they exist.
/// </summary>
public static class TargetLayout
{
    /// <summary>Offset of the first host from the subnet's network address (AWS reserves the first four).</summary>
    public const int FirstHostOffset = 10;

    /// <summary>How many hosts fit in <paramref name="subnet"/> with this layout (AWS reserves the last address too).</summary>
    public static long Capacity(Ipv4Cidr subnet) => Math.Max(0, subnet.Size - FirstHostOffset - 1);

    /// <summary>The IP of host <paramref name="index"/> over <paramref name="subnets"/>.</summary>
    public static uint HostIp(IReadOnlyList<Ipv4Cidr> subnets, int index) =>
        subnets[index % subnets.Count].Network + FirstHostOffset + (uint)(index / subnets.Count);

    /// <summary>The IPs of <paramref name="count"/> hosts over <paramref name="subnets"/>.</summary>
    public static IReadOnlyList<uint> HostIps(IReadOnlyList<Ipv4Cidr> subnets, int count) =>
        Enumerable.Range(0, count).Select(i => HostIp(subnets, i)).ToList();
}
