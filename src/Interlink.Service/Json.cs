using System.Text.Json.Serialization;

namespace Interlink.Service;

/// <summary>The body of <c>GET /</c>.</summary>
/// <param name="Service">INTERLINK_SERVICE_NAME, or "unknown".</param>
/// <param name="Host">The machine name (or INTERLINK_HOST).</param>
/// <param name="Region">INTERLINK_REGION (or IMDS), or "unknown".</param>
/// <param name="Az">INTERLINK_AZ (or IMDS), or "unknown".</param>
/// <param name="Version">The service build's version.</param>
/// <param name="Client">The peer address of the TCP connection, or the source address of a proxy protocol v2 header.</param>
/// <param name="ForwardedFor">The X-Forwarded-For header as received (not trusted, not interpreted); absent when not sent.</param>
/// <param name="VpcEndpointId">The VPC endpoint the connection came through (proxy protocol v2 AWS TLV); absent when unknown.</param>
/// <param name="Time">The service's clock, UTC, ISO 8601.</param>
public sealed record ServiceResponse(
    string Service,
    string Host,
    string Region,
    string Az,
    string Version,
    string Client,
    string? ForwardedFor,
    string? VpcEndpointId,
    string Time);

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record HealthResponse(string Status);

/// <summary>Source-generated JSON for the service's bodies (no reflection: the published binary is trimmed).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceResponse))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class ServiceJsonContext : JsonSerializerContext;
