using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Interlink.Testing;

namespace Interlink.Service.Tests;

public sealed class ProxyProtocolTests
{
    private static readonly byte[] Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>A v2 header: PROXY over TCP/IPv4 from <paramref name="source"/>, with the AWS VPC endpoint TLV when given.</summary>
    internal static byte[] ProxyV4(IPEndPoint source, IPEndPoint destination, string? vpcEndpointId = null)
    {
        var tlv = vpcEndpointId is null ? [] : Tlv(0xEA, [0x01, .. Encoding.ASCII.GetBytes(vpcEndpointId)]);
        var body = new byte[12 + tlv.Length];
        source.Address.GetAddressBytes().CopyTo(body, 0);
        destination.Address.GetAddressBytes().CopyTo(body, 4);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(8), (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(10), (ushort)destination.Port);
        tlv.CopyTo(body, 12);
        return Header(0x21, 0x11, body);
    }

    internal static byte[] Local() => Header(0x20, 0x00, []);

    private static byte[] Header(byte versionCommand, byte family, byte[] body)
    {
        var header = new byte[16 + body.Length];
        Signature.CopyTo(header, 0);
        header[12] = versionCommand;
        header[13] = family;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)body.Length);
        body.CopyTo(header, 16);
        return header;
    }

    private static byte[] Tlv(byte type, byte[] value)
    {
        var tlv = new byte[3 + value.Length];
        tlv[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(tlv.AsSpan(1), (ushort)value.Length);
        value.CopyTo(tlv, 3);
        return tlv;
    }

    /// <summary>Sends raw bytes then an HTTP/1.0 GET over one loopback connection; returns the whole response ("" when closed).</summary>
    private static async Task<string> RawGetAsync(int port, byte[] prefix, string path = "/")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        stream.ReadTimeout = 10_000;
        await stream.WriteAsync(prefix);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: test\r\n\r\n"));
        }
        catch (IOException)
        {
            return "";
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static JsonElement Body(string response)
    {
        // HTTP/1.0: the body is not chunked.
        Assert.Matches(@"^HTTP/1\.[01] 200 ", response);
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<LoopbackService> StartAsync() =>
        LoopbackService.StartAsync(new Dictionary<string, string?> { [ServiceApp.Keys.ProxyProtocol] = "1" });

    [Fact]
    public async Task A_proxy_header_sets_the_client_and_the_vpc_endpoint()
    {
        await using var service = await StartAsync();
        var header = ProxyV4(new IPEndPoint(IPAddress.Parse("198.51.100.23"), 40123),
            new IPEndPoint(IPAddress.Parse("10.10.1.10"), 8080), "vpce-0a1b2c3d4e5f67890");

        var body = Body(await RawGetAsync(service.Port, header));

        Assert.Equal("198.51.100.23", body.GetProperty("client").GetString());
        Assert.Equal("vpce-0a1b2c3d4e5f67890", body.GetProperty("vpcEndpointId").GetString());
    }

    [Fact]
    public async Task A_local_header_from_a_health_check_keeps_the_peer_address()
    {
        await using var service = await StartAsync();

        var body = Body(await RawGetAsync(service.Port, Local()));

        Assert.Equal("127.0.0.1", body.GetProperty("client").GetString());
        Assert.False(body.TryGetProperty("vpcEndpointId", out _));
    }

    [Fact]
    public async Task A_connection_without_a_header_is_closed_when_proxy_protocol_is_on()
    {
        await using var service = await StartAsync();

        Assert.Equal("", await RawGetAsync(service.Port, []));
    }

    [Fact]
    public async Task Without_the_option_a_plain_request_is_served()
    {
        await using var service = await LoopbackService.StartAsync();

        var body = Body(await RawGetAsync(service.Port, []));

        Assert.Equal("127.0.0.1", body.GetProperty("client").GetString());
    }

    [Fact]
    public void Parser_waits_for_a_whole_header_and_rejects_anything_else()
    {
        var header = ProxyV4(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 1), new IPEndPoint(IPAddress.Parse("192.0.2.2"), 2));
        for (var cut = 0; cut < header.Length; cut++)
        {
            Assert.Equal(ProxyProtocol.Status.NeedMore, ProxyProtocol.TryParse(new ReadOnlySequence<byte>(header, 0, cut), out _, out _));
        }
        Assert.Equal(ProxyProtocol.Status.Done, ProxyProtocol.TryParse(new ReadOnlySequence<byte>([.. header, .. "GET"u8]), out var parsed, out var consumed));
        Assert.Equal(header.Length, consumed);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 1), parsed!.Source);

        Assert.Equal(ProxyProtocol.Status.Invalid, ProxyProtocol.TryParse(new ReadOnlySequence<byte>("GET / HTTP/1.1\r\n"u8.ToArray()), out _, out _));
        Assert.Equal(ProxyProtocol.Status.Invalid, ProxyProtocol.TryParse(new ReadOnlySequence<byte>("PROXY TCP4 "u8.ToArray()), out _, out _));
        var version1 = (byte[])header.Clone();
        version1[12] = 0x11;
        Assert.Equal(ProxyProtocol.Status.Invalid, ProxyProtocol.TryParse(new ReadOnlySequence<byte>(version1), out _, out _));
    }

    [Fact]
    public void Parser_reads_ipv6_sources()
    {
        var body = new byte[36];
        IPAddress.Parse("2001:db8::7").GetAddressBytes().CopyTo(body, 0);
        IPAddress.Parse("2001:db8::1").GetAddressBytes().CopyTo(body, 16);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(32), 5555);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(34), 80);
        var header = Header(0x21, 0x21, body);

        Assert.Equal(ProxyProtocol.Status.Done, ProxyProtocol.TryParse(new ReadOnlySequence<byte>(header), out var parsed, out _));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 5555), parsed!.Source);
    }
}
