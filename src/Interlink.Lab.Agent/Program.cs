using System.Runtime.InteropServices;
using System.Text.Json;
using Interlink.Lab;
using Interlink.Lab.Agent;

// The lab's NLB agent, started by the lab inside the NLB's network namespace: "nlb CONFIG.json", until SIGTERM.
if (args.Length != 2 || args[0] != "nlb")
{
    await Console.Error.WriteLineAsync("usage: Interlink.Lab.Agent nlb CONFIG.json (the lab starts it; run 'interlink lab up' instead)");
    return 2;
}

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
try
{
    var text = await File.ReadAllTextAsync(args[1]);
    using var nlb = new NlbProcess(JsonSerializer.Deserialize<NlbConfig>(text, LabJson.Options)!);
    await nlb.RunAsync(stop.Token);
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"Interlink.Lab.Agent {args[0]}: {e.Message}");
    return 1;
}
