using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interlink.Service;

/// <summary>
/// Builds and runs the sample service. <see cref="Build"/> is what <c>Program</c> runs and what the tests start on
/// loopback, so they exercise the same pipeline, configuration and logging as the published binary.
/// </summary>
public static class ServiceApp
{
    /// <summary>Configuration keys (environment variables of the same name, or <c>--KEY=value</c> on the command line).</summary>
    public static class Keys
    {
        /// <summary>The service name reported by <c>GET /</c>.</summary>
        public const string ServiceName = "INTERLINK_SERVICE_NAME";
        /// <summary>The Region reported by <c>GET /</c>.</summary>
        public const string Region = "INTERLINK_REGION";
        /// <summary>The AZ reported by <c>GET /</c>.</summary>
        public const string Az = "INTERLINK_AZ";
        /// <summary>Overrides the host name reported by <c>GET /</c> (default: the machine name).</summary>
        public const string Host = "INTERLINK_HOST";
        /// <summary>Port to listen on, on every interface, when neither ASPNETCORE_URLS nor --urls is given.</summary>
        public const string Port = "INTERLINK_PORT";
        /// <summary>"1": fill a Region or AZ left unknown from the EC2 instance metadata service (IMDSv2).</summary>
        public const string Imds = "INTERLINK_IMDS";
        /// <summary>Base address of the instance metadata service (default http://169.254.169.254).</summary>
        public const string ImdsEndpoint = "INTERLINK_IMDS_ENDPOINT";
        /// <summary>"1": every connection starts with a proxy protocol v2 header (NLB target group attribute proxy_protocol_v2.enabled).</summary>
        public const string ProxyProtocol = "INTERLINK_PROXY_PROTOCOL";
        /// <summary>Seconds that in-flight requests get to finish on SIGTERM (default 10).</summary>
        public const string ShutdownTimeoutSeconds = "INTERLINK_SHUTDOWN_TIMEOUT_SECONDS";
    }

    internal const string Unknown = "unknown";
    internal const string RequestLogCategory = "Interlink.Service.Request";

    /// <summary>Runs the service until SIGTERM or Ctrl+C; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (ServiceConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"Interlink.Service: {e.Message}");
            return 2;
        }
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Typically the port is taken or not allowed: one line, no stack trace.
            await Console.Error.WriteLineAsync($"Interlink.Service: {e.Message}");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Builds the application. <paramref name="configure"/> runs first, so what it adds to the configuration (tests:
    /// an in-memory collection, URLs) is what the service reads.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        var config = builder.Configuration;

        ApplyPortFallback(builder);

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.IncludeScopes = false;
            o.JsonWriterOptions = new() { Indented = false };
        });
        // The per-request line below replaces ASP.NET Core's own request logging (two lines per request).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var shutdownSeconds = ReadInt(config, Keys.ShutdownTimeoutSeconds, 10, 0, 3600);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(shutdownSeconds));

        var proxyProtocol = IsOn(config[Keys.ProxyProtocol]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            if (proxyProtocol)
            {
                k.ConfigureEndpointDefaults(listen => listen.Use(next =>
                {
                    var logger = listen.ApplicationServices.GetRequiredService<ILoggerFactory>()
                        .CreateLogger("Interlink.Service.ProxyProtocol");
                    return connection => ProxyProtocol.HandleAsync(connection, next, logger, TimeSpan.FromSeconds(10));
                }));
            }
        });

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServiceJsonContext.Default);
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddSingleton(new ServiceIdentityStore(ServiceIdentity.FromConfiguration(config)));
        builder.Services.AddHostedService<ImdsLookup>();

        var app = builder.Build();

        var requestLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory);
        app.Use((context, next) => RequestLog.InvokeAsync(context, next, requestLogger));

        app.MapGet("/", Root);
        app.MapGet("/health", static () => TypedResults.Ok(new HealthResponse("ok")));
        return app;
    }

    internal static Ok<ServiceResponse> Root(HttpContext context, ServiceIdentityStore identities)
    {
        var identity = identities.Current;
        var forwardedFor = context.Request.Headers["X-Forwarded-For"].ToString();
        return TypedResults.Ok(new ServiceResponse(
            identity.Service,
            identity.Host,
            identity.Region,
            identity.Az,
            identity.Version,
            ClientAddress(context),
            forwardedFor.Length == 0 ? null : forwardedFor,
            context.Features.Get<ProxyProtocolFeature>()?.VpcEndpointId,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
    }

    /// <summary>The peer address of the connection (or the proxy protocol source), IPv4-mapped addresses unmapped.</summary>
    internal static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return Unknown;
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static void ApplyPortFallback(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var port = config[Keys.Port];
        if (string.IsNullOrWhiteSpace(port))
        {
            return;
        }
        var value = ReadInt(config, Keys.Port, 0, 0, 65535);
        // ASPNETCORE_URLS / --urls (key "urls") and ASPNETCORE_HTTP_PORTS (key "http_ports") win over the fallback.
        if (string.IsNullOrWhiteSpace(config["urls"]) && string.IsNullOrWhiteSpace(config["http_ports"]))
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    internal static bool IsOn(string? value) =>
        value is not null && (value.Trim() is "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    private static int ReadInt(IConfiguration config, string key, int fallback, int min, int max)
    {
        var text = config[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ServiceConfigurationException($"{key} must be a whole number from {min} to {max}, not '{text}'.");
        }
        return value;
    }
}

/// <summary>A configuration value the service cannot use; the process exits with code 2.</summary>
public sealed class ServiceConfigurationException(string message) : Exception(message);
