using Interlink.Core.Monitoring;

namespace Interlink.Analysis.Monitoring;

/// <summary>The monitoring section of <c>plan</c>: per link, its alarms and whether the templates hold them.</summary>
public static class MonitoringText
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="text"/>.</summary>
    public static void Write(TextWriter text, MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        var plan = report.Plan;
        if (!plan.Enabled)
        {
            text.WriteLine("Monitoring: off (monitoring: false) — no alarms, dashboards or connection notifications");
            return;
        }

        var missing = report.Missing.Count;
        text.WriteLine($"Monitoring: {plan.Alarms.Count} alarm(s), {plan.Dashboards.Count} dashboard(s), {plan.Notifications.Count} connection notification(s); "
            + (missing == 0 ? "all alarms are in the templates" : $"{missing} of {plan.Alarms.Count} alarm(s) not in the templates yet"));
        foreach (var resource in plan.Resources)
        {
            text.WriteLine($"  {Kind(resource.Kind)} of {resource.Link} ({resource.Stack}, {resource.Region}):");
            if (resource.Alarms.Count == 0)
                text.WriteLine($"    no alarm: {resource.Note}");
            foreach (var alarm in resource.Alarms)
                text.WriteLine($"    {(report.AlarmsInTemplates.Contains(alarm.Name) ? "ok     " : "missing")} {alarm.Name}: {alarm.Condition}");
        }

        foreach (var n in plan.Notifications)
            text.WriteLine($"  connection notification on the endpoint service of {n.Link} ({n.Stack}): {string.Join(", ", n.Events)}");
        foreach (var d in plan.Dashboards)
            text.WriteLine($"  dashboard {d.Name} ({d.Stack}{(d.Account is null ? "" : $", account {d.Account}")}): {d.Alarms.Count} alarm widget(s)");
        foreach (var t in plan.Topics)
            text.WriteLine($"  alerts in {t.Region}{(t.Account is null ? "" : $" ({t.Account})")}: {(t.Created ? $"topic {t.TopicName} created in {t.Stack}{(t.Email is null ? "" : $", e-mail to {t.Email}")}" : $"existing topic {t.ExistingArn}")}");
        foreach (var note in plan.Notes)
            text.WriteLine($"  note: {note}");
    }

    private static string Kind(MonitoredKind kind) => kind switch
    {
        MonitoredKind.TargetGroup => "target group",
        MonitoredKind.EndpointService => "endpoint service",
        _ => "interface endpoint",
    };
}
