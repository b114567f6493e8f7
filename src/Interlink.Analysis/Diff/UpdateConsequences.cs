using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Diff;

/// <summary>
/// What the changes of an update mean: updates that CloudFormation cannot carry out, replacements that cut
/// consumers off (and until which phase), stacks left behind, and which stacks a deploy runs.
/// </summary>
public static class UpdateConsequences
{
    /// <summary>Every code with its meaning, for <c>interlink rules</c> and the README.</summary>
    public static IReadOnlyList<(string Code, ConsequenceKind Kind, string Title)> Codes { get; } =
    [
        ("ILU001", ConsequenceKind.WillFail, "A resource with a custom physical name would be replaced"),
        ("ILU002", ConsequenceKind.WillFail, "A resource holding a fixed private IP would be replaced"),
        ("ILU010", ConsequenceKind.Disrupts, "The endpoint service is replaced: new service name, consumer endpoints replaced"),
        ("ILU011", ConsequenceKind.Disrupts, "The network load balancer is replaced"),
        ("ILU012", ConsequenceKind.Disrupts, "The target group is replaced"),
        ("ILU013", ConsequenceKind.Disrupts, "A VPC peering connection is replaced: routes follow in a later phase"),
        ("ILU014", ConsequenceKind.Disrupts, "A consumer's interface endpoint is replaced: new DNS names"),
        ("ILU015", ConsequenceKind.Disrupts, "A VPC or subnet is replaced: everything in it is rebuilt"),
        ("ILU020", ConsequenceKind.Orphaned, "A deployed stack is no longer in the design"),
        ("ILU030", ConsequenceKind.Note, "Stacks a deploy would run, by phase"),
    ];

    /// <summary>The consequences of <paramref name="stacks"/>, most severe first.</summary>
    internal static IReadOnlyList<Consequence> Of(
        CloudAssembly before, CloudAssembly after, IReadOnlyList<StackDiff> stacks,
        IReadOnlyDictionary<string, (StackTemplate? Before, StackTemplate? After)> templates)
    {
        var found = new List<Consequence>();
        var changing = stacks.Where(s => s.Change is StackChange.Added or StackChange.Modified).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var stack in stacks.Where(s => s.Change == StackChange.Modified))
        {
            var (old, now) = templates[stack.Name];
            foreach (var resource in stack.Resources.Where(r => r.Change is ResourceChange.Replaced or ResourceChange.MayBeReplaced))
            {
                var was = Properties(old!, resource.LogicalId);
                var properties = Properties(now!, resource.LogicalId);
                found.AddRange(Failures(stack, resource, was, properties));
                if (Disruption(resource.Type) is { } disruption)
                {
                    var downstream = Downstream(after.Wiring, stack.Name);
                    var consumers = downstream.Where(s => after.Wiring.Stacks[s].Role == StackRoles.Consumer).Order(StringComparer.Ordinal).ToList();
                    var until = downstream.Where(changing.ContainsKey).Select(s => changing[s].Phase).DefaultIfEmpty(stack.Phase).Max();
                    found.Add(new Consequence(disruption.Code, ConsequenceKind.Disrupts, stack.Name, resource.LogicalId,
                        $"{resource.LogicalId} ({resource.Type}) {Verb(resource)}: {disruption.Meaning}; traffic of {Who(consumers)} is interrupted from phase {stack.Phase} until {(until > stack.Phase ? $"phase {until} completes" : "this stack's update completes")}",
                        consumers, disruption.Fix));
                }
            }
        }

        foreach (var stack in stacks.Where(s => s.Change == StackChange.Removed))
        {
            var consumers = before.Wiring.Stacks.TryGetValue(stack.Name, out var wiring) && wiring.Role == StackRoles.Consumer ? new[] { stack.Name } : [];
            found.Add(new Consequence("ILU020", ConsequenceKind.Orphaned, stack.Name, null,
                $"stack {stack.Name} ({stack.Role}, phase {stack.Phase}) is deployed but no longer in the design: deploy leaves it running (and paid for)",
                consumers, "remove it with 'interlink destroy' on the old design, or put it back in the config"));
        }

        foreach (var phase in changing.Values.GroupBy(s => s.Phase).OrderBy(g => g.Key))
        {
            found.Add(new Consequence("ILU030", ConsequenceKind.Note, string.Join(", ", phase.Select(s => s.Name)), null,
                $"phase {phase.Key}: a deploy runs {string.Join(", ", phase.Select(s => $"{s.Name} ({(s.Change == StackChange.Added ? "new" : "update")})"))}",
                [], "nothing to fix"));
        }

        return found.OrderBy(c => c.Kind).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<Consequence> Failures(StackDiff stack, ResourceDiff resource, JsonElement before, JsonElement after)
    {
        if (PhysicalNames.For(resource.Type) is { } nameProperty && Same(before, after, nameProperty, out var name))
        {
            yield return new Consequence("ILU001", ConsequenceKind.WillFail, stack.Name, resource.LogicalId,
                $"{resource.LogicalId} ({resource.Type}) {Verb(resource)} ({Because(resource)}) but keeps its custom name {name}: CloudFormation cannot create the replacement while the old one holds the name, so the update fails{IfReplaced(resource)}",
                [], $"let CloudFormation name it (remove {nameProperty}), or change the name in the same update");
        }

        var fixedIp = resource.Type switch
        {
            "AWS::EC2::Instance" or "AWS::EC2::NetworkInterface" when Same(before, after, "PrivateIpAddress", out var ip) => ip,
            _ => null,
        };
        if (fixedIp is not null)
        {
            yield return new Consequence("ILU002", ConsequenceKind.WillFail, stack.Name, resource.LogicalId,
                $"{resource.LogicalId} ({resource.Type}) {Verb(resource)} ({Because(resource)}) but keeps the fixed private IP {fixedIp}: CloudFormation creates the replacement first, while the old one still holds the address (InvalidIPAddress.InUse), so the update fails{IfReplaced(resource)}",
                [], "undo the change that forces replacement (e.g. pin the image ID), or move the host to a new IP in one update and back in another");
        }
    }

    private static (string Code, string Meaning, string Fix)? Disruption(string type) => type switch
    {
        "AWS::EC2::VPCEndpointService" => ("ILU010", "the service gets a new name, so every consumer endpoint is replaced",
            "avoid the change that replaces the endpoint service; if it must go, add the new service beside the old one, move consumers, then remove the old"),
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => ("ILU011", "a new load balancer with new addresses; the endpoint service switches to it",
            "avoid the change that replaces the load balancer, or deploy it in a maintenance window"),
        "AWS::ElasticLoadBalancingV2::TargetGroup" => ("ILU012", "a new target group whose targets must pass health checks before they receive traffic",
            "expect a short gap while the new targets become healthy, or deploy in a maintenance window"),
        "AWS::EC2::VPCPeeringConnection" => ("ILU013", "a new peering connection; routes through the old one are withdrawn until they point at the new one",
            "deploy in a maintenance window: the provider's return routes follow only in the provider-routes phase"),
        "AWS::EC2::VPCEndpoint" => ("ILU014", "the endpoint gets new DNS names and addresses",
            "give consumers the friendly name (hostedZone) instead of the endpoint's own DNS names, so the name survives replacement"),
        "AWS::EC2::VPC" or "AWS::EC2::Subnet" => ("ILU015", "everything inside it is rebuilt",
            "avoid changing the CIDR or AZ of a deployed VPC; build a new design beside it and move consumers"),
        _ => null,
    };

    /// <summary>The stack and every stack fed, directly or not, by its outputs.</summary>
    private static HashSet<string> Downstream(WiringManifest wiring, string stack)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { stack };
        var queue = new Queue<string>([stack]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var (name, next) in wiring.Stacks)
            {
                if (next.Parameters.Values.Any(source => source.Stack == current) && reached.Add(name))
                    queue.Enqueue(name);
            }
        }

        return reached;
    }

    private static string IfReplaced(ResourceDiff resource) => resource.Change == ResourceChange.Replaced ? "" : " if CloudFormation does replace it";

    private static string Verb(ResourceDiff resource) => resource.Change == ResourceChange.Replaced ? "is replaced" : "may be replaced";

    private static string Because(ResourceDiff resource) =>
        string.Join(", ", resource.Properties.Where(p => p.Replacement != Replacement.Never).Select(p => p.Because is null ? $"{p.Name} changes" : $"{p.Name}: {p.Because}"));

    private static string Who(IReadOnlyList<string> consumers) => consumers.Count == 0 ? "no consumer stack" : string.Join(", ", consumers);

    private static bool Same(JsonElement before, JsonElement after, string property, out string? value)
    {
        value = null;
        if (after.ValueKind != JsonValueKind.Object || !after.TryGetProperty(property, out var now))
            return false;
        value = JsonSerializer.Serialize(now);
        return before.ValueKind == JsonValueKind.Object && before.TryGetProperty(property, out var was) && JsonSame.Equal(was, now);
    }

    private static JsonElement Properties(StackTemplate template, string logicalId) =>
        template.Resources().FirstOrDefault(r => r.LogicalId == logicalId).Properties;
}
