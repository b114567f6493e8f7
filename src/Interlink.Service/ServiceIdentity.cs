using System.Reflection;

namespace Interlink.Service;

/// <summary>What <c>GET /</c> says about the instance that answered.</summary>
public sealed record ServiceIdentity(string Service, string Host, string Region, string Az, string Version)
{
    /// <summary>The version of this build (the assembly's informational version).</summary>
    public static string BuildVersion { get; } =
        typeof(ServiceIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    /// <summary>Reads the identity from configuration; absent values are "unknown", the host defaults to the machine name.</summary>
    public static ServiceIdentity FromConfiguration(IConfiguration config) => new(
        Value(config[ServiceApp.Keys.ServiceName]) ?? ServiceApp.Unknown,
        Value(config[ServiceApp.Keys.Host]) ?? Environment.MachineName,
        Value(config[ServiceApp.Keys.Region]) ?? ServiceApp.Unknown,
        Value(config[ServiceApp.Keys.Az]) ?? ServiceApp.Unknown,
        BuildVersion);

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Holds the current identity; the IMDS lookup may complete it once at startup.</summary>
public sealed class ServiceIdentityStore(ServiceIdentity initial)
{
    private volatile ServiceIdentity _current = initial;

    /// <summary>The identity reported now.</summary>
    public ServiceIdentity Current
    {
        get => _current;
        set => _current = value;
    }
}
