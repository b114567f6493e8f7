namespace Interlink.Core.Quotas;

/// <summary>
/// How an NLB's consumer CIDRs are spread over security groups: at most the default rules per group
/// (<see cref="AwsQuotas.RulesPerSecurityGroup"/>) each, so a relay with more consumers than one group holds still
/// deploys on default quotas, up to <see cref="AwsQuotas.SecurityGroupsPerInterface"/> groups. One description,
/// used by the construct that builds the groups and by the validation that counts them.
/// </summary>
public static class NlbIngressGroups
{
    /// <summary>Consumer CIDRs one group holds: each CIDR is one inbound rule (one listener port).</summary>
    public static int PerGroup => AwsQuotas.RulesPerSecurityGroup.Default;

    /// <summary>
    /// <paramref name="cidrs"/> (distinct, in order) split into groups of at most <see cref="PerGroup"/>; one group
    /// (maybe empty) when there are none, since an NLB's security groups can only be attached when it is created.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Split(IEnumerable<string> cidrs)
    {
        var groups = cidrs.Distinct(StringComparer.Ordinal).Chunk(PerGroup).Select(g => (IReadOnlyList<string>)g).ToList();
        return groups.Count == 0 ? [[]] : groups;
    }
}
