using Interlink.Core.Validation.Rules;

namespace Interlink.Core.Validation;

/// <summary>Every validation rule, in the order they run (syntax before design, so design rules see clean values).</summary>
public static class RuleSet
{
    /// <summary>All rules.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        new CidrSyntaxRule(), new AccountIdRule(), new PortRangeRule(), new KnownRegionRule(),
        new AzInRegionRule(), new AzNameRule(), new VpcPrefixRule(), new SubnetInsideVpcRule(),
        new SubnetOverlapRule(), new SubnetPerAzRule(), new MinimumAzRule(), new NatGatewayRule(),
        new HealthCheckRule(), new ExistingIdRule(), new SubnetCarvingRule(), new DuplicateAzRule(),
        new TagRule(), new AccountConsistencyRule(), new HostedZoneRule(),
        new PeeredCidrOverlapRule(), new ConsumerOverlapNote(), new ConsumerHasRelayRule(), new RelayWithoutConsumerRule(),
        new OneRelayPerRegionRule(), new SameRegionRelayRule(), new HasConsumerRule(), new ConsumerAzServedRule(), new PrivateDnsRule(),
        new NativeNoRelaysRule(), new NativeAzRule(), new NativeSameRegionRule(), new NativeRegionRule(), new NativeDeployNotesRule(),
        new TargetIpInSubnetRule(), new TargetIpUniqueRule(), new TargetCountRule(), new InstanceCountRule(),
        new TargetIpReservedRule(), new ExistingHostsSecurityGroupRule(), new ImageIdRule(),
        new DesignNameRule(), new DerivedNameLengthRule(), new ConsumerNameRule(), new SuppressionRule(), new AcceptanceRule(), new BootstrapQualifierRule(),
        new HardQuotaRule(), new AdjustableQuotaRule(),
        new MonitoringTopicRule(), new MonitoringEmailRule(), new MonitoringThresholdRule(),
    ];
}
