using Interlink.Core.Diagnostics;
using Interlink.Core.Model;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL030: provider and relay CIDRs are pairwise disjoint: peering and its routes need it.</summary>
public sealed class PeeredCidrOverlapRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL030";

    /// <inheritdoc />
    public override string Title => "Provider and relay CIDRs do not overlap";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var peered = context.Vpcs.Where(s => s.Role != VpcRole.Consumer).ToList();
        for (var i = 0; i < peered.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ValidationContext.Cidr(peered[i].Vpc.Cidr) is { } a && ValidationContext.Cidr(peered[j].Vpc.Cidr) is { } b && a.Overlaps(b))
                    Report(context, $"{peered[i].Path}.cidr",
                        $"{peered[i].Label(context.Config)} {a} overlaps {peered[j].Label(context.Config)} {b}; peered VPCs must not overlap, and the provider routes to every relay",
                        "give each relay VPC a block disjoint from the provider's and from the other relays'");
            }
        }
    }
}

/// <summary>IL031: consumer CIDRs may overlap anything; PrivateLink does not route between VPCs.</summary>
public sealed class ConsumerOverlapNote : Rule
{
    /// <inheritdoc />
    public override string Code => "IL031";

    /// <summary>How many overlapping VPCs a note names before it counts the rest.</summary>
    private const int MaxNamed = 3;

    /// <inheritdoc />
    public override string Title => "Consumer CIDRs may overlap";

    /// <inheritdoc />
    public override Severity Severity => Severity.Info;

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        // VPCs grouped by block, each block compared once with every other: n consumers sharing one CIDR cost one
        // comparison, not n², and each note names a few VPCs and counts the rest, so the report grows with n, not
        // n² (a 20 MB config of that shape once grew to 19 GB).
        var blocks = context.Vpcs
            .Select(site => (Site: site, Cidr: ValidationContext.Cidr(site.Vpc.Cidr)))
            .Where(p => p.Cidr.HasValue)
            .GroupBy(p => p.Cidr!.Value, p => p.Site)
            .Select(g => (Cidr: g.Key, Sites: g.ToList()))
            .ToList();
        foreach (var (mine, sites) in blocks)
        {
            var overlappingBlocks = blocks.Where(b => b.Cidr.Overlaps(mine)).ToList();
            var total = overlappingBlocks.Sum(b => b.Sites.Count) - 1;
            if (total == 0)
                continue;
            foreach (var consumer in sites.Where(s => s.Role == VpcRole.Consumer))
            {
                var named = overlappingBlocks.SelectMany(b => b.Sites).Where(o => !ReferenceEquals(o, consumer)).Take(MaxNamed).ToList();
                var more = total > named.Count ? $" and {total - named.Count} more" : "";
                Report(context, $"{consumer.Path}.cidr",
                    $"{mine} overlaps {string.Join(", ", named.Select(o => o.Label(context.Config)))}{more}; that is fine: PrivateLink reaches the service through an endpoint in the consumer's own VPC, with no routes between VPCs",
                    null);
            }
        }
    }
}

/// <summary>IL032: relay mode: every consumer Region has a relay.</summary>
public sealed class ConsumerHasRelayRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL032";

    /// <inheritdoc />
    public override string Title => "Every consumer Region has a relay";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Mode != DeployMode.Relay)
            return;
        var relayRegions = config.Relays.Select(r => r.Region).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < config.Consumers.Count; i++)
        {
            var region = config.Consumers[i].Region;
            // A consumer beside the provider is IL035's business; an unknown or missing Region is IL013's or IL005's.
            if (region.Length == 0 || region == config.Provider.Region || relayRegions.Contains(region) || ValidationContext.Region(region) is null)
                continue;
            Report(context, $"consumers[{i}].region",
                $"consumer '{config.Consumers[i].Name}' is in {region}, but no relay is in {region}; an interface endpoint can only use an endpoint service of its own Region",
                $"add a relay with 'region: {region}' and a VPC CIDR disjoint from the provider's, or use 'mode: native'");
        }
    }
}

/// <summary>IL033: a relay that no consumer uses costs money for nothing.</summary>
public sealed class RelayWithoutConsumerRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL033";

    /// <inheritdoc />
    public override string Title => "Every relay serves a consumer";

    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        // With no consumers at all, IL036 says what matters; a warning per relay would only add noise.
        if (config.Mode != DeployMode.Relay || config.Consumers.Count == 0)
            return;
        var consumerRegions = config.Consumers.Select(c => c.Region).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < config.Relays.Count; i++)
        {
            if (!consumerRegions.Contains(config.Relays[i].Region))
                Report(context, $"relays[{i}].region",
                    $"no consumer is in {config.Relays[i].Region}, so this relay (an NLB and a peering, billed hourly) serves nobody",
                    "remove the relay, or add a consumer in its Region");
        }
    }
}

/// <summary>IL034: at most one relay per Region.</summary>
public sealed class OneRelayPerRegionRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL034";

    /// <inheritdoc />
    public override string Title => "One relay per Region";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < context.Config.Relays.Count; i++)
        {
            var region = context.Config.Relays[i].Region;
            if (region.Length > 0 && !seen.TryAdd(region, i))
                Report(context, $"relays[{i}].region", $"a second relay in {region} (the first is relays[{seen[region]}]); one relay serves every consumer of its Region",
                    "remove one of them");
        }
    }
}

/// <summary>IL035: relay mode does not yet serve consumers (or put relays) in the provider's own Region.</summary>
public sealed class SameRegionRelayRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL035";

    /// <inheritdoc />
    public override string Title => "No relay or consumer in the provider's Region (not yet supported)";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        var home = config.Provider.Region;
        if (config.Mode != DeployMode.Relay || home.Length == 0)
            return;
        for (var i = 0; i < config.Relays.Count; i++)
        {
            if (config.Relays[i].Region == home)
                Report(context, $"relays[{i}].region", $"relay in the provider's own Region {home}; a relay only bridges Regions",
                    "remove it: same-Region consumers are not yet supported by Interlink (they need an endpoint service in the provider VPC)");
        }

        foreach (var (path, message) in SameRegionConsumers.Of(config))
            Report(context, path, message, "move the consumer to another Region, or serve it with a plain same-Region endpoint service outside Interlink for now");
    }
}

/// <summary>Consumers in the provider's own Region, which neither design supports yet (IL035 in relay mode, IL042 in native).</summary>
internal static class SameRegionConsumers
{
    public static IEnumerable<(string Path, string Message)> Of(InterlinkConfig config)
    {
        for (var i = 0; i < config.Consumers.Count; i++)
        {
            if (config.Consumers[i].Region == config.Provider.Region)
                yield return ($"consumers[{i}].region",
                    $"consumer '{config.Consumers[i].Name}' is in the provider's own Region {config.Provider.Region}; Interlink does not yet support same-Region consumers");
        }
    }
}

/// <summary>IL036: a design has at least one consumer.</summary>
public sealed class HasConsumerRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL036";

    /// <inheritdoc />
    public override string Title => "At least one consumer";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        // A missing 'consumers' key is IL005; an empty list is this rule.
        if (context.Config.Consumers.Count == 0 && context.Diagnostics.Items.All(d => d.Path != "consumers"))
            Report(context, "consumers", "the design has no consumers, so nothing would use the service",
                "add a consumer: '- { name: west, region: us-west-2, vpc: { cidr: 10.12.0.0/16, azs: [usw2-az1, usw2-az2] } }'");
    }
}

/// <summary>IL037: relay mode: each consumer has private subnets in AZs its relay's NLB serves.</summary>
public sealed class ConsumerAzServedRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL037";

    /// <inheritdoc />
    public override string Title => "Consumer AZs are served by its relay's NLB";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Mode != DeployMode.Relay)
            return;
        foreach (var consumer in context.Vpcs.Where(s => s.Role == VpcRole.Consumer))
        {
            var relay = context.Vpcs.FirstOrDefault(s => s.Role == VpcRole.Relay && s.Region == consumer.Region);
            if (relay is null)
                continue;
            var served = context.PrivateSubnets(relay).Select(s => s.Az).ToHashSet(StringComparer.Ordinal);
            var mine = context.PrivateSubnets(consumer).Select(s => s.Az).Distinct().ToList();
            if (served.Count == 0 || mine.Count == 0 || mine.Any(served.Contains))
                continue;
            Report(context, consumer.Vpc.IsExisting ? $"{consumer.Path}.subnets" : $"{consumer.Path}.azs",
                $"{consumer.Label(config)} is in {string.Join(", ", mine)}, but its relay's NLB serves only {string.Join(", ", served)}; an endpoint can only be placed in AZs the NLB serves",
                $"give the consumer a private subnet in one of {string.Join(", ", served)}, or add its AZs to the relay in {consumer.Region}");
        }
    }
}
