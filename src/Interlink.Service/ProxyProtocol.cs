using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Interlink.Service;

/// <summary>Per-connection facts read from a proxy protocol v2 header, visible to requests as a feature.</summary>
/// <param name="VpcEndpointId">The AWS TLV (type 0xEA, subtype 0x01): the VPC endpoint the connection came through.</param>
public sealed record ProxyProtocolFeature(string? VpcEndpointId);

/// <summary>
/// Proxy protocol v2 (binary) as an NLB sends it when the target group has <c>proxy_protocol_v2.enabled</c>:
/// a PROXY header replaces the connection's peer address with the original client's, a LOCAL header (the NLB's own
/// health checks) keeps it. With the option on, a connection that does not start with a valid header is closed.
/// </summary>
internal static partial class ProxyProtocol
{
    private static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    internal enum Status { NeedMore, Done, Invalid }

    internal sealed record Header(IPEndPoint? Source, string? VpcEndpointId);

    public static async Task HandleAsync(ConnectionContext connection, ConnectionDelegate next, ILogger logger, TimeSpan headerTimeout)
    {
        Header? header;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(headerTimeout);
            try
            {
                header = await ReadAsync(connection.Transport.Input, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                header = null;
            }
        }
        if (header is null)
        {
            Rejected(logger, connection.RemoteEndPoint?.ToString() ?? "?");
            connection.Abort(new ConnectionAbortedException("No valid proxy protocol v2 header."));
            return;
        }
        if (header.Source is not null)
        {
            connection.RemoteEndPoint = header.Source;
        }
        connection.Features.Set(new ProxyProtocolFeature(header.VpcEndpointId));
        await next(connection);
    }

    private static async Task<Header?> ReadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var status = TryParse(buffer, out var header, out var consumed);
            if (status == Status.Done)
            {
                input.AdvanceTo(buffer.GetPosition(consumed));
                return header;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (status == Status.Invalid || result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Parses a v2 header at the start of <paramref name="buffer"/>.</summary>
    internal static Status TryParse(ReadOnlySequence<byte> buffer, out Header? header, out long consumed)
    {
        header = null;
        consumed = 0;
        Span<byte> start = stackalloc byte[16];
        var have = (int)Math.Min(buffer.Length, 16);
        buffer.Slice(0, have).CopyTo(start);
        var signatureBytes = Math.Min(have, Signature.Length);
        if (!start[..signatureBytes].SequenceEqual(Signature[..signatureBytes]))
        {
            return Status.Invalid;
        }
        if (have < 16)
        {
            return Status.NeedMore;
        }
        var version = start[12] >> 4;
        var command = start[12] & 0x0F;
        if (version != 2 || command > 1)
        {
            return Status.Invalid;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(start[14..]);
        if (buffer.Length < 16 + length)
        {
            return Status.NeedMore;
        }
        var body = buffer.Slice(16, length).ToArray();
        consumed = 16 + length;
        if (command == 0)
        {
            header = new Header(null, null);
            return Status.Done;
        }
        IPEndPoint? source;
        int addressLength;
        switch (start[13] >> 4)
        {
            case 0: // AF_UNSPEC
                source = null;
                addressLength = 0;
                break;
            case 1 when length >= 12: // AF_INET: src, dst, src port, dst port
                source = new IPEndPoint(new IPAddress(body.AsSpan(0, 4)), BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(8)));
                addressLength = 12;
                break;
            case 2 when length >= 36: // AF_INET6
                source = new IPEndPoint(new IPAddress(body.AsSpan(0, 16)), BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(32)));
                addressLength = 36;
                break;
            default:
                return Status.Invalid;
        }
        string? vpcEndpointId = null;
        for (var i = addressLength; i + 3 <= body.Length;)
        {
            var type = body[i];
            int tlvLength = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(i + 1));
            if (i + 3 + tlvLength > body.Length)
            {
                return Status.Invalid;
            }
            if (type == 0xEA && tlvLength > 1 && body[i + 3] == 0x01)
            {
                vpcEndpointId = Encoding.ASCII.GetString(body, i + 4, tlvLength - 1);
            }
            i += 3 + tlvLength;
        }
        header = new Header(source, vpcEndpointId);
        return Status.Done;
    }

    [LoggerMessage(EventId = 2, EventName = "ProxyProtocolRejected", Level = LogLevel.Warning,
        Message = "Closed a connection from {Peer}: no valid proxy protocol v2 header")]
    private static partial void Rejected(ILogger logger, string peer);
}
