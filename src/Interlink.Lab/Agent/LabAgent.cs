using System.Text.Json;

namespace Interlink.Lab.Agent;

/// <summary>Entry point of the lab's processes: the NLB and the endpoint forwarder.</summary>
public static class LabAgent
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Runs <c>nlb CONFIG.json</c> or <c>endpoint CONFIG.json</c> until SIGTERM; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || args[0] is not ("nlb" or "endpoint"))
        {
            await Console.Error.WriteLineAsync("usage: Interlink.Lab nlb CONFIG.json | endpoint CONFIG.json (started by 'interlink lab up')");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        try
        {
            var text = await File.ReadAllTextAsync(args[1]);
            if (args[0] == "nlb")
                await new NlbProcess(JsonSerializer.Deserialize<NlbConfig>(text, Json)!).RunAsync(stop.Token);
            else
                await new EndpointForwarder(JsonSerializer.Deserialize<EndpointConfig>(text, Json)!).RunAsync(stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"Interlink.Lab {args[0]}: {e.Message}");
            return 1;
        }
    }
}
