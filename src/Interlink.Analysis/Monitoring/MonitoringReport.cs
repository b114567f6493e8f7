using Interlink.Analysis.Assembly;
using Interlink.Core.Monitoring;

namespace Interlink.Analysis.Monitoring;

/// <summary>The design's monitoring plan beside what the templates hold: which planned alarms are in the assembly.</summary>
/// <param name="Plan">The alarms, dashboards, topics and notifications the config asks for.</param>
/// <param name="AlarmsInTemplates">Names of the planned alarms found as <c>AWS::CloudWatch::Alarm</c> AlarmName in the stack the plan puts them in.</param>
public sealed record MonitoringReport(MonitoringPlan Plan, IReadOnlySet<string> AlarmsInTemplates)
{
    /// <summary>Planned alarms the templates do not hold yet.</summary>
    public IReadOnlyList<PlannedAlarm> Missing => Plan.Alarms.Where(a => !AlarmsInTemplates.Contains(a.Name)).ToList();

    /// <summary>Compares <paramref name="plan"/> with the alarms of <paramref name="assembly"/>.</summary>
    public static MonitoringReport Of(MonitoringPlan plan, CloudAssembly assembly)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var views = StackView.AllOf(assembly).ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var resource in plan.Resources)
        {
            if (!views.TryGetValue(resource.Stack, out var view))
                continue;
            var names = view.OfType("AWS::CloudWatch::Alarm")
                .Select(a => view.Str(a, "AlarmName"))
                .OfType<Text>()
                .Where(n => n.Complete)
                .Select(n => n.Value)
                .ToHashSet(StringComparer.Ordinal);
            found.UnionWith(resource.Alarms.Select(a => a.Name).Where(names.Contains));
        }

        return new MonitoringReport(plan, found);
    }
}
