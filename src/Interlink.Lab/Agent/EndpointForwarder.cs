using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Interlink.Lab.Agent;

/// <summary>
/// The interface endpoint: accepts on its addresses in the consumer subnets and forwards each connection over the
/// PrivateLink link to the NLB, telling it the client's address first (a PROXY protocol v1 line) so that the NLB can
/// apply its security group to PrivateLink traffic as AWS does.
/// </summary>
internal sealed class EndpointForwarder(EndpointConfig config)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var upstream = IPAddress.Parse(config.Upstream);
        var loops = new List<Task>();
        foreach (var eni in config.Enis)
        {
            foreach (var port in config.Ports)
            {
                var listener = TcpRelay.Listen(IPAddress.Parse(eni), port);
                loops.Add(TcpRelay.AcceptLoopAsync(listener, client => ForwardAsync(client, upstream, port, ct), ct));
            }
        }

        await File.WriteAllTextAsync(config.ReadyFile, "ready", ct);
        await Task.WhenAll(loops);
    }

    private static async Task ForwardAsync(Socket client, IPAddress upstream, int port, CancellationToken ct)
    {
        var remote = (IPEndPoint)client.RemoteEndPoint!;
        var local = (IPEndPoint)client.LocalEndPoint!;
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await server.ConnectAsync(new IPEndPoint(upstream, port), timeout.Token);
            var header = string.Create(CultureInfo.InvariantCulture, $"PROXY TCP4 {remote.Address} {local.Address} {remote.Port} {local.Port}\r\n");
            await server.SendAsync(Encoding.ASCII.GetBytes(header), SocketFlags.None, ct);
        }
        catch (Exception)
        {
            TcpRelay.Abort(server);
            TcpRelay.Abort(client);
            return;
        }

        await TcpRelay.PipeAsync(client, server);
    }
}
