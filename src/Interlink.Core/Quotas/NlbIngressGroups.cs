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

    /// <summary>
    /// Inbound rules the first group also takes per target subnet: ICMP "fragmentation needed" from it, for path MTU
    /// discovery toward the targets (the construct puts them in the first group, beside the egress to the targets).
    /// </summary>
    public const int PathMtuRulesPerTargetSubnet = 1;

    /// <summary>Inbound rules one group holds.</summary>
    public static int PerGroup => AwsQuotas.RulesPerSecurityGroup.Default;

    /// <summary>
    /// Groups the NLB needs for <paramref name="consumerCidrs"/> distinct consumer CIDRs (at least one), the first of
    /// which also holds <paramref name="reservedInFirst"/> other inbound rules.
    /// </summary>
    public static int GroupsFor(int consumerCidrs, int reservedInFirst = 0) =>
        Math.Max(1, ((consumerCidrs * RulesPerConsumerCidr) + reservedInFirst + PerGroup - 1) / PerGroup);

    /// <summary>
    /// <paramref name="rules"/> in order, split into groups of at most <see cref="PerGroup"/>; one group (maybe empty)
    /// when there are none, since an NLB's security groups can only be attached when it is created.
    /// </summary>
    /// <param name="rules">The consumer rules.</param>
    /// <param name="reservedInFirst">Other inbound rules the first group holds (the path-MTU ICMP rules), so it takes fewer consumer rules.</param>
    public static IReadOnlyList<IReadOnlyList<T>> Split<T>(IEnumerable<T> rules, int reservedInFirst = 0)
    {
        var all = rules.ToList();
        var first = Math.Max(0, Math.Min(all.Count, PerGroup - reservedInFirst));
        var groups = new List<IReadOnlyList<T>> { all.Take(first).ToList() };
        groups.AddRange(all.Skip(first).Chunk(PerGroup).Select(g => (IReadOnlyList<T>)g));
        return groups;
    }
}
