namespace Interlink.Core.Model;

/// <summary>The service consumers connect to.</summary>
/// <param name="Port">Port consumers connect to (the NLB listener).</param>
/// <param name="TargetPort">Port the service listens on at the provider hosts; defaults to <paramref name="Port"/>.</param>
/// <param name="HealthCheck">Target health check.</param>
/// <param name="AcceptanceRequired">Whether each endpoint connection must be accepted by the provider; default true.</param>
/// <param name="ProxyProtocolV2">Send the consumer's address to targets in a proxy protocol v2 header; default false.</param>
public sealed record ServiceSpec(
    int Port,
    int TargetPort,
    HealthCheckSpec HealthCheck,
    bool AcceptanceRequired = true,
    bool ProxyProtocolV2 = false);
