namespace Interlink.Core.Model;

/// <summary>One Interlink design: a provider, its relays and its consumers, as written in <c>interlink.yaml</c>.</summary>
/// <param name="Name">Prefix of stack and resource names.</param>
/// <param name="Mode">Relay or native.</param>
/// <param name="Service">The service offered.</param>
/// <param name="Provider">Who offers it.</param>
/// <param name="Relays">Relay VPCs (relay mode only).</param>
/// <param name="Consumers">Who consumes it.</param>
/// <param name="Tags">Tags put on every resource.</param>
/// <param name="Suppressions">Security findings the user accepts, each with a reason.</param>
public sealed record InterlinkConfig(
    string Name,
    DeployMode Mode,
    ServiceSpec Service,
    ProviderSpec Provider,
    IReadOnlyList<RelaySpec> Relays,
    IReadOnlyList<ConsumerSpec> Consumers,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<Suppression> Suppressions)
{
    /// <summary>Who deploys the design (<c>deployment:</c>); nothing said means the provider's account.</summary>
    public DeploymentSpec Deployment { get; init; } = DeploymentSpec.Default;

    /// <summary>Alarms, dashboards and connection notifications (<c>monitoring:</c>); on unless turned off.</summary>
    public MonitoringSpec Monitoring { get; init; } = MonitoringSpec.Default;
}

/// <summary>A security finding accepted on purpose.</summary>
/// <param name="Rule">The rule ID it silences.</param>
/// <param name="Reason">Why it is acceptable; required.</param>
public sealed record Suppression(string Rule, string Reason);
