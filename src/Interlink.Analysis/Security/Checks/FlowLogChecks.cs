using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>ILS008: every VPC of a template has a flow log.</summary>
internal sealed class FlowLogChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
    {
        var logged = new HashSet<string>(StringComparer.Ordinal);
        var unknown = false;
        foreach (var flow in view.OfType("AWS::EC2::FlowLog"))
        {
            foreach (var name in new[] { "ResourceId", "ResourceIds" })
            {
                if (flow.Get(name) is not { } v)
                    continue;
                var values = v.ValueKind == JsonValueKind.Array ? view.List(v) ?? [] : [v];
                foreach (var value in values)
                {
                    if (view.RefTarget(value) is { } id)
                        logged.Add(id);
                    else if (view.Str(value).IsUnknown)
                        unknown = true;
                }
            }
        }

        foreach (var vpc in view.OfType("AWS::EC2::VPC").Where(v => !logged.Contains(v.LogicalId)))
            Add(SecurityRules.NoFlowLogs, view, vpc.LogicalId, unknown ? $"VPC {vpc.LogicalId}: a flow log's resource is known only at deploy time" : $"VPC {vpc.LogicalId} has no flow log", cannotCheck: unknown);
    }
}
