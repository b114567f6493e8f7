using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Interlink.Lab.Agent;

/// <summary>Copies bytes both ways between two connected sockets until both sides are done, then closes them.</summary>
internal static class TcpRelay
{
    private const int BufferSize = 64 * 1024;

    public static Socket Listen(IPAddress address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(address, port));
        socket.Listen(1024);
        return socket;
    }

    public static async Task AcceptLoopAsync(Socket listener, Func<Socket, Task> handle, CancellationToken ct)
    {
        using var registration = ct.Register(listener.Dispose);
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            client.NoDelay = true;
            _ = Task.Run(async () =>
            {
                try
                {
                    await handle(client);
                }
                catch (Exception)
                {
                    Abort(client);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>Closes with a reset (what a client sees when the NLB cannot serve it).</summary>
    public static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    public static async Task PipeAsync(Socket a, Socket b)
    {
        var failed = false;
        async Task Copy(Socket from, Socket to)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                while (true)
                {
                    var n = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
                    if (n == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
                }
            }
            catch (Exception)
            {
                if (!failed)
                {
                    failed = true;
                    Abort(a);
                    Abort(b);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        await Task.WhenAll(Copy(a, b), Copy(b, a));
        a.Dispose();
        b.Dispose();
    }
}
