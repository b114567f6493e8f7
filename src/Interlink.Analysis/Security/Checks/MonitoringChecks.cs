using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Monitoring;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// ILS020: every link resource (NLB target group, endpoint service, consumer interface endpoint) has a CloudWatch alarm
/// in its own stack whose dimensions reference it. ILS021: an alarm on a namespace of the metric table
/// (<see cref="CloudWatchMetrics"/>) names exactly the dimensions AWS documents, or it watches an empty series.
/// </summary>
internal sealed class MonitoringChecks(SecurityContext context, bool monitoringExpected) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
    {
        var alarms = view.OfType("AWS::CloudWatch::Alarm").ToList();
        foreach (var alarm in alarms)
            CheckDimensionNames(view, alarm);
        if (!monitoringExpected)
            return;

        var watched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alarm in alarms)
        {
            foreach (var property in new[] { "Dimensions", "Metrics" })
            {
                if (alarm.Get(property) is { } value)
                    CollectReferences(view, value, watched);
            }
        }

        foreach (var (resource, what) in LinkResources(view))
        {
            if (!watched.Contains(resource.LogicalId))
                Add(SecurityRules.LinkWithoutAlarm, view, resource.LogicalId, $"{what} {resource.LogicalId} has no CloudWatch alarm in this stack (none of its {alarms.Count} alarm(s) names it in its dimensions)");
        }
    }

    /// <summary>The resources that carry a link: target groups, endpoint services, and interface endpoints to endpoint services (not to AWS services).</summary>
    private static IEnumerable<(TemplateResource Resource, string What)> LinkResources(StackView view)
    {
        foreach (var tg in view.OfType("AWS::ElasticLoadBalancingV2::TargetGroup"))
            yield return (tg, "target group");
        foreach (var service in view.OfType("AWS::EC2::VPCEndpointService"))
            yield return (service, "endpoint service");
        foreach (var endpoint in view.OfType("AWS::EC2::VPCEndpoint"))
        {
            if (view.Str(endpoint, "VpcEndpointType")?.Value != "Interface")
                continue;
            // Endpoints to AWS services (com.amazonaws.<region>.ssm…) are not links; endpoint services are com.amazonaws.vpce.…
            // or a value known at deploy time (a parameter fed from the service's stack).
            if (view.Str(endpoint, "ServiceName") is { Complete: true } name && !name.Value.StartsWith("com.amazonaws.vpce.", StringComparison.Ordinal))
                continue;
            // AWS publishes no PrivateLink endpoint metrics for consumers that use cross-Region access
            // (CloudWatchMetrics.PacketsDropped): no alarm can watch such an endpoint, so none is asked for.
            if (view.Str(endpoint, "ServiceRegion") is { Complete: true } region && region.Value != view.Stack.Region)
                continue;
            yield return (endpoint, "interface endpoint");
        }
    }

    /// <summary>
    /// Every resource of the stack a value names once resolved (Ref, Fn::GetAtt, ${Id} or ${Id.Attr} inside Fn::Sub, at
    /// any depth), as the resolver reads it for every analysis. Before, a walk of its own matched Fn::Sub text by prefix.
    /// A Fn::If whose condition is not decidable offline names nothing: which resource it watches is not known.
    /// </summary>
    private static void CollectReferences(StackView view, JsonElement value, HashSet<string> ids) => Collect(view.Name, view.Resolve(value), ids);

    private static void Collect(string stack, CfnValue value, HashSet<string> ids)
    {
        switch (value)
        {
            case CfnRef r when r.Stack == stack:
                ids.Add(r.LogicalId);
                break;
            case CfnConcat c:
                foreach (var part in c.Parts)
                    Collect(stack, part, ids);
                break;
            case CfnList l:
                foreach (var item in l.Values)
                    Collect(stack, item, ids);
                break;
            case CfnMap m:
                foreach (var item in m.Values.Values)
                    Collect(stack, item, ids);
                break;
        }
    }

    private void CheckDimensionNames(StackView view, TemplateResource alarm)
    {
        if (view.Str(alarm, "Namespace") is not { Complete: true } ns || view.Str(alarm, "MetricName") is not { Complete: true } metric)
            return;
        var known = CloudWatchMetrics.All.Where(m => m.Namespace == ns.Value && m.MetricName == metric.Value).ToList();
        if (known.Count == 0 || alarm.Get("Dimensions") is not { } d || view.List(d) is not { } dimensions)
            return;
        var names = dimensions
            .Where(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("Name", out _))
            .Select(x => view.Str(x.GetProperty("Name")))
            .Where(x => x.Complete)
            .Select(x => x.Value)
            .ToList();
        if (known.Any(m => SameSet(m.DimensionNames, names)))
            return;
        var expected = known[0].DimensionNames;
        Add(SecurityRules.AlarmDimensionsUndocumented, view, alarm.LogicalId,
            $"alarm {alarm.LogicalId} on {ns.Value} {metric.Value} names dimensions [{string.Join(", ", names)}]; AWS publishes it with [{string.Join(", ", expected)}] ({known[0].Source})");
    }

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
