using System.Globalization;

namespace Interlink.Core.Networking;

/// <summary>An IPv4 network such as <c>10.10.0.0/16</c>: integer arithmetic, no allocation.</summary>
/// <param name="Network">The network address as a 32-bit number.</param>
/// <param name="Prefix">Prefix length, 0–32.</param>
public readonly record struct Ipv4Cidr(uint Network, int Prefix)
{
    /// <summary>Netmask as a 32-bit number.</summary>
    public uint Mask => Prefix == 0 ? 0u : uint.MaxValue << (32 - Prefix);

    /// <summary>The last address of the network.</summary>
    public uint Broadcast => Network | ~Mask;

    /// <summary>Number of addresses.</summary>
    public long Size => 1L << (32 - Prefix);

    /// <summary>Whether <paramref name="address"/> is inside the network.</summary>
    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>Whether <paramref name="other"/> lies wholly inside this network.</summary>
    public bool Contains(Ipv4Cidr other) => other.Prefix >= Prefix && Contains(other.Network);

    /// <summary>Whether the two networks share any address.</summary>
    public bool Overlaps(Ipv4Cidr other) => Contains(other.Network) || other.Contains(Network);

    /// <summary>The <paramref name="index"/>-th subnet of length <paramref name="newPrefix"/>.</summary>
    public Ipv4Cidr Subnet(int newPrefix, int index) => new(Network + ((uint)index << (32 - newPrefix)), newPrefix);

    /// <inheritdoc />
    public override string ToString() => $"{Ipv4.Format(Network)}/{Prefix}";

    /// <summary>
    /// Parses <paramref name="text"/>. On failure <paramref name="problem"/> says why; when only host bits
    /// are set, the fix names the network address that was probably meant.
    /// </summary>
    public static bool TryParse(string text, out Ipv4Cidr cidr, out string problem)
    {
        cidr = default;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            problem = "has no prefix length (the '/nn' part)";
            return false;
        }

        if (!Ipv4.TryParse(text[..slash], out var address))
        {
            problem = "is not an IPv4 address followed by /nn";
            return false;
        }

        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            problem = "has a prefix length outside 0–32";
            return false;
        }

        var candidate = new Ipv4Cidr(address, prefix);
        var network = address & candidate.Mask;
        if (network != address)
        {
            problem = $"has host bits set (the network is {Ipv4.Format(network)}/{prefix})";
            return false;
        }

        cidr = candidate;
        problem = "";
        return true;
    }

    /// <summary>Parses a CIDR known to be valid (tests, catalogs); throws otherwise.</summary>
    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out var cidr, out var problem) ? cidr : throw new FormatException($"'{text}' {problem}");
}
