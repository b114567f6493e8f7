using System.Globalization;

namespace Interlink.Analysis.Network;

/// <summary>
/// An IP protocol as a security group rule or a network ACL entry writes it, parsed once so that every engine (plan's
/// reachability, the security check, the lab) gives the same text the same meaning. EC2 accepts a name (tcp, udp, icmp,
/// icmpv6), a protocol number, or -1 for all protocols (EC2 API Reference, IpPermission: "Use -1 to specify all
/// protocols"; NetworkAclEntry Protocol: "A value of -1 means all protocols", numbers as listed in
/// https://www.iana.org/assignments/protocol-numbers). "all" is read as -1 too, as the lab always has.
/// </summary>
public readonly record struct IpProtocol
{
    private const int AllNumber = -1;
    private const int TcpNumber = 6;
    private const int UdpNumber = 17;
    private const int IcmpNumber = 1;
    private const int Icmpv6Number = 58;

    private readonly string? text;

    private IpProtocol(int? number, string text)
    {
        Number = number;
        this.text = text;
    }

    /// <summary>Every protocol (-1).</summary>
    public static IpProtocol All { get; } = new(AllNumber, "-1");

    /// <summary>The protocol number: -1 for all, 0-255, or null when the text names no protocol the analysis knows.</summary>
    public int? Number { get; }

    /// <summary>The text as written (lower case), for messages.</summary>
    public string Text => text ?? "";

    /// <summary>Every protocol.</summary>
    public bool IsAll => Number == AllNumber;

    /// <summary>TCP (tcp or 6).</summary>
    public bool IsTcp => Number == TcpNumber;

    /// <summary>UDP (udp or 17).</summary>
    public bool IsUdp => Number == UdpNumber;

    /// <summary>ICMP for IPv4 (icmp or 1); FromPort and ToPort are the ICMP type and code.</summary>
    public bool IsIcmp => Number == IcmpNumber;

    /// <summary>Whether the rule's FromPort/ToPort are ports: TCP, UDP, or every protocol (which covers every port).</summary>
    public bool HasPorts => IsAll || IsTcp || IsUdp;

    /// <summary>Whether TCP traffic matches: TCP itself or every protocol.</summary>
    public bool IncludesTcp => IsAll || IsTcp;

    /// <summary>Reads <paramref name="text"/> (case-insensitive); a name or number it does not know keeps the text with no <see cref="Number"/>.</summary>
    public static IpProtocol Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.Trim().ToLowerInvariant();
        int? number = lower switch
        {
            "-1" or "all" => AllNumber,
            "tcp" => TcpNumber,
            "udp" => UdpNumber,
            "icmp" => IcmpNumber,
            "icmpv6" => Icmpv6Number,
            _ when int.TryParse(lower, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 255 => n,
            _ => null,
        };
        return new IpProtocol(number, lower);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
