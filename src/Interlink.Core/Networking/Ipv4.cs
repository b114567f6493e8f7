using System.Globalization;

namespace Interlink.Core.Networking;

/// <summary>Dotted-quad IPv4 addresses as 32-bit numbers.</summary>
public static class Ipv4
{
    /// <summary>Parses strict dotted-quad text (four decimal parts 0–255, no leading zeros).</summary>
    public static bool TryParse(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
            return false;
        foreach (var part in parts)
        {
            // Leading zeros are refused: some tools read 010 as octal 8.
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
                return false;
            if (!byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
                return false;
            address = (address << 8) | octet;
        }

        return true;
    }

    /// <summary>Dotted-quad text of <paramref name="address"/>.</summary>
    public static string Format(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";

    /// <summary>Whether <paramref name="address"/> is in an RFC 1918 private range, as NLB IP targets outside the VPC must be.</summary>
    public static bool IsPrivate(uint address) => PrivateRanges.Any(range => range.Contains(address));

    // RFC 1918 and RFC 6598: the ranges an NLB accepts for IP targets outside its own VPC.
    private static readonly Ipv4Cidr[] PrivateRanges =
    [
        new(0x0A000000, 8), new(0xAC100000, 12), new(0xC0A80000, 16), new(0x64400000, 10),
    ];
}
