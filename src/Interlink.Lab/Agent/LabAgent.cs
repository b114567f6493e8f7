using System.Text.Json;

namespace Interlink.Lab.Agent;

/// <summary>Entry point of the lab's NLB health-check process and of the lifecycle commands.</summary>
public static class LabAgent
{
    private static async Task<int> LifecycleAsync(string[] args)
    {
        try
        {
            object result = args[0] switch
            {
                "up" when args.Length == 2 => await LabRuntime.UpAsync(args[1]),
                "test" => await LabRuntime.TestAsync(new LabTestOptions(
                    args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
                    args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4,
                    Deadline: TimeSpan.FromMinutes(5), NewConnections: !(args.Length > 3 && args[3] == "keepalive"))),
                "status" => LabRuntime.Status(),
                "down" => await LabRuntime.DownAsync(),
                _ => throw new LabException("usage: Interlink.Lab up ASSEMBLY_DIR | test [N [C [keepalive]]] | status | down"),
            };
            Console.WriteLine(JsonSerializer.Serialize(result, result.GetType(), Json));
            return 0;
        }
        catch (LabException e)
        {
            await Console.Error.WriteLineAsync($"Interlink.Lab: {e.Message}");
            return 2;
        }
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Runs <c>nlb CONFIG.json</c> until SIGTERM (what the lab starts), or one lifecycle
    /// command for scripts and benchmarks before the <c>interlink lab</c> command exists: <c>up ASSEMBLY_DIR</c>,
    /// <c>test [REQUESTS [CONCURRENCY [keepalive]]]</c>, <c>status</c>, <c>down</c> (JSON on stdout); returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 1 && args[0] is "up" or "test" or "status" or "down")
            return await LifecycleAsync(args);
        if (args.Length != 2 || args[0] != "nlb")
        {
            await Console.Error.WriteLineAsync("usage: Interlink.Lab nlb CONFIG.json | up ASSEMBLY_DIR | test [N [C [keepalive]]] | status | down");
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
            await new NlbProcess(JsonSerializer.Deserialize<NlbConfig>(text, Json)!).RunAsync(stop.Token);
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
