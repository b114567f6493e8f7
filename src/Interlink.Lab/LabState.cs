using System.Text.Json;

namespace Interlink.Lab;

/// <summary>A process the lab started.</summary>
/// <param name="Role">service, nlb or endpoint.</param>
/// <param name="Namespace">Where it runs.</param>
/// <param name="Pid">Its PID.</param>
/// <param name="Command">Its command line (to restart it).</param>
/// <param name="Environment">Its extra environment.</param>
/// <param name="Log">Its output.</param>
public sealed record LabProcess(string Role, string Namespace, int Pid, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment, string Log);

/// <summary>What a running lab is made of; saved as JSON in the state directory so that every command finds it.</summary>
/// <param name="Name">Design name.</param>
/// <param name="StateDirectory">Its state directory.</param>
/// <param name="StartedAt">When <c>up</c> ran.</param>
/// <param name="Layout">What was built.</param>
/// <param name="Processes">What runs.</param>
/// <param name="KilledTargets">Targets whose service the kill-target fault stopped.</param>
/// <param name="CutPeerings">Peerings the cut-peering fault cut.</param>
/// <param name="Dotnet">The dotnet host.</param>
/// <param name="RuntimeConfig">The runtime config every lab process runs with.</param>
/// <param name="BinDirectory">Where Interlink.Lab.dll, Interlink.Service.dll and Interlink.Probe.dll are.</param>
public sealed record LabState(string Name, string StateDirectory, DateTimeOffset StartedAt, LabLayout Layout, IReadOnlyList<LabProcess> Processes,
    IReadOnlyList<int> KilledTargets, IReadOnlyList<string> CutPeerings, string Dotnet, string RuntimeConfig, string BinDirectory)
{
    internal const string FileName = "state.json";

    internal static LabState? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), LabJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal void Save() => Sys.WriteAtomic(Path.Combine(StateDirectory, FileName), JsonSerializer.Serialize(this, LabJson.Options));
}
