using System.Globalization;
using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Lab.Agent;

namespace Interlink.Lab;

/// <summary>
/// Target group health checks (their port is each target's: <see cref="TargetGroup.HealthCheckPortOf"/>). The network model carries the protocol and port only, so interval, timeout, thresholds,
/// path and matcher are read from the target group's template properties; AWS's NLB defaults fill what is not written.
/// </summary>
public static class HealthChecks
{
    /// <summary>The health check of <paramref name="group"/> as AWS applies it when the template is silent.</summary>
    public static HealthCheckSettings Default(TargetGroup group)
    {
        var http = group.HealthCheckProtocol.StartsWith("HTTP", StringComparison.OrdinalIgnoreCase);
        return new HealthCheckSettings(group.HealthCheckProtocol.ToUpperInvariant(), "/", 30, http ? 6 : 10, 5, 2, "200-399");
    }

    /// <summary>The health check of <paramref name="group"/> as written in <paramref name="assembly"/>'s template.</summary>
    public static HealthCheckSettings FromAssembly(CloudAssembly assembly, TargetGroup group)
    {
        var settings = Default(group);
        if (!assembly.Stacks.TryGetValue(group.Location.Stack, out var stack)
            || !stack.Template.TryGetProperty("Resources", out var resources)
            || !resources.TryGetProperty(group.Location.LogicalId, out var resource)
            || !resource.TryGetProperty("Properties", out var p))
            return settings;
        return settings with
        {
            Path = Text(p, "HealthCheckPath") ?? settings.Path,
            IntervalSeconds = Int(p, "HealthCheckIntervalSeconds") ?? settings.IntervalSeconds,
            TimeoutSeconds = Int(p, "HealthCheckTimeoutSeconds") ?? settings.TimeoutSeconds,
            HealthyThreshold = Int(p, "HealthyThresholdCount") ?? settings.HealthyThreshold,
            UnhealthyThreshold = Int(p, "UnhealthyThresholdCount") ?? settings.UnhealthyThreshold,
            Matcher = p.TryGetProperty("Matcher", out var m) ? Text(m, "HttpCode") ?? settings.Matcher : settings.Matcher,
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static int? Int(JsonElement e, string name) =>
        Text(e, name) is { } t && int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
