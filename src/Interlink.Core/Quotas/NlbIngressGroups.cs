namespace Interlink.Core.Quotas;

/// <summary>
/// How an NLB's consumer ingress rules are spread over security groups: at most the default rules per group
/// (<see cref="AwsQuotas.RulesPerSecurityGroup"/>) each, so a relay with more consumers than one group holds still
/// deploys on default quotas, up to <see cref="AwsQuotas.SecurityGroupsPerInterface"/> groups. One description, used
/// by the construct that builds the groups and by the validation that counts them (a CDK test holds the two together).
/// </summary>
public static class NlbIngressGroups
{
    /// <summary>Inbound rules the NLB takes per consumer CIDR: one, for the listener port.</summary>
    public const int RulesPerConsumerCidr = 1;

    /// <summary>Inbound rules one group holds.</summary>
    public static int PerGroup => AwsQuotas.RulesPerSecurityGroup.Default;

    /// <summary>Groups the NLB needs for <paramref name="consumerCidrs"/> distinct consumer CIDRs (at least one).</summary>
    public static int GroupsFor(int consumerCidrs) => Math.Max(1, ((consumerCidrs * RulesPerConsumerCidr) + PerGroup - 1) / PerGroup);

    /// <summary>
    /// <paramref name="rules"/> in order, split into groups of at most <see cref="PerGroup"/>; one group (maybe empty)
    /// when there are none, since an NLB's security groups can only be attached when it is created.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<T>> Split<T>(IEnumerable<T> rules)
    {
        var groups = rules.Chunk(PerGroup).Select(g => (IReadOnlyList<T>)g).ToList();
        return groups.Count == 0 ? [[]] : groups;
    }
}
