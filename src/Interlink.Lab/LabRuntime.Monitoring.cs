using System.Text.Json;
using Interlink.Core.Monitoring;
using Interlink.Lab.Agent;
using Interlink.Lab.Monitoring;

namespace Interlink.Lab;

// The running lab's monitoring: the signals the alarms watch, and the alarms of the design's plan evaluated over them.
public static partial class LabRuntime
{
    /// <summary>The monitoring plan <c>up</c> recorded (from the config), beside the state file.</summary>
    internal const string MonitoringFile = "monitoring.json";

    /// <summary>
    /// Healthy and unhealthy targets per target group, connections reset per endpoint, and which alarms of
    /// <paramref name="plan"/> (default: the one <c>up</c> recorded) would be in ALARM now, evaluated with their own
    /// threshold, period and evaluation periods over what the lab's NLBs recorded since <c>up</c>.
    /// </summary>
    public static LabMonitoringStatus Monitoring(MonitoringPlan? plan = null, LabOptions? options = null, DateTimeOffset? now = null)
    {
        options ??= new LabOptions();
        var state = LabState.Load(options.StateDirectory) ?? throw new LabException("no lab is up: run 'interlink lab up' first");
        plan ??= LoadPlan(options.StateDirectory);
        var histories = state.Layout.LoadBalancers.ToDictionary(lb => lb.Id, lb => ReadHistory(lb.Config.StatusFile), StringComparer.Ordinal);
        return LabMonitoring.Evaluate(state.Layout, histories, plan, state.StartedAt, now ?? DateTimeOffset.UtcNow);
    }

    internal static void SavePlan(string stateDirectory, MonitoringPlan plan) =>
        Sys.WriteAtomic(Path.Combine(stateDirectory, MonitoringFile), JsonSerializer.Serialize(plan, LabJson.Options));

    private static MonitoringPlan? LoadPlan(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, MonitoringFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<MonitoringPlan>(File.ReadAllText(path), LabJson.Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<NlbHistoryEntry> ReadHistory(string statusFile)
    {
        var path = NlbHistoryEntry.HistoryFile(statusFile);
        if (!File.Exists(path))
            return [];
        var entries = new List<NlbHistoryEntry>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (line.Length > 0 && JsonSerializer.Deserialize<NlbHistoryEntry>(line, LabJson.Options) is { } entry)
                    entries.Add(entry);
            }
            catch (JsonException)
            {
                // A line cut short by a crash (the process appends): the next one is whole again.
            }
        }

        return entries;
    }
}
