namespace Interlink.Core.Model;

/// <summary>The account and Region that offer the service.</summary>
/// <param name="Account">12-digit account ID; null for the deploying account.</param>
/// <param name="Region">Region code.</param>
/// <param name="Vpc">The provider VPC.</param>
/// <param name="Targets">The service's targets.</param>
public sealed record ProviderSpec(string? Account, string Region, VpcSpec Vpc, TargetsSpec Targets);

/// <summary>Relay mode: a VPC in a consumer Region, peered with the provider, that fronts the service.</summary>
/// <param name="Region">Region code; consumers of this Region connect through it.</param>
/// <param name="Account">12-digit account ID; null for the provider's account.</param>
/// <param name="Vpc">The relay VPC.</param>
/// <param name="PeeringDns">Let each side resolve the other's private DNS names over the peering; default false.</param>
public sealed record RelaySpec(string Region, string? Account, VpcSpec Vpc, bool PeeringDns = false);

/// <summary>A VPC that consumes the service through an interface endpoint.</summary>
/// <param name="Name">Unique name, used in stack names.</param>
/// <param name="Account">12-digit account ID; null for the provider's account.</param>
/// <param name="Region">Region code.</param>
/// <param name="Vpc">The consumer VPC.</param>
/// <param name="Client">Create a client host to probe the service from; default false.</param>
/// <param name="PrivateDns">Asks for the endpoint service's private DNS name; always rejected (IL038): Interlink's endpoint services have none.</param>
/// <param name="HostedZone">Friendly private DNS name for the endpoint (a private hosted zone); null for none.</param>
public sealed record ConsumerSpec(
    string Name,
    string? Account,
    string Region,
    VpcSpec Vpc,
    bool Client = false,
    bool PrivateDns = false,
    string? HostedZone = null);
