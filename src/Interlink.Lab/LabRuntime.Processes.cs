using System.Runtime.InteropServices;

namespace Interlink.Lab;

// The processes the lab starts in its namespaces (sample service, NLB agent) and how they find dotnet.
public static partial class LabRuntime
{
    internal static (string Role, string Namespace, List<string> Command, Dictionary<string, string> Environment) ServiceCommand(LabState state, LabHost host)
    {
        var urls = string.Join(';', host.ServicePorts.Select(p => $"http://{host.Ip}:{p}"));
        return ("service", host.Namespace, [.. Dotnet(state, "Interlink.Service.dll"), "--urls", urls], new Dictionary<string, string>
        {
            ["INTERLINK_HOST"] = host.Ip,
            ["INTERLINK_SERVICE_NAME"] = state.Name,
            ["INTERLINK_REGION"] = host.Region,
            ["INTERLINK_AZ"] = host.Az ?? "",
            ["INTERLINK_SHUTDOWN_TIMEOUT_SECONDS"] = "1",
        });
    }

    internal static LabProcess Start(LabState state, (string Role, string Namespace, List<string> Command, Dictionary<string, string> Environment) spec)
    {
        var log = Path.Combine(state.StateDirectory, "run", $"{spec.Namespace}.{spec.Role}.log");
        List<string> command = [Sys.Which("ip")!, "netns", "exec", spec.Namespace, .. spec.Command];
        var pid = Sys.StartDetached(command, log, spec.Environment);
        return new LabProcess(spec.Role, spec.Namespace, pid, command, spec.Environment, log);
    }

    /// <summary>
    /// The NLB agent (project Interlink.Lab.Agent), run from the directory this library is in: it references this
    /// library, so the library cannot reference it; the program that runs the lab (the CLI, the lab's tests) does.
    /// </summary>
    private const string AgentDll = "Interlink.Lab.Agent.dll";

    private static List<string> Dotnet(LabState state, string dll) => [state.Dotnet, "exec", "--runtimeconfig", state.RuntimeConfig, Path.Combine(state.BinDirectory, dll)];

    internal static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string failure, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
                throw new LabException(failure);
            await Task.Delay(50, ct);
        }
    }

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet")
            return p;
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, "dotnet");
        if (File.Exists(candidate))
            return candidate;
        return Sys.Which("dotnet") ?? throw new LabException("cannot find the dotnet host to run the lab's processes; set DOTNET_ROOT");
    }

    private static string RuntimeConfig()
    {
        var version = $"{Environment.Version.Major}.{Environment.Version.Minor}.0";
        return $$"""
            {
              "runtimeOptions": {
                "tfm": "net{{Environment.Version.Major}}.{{Environment.Version.Minor}}",
                "frameworks": [
                  { "name": "Microsoft.NETCore.App", "version": "{{version}}" },
                  { "name": "Microsoft.AspNetCore.App", "version": "{{version}}" }
                ],
                "configProperties": { "System.Globalization.Invariant": true, "System.GC.Concurrent": false }
              }
            }
            """;
    }
}
