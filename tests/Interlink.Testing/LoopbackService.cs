using Interlink.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Interlink.Testing;

/// <summary>
/// The real sample service (the same <see cref="ServiceApp.Build"/> as the published binary) on Kestrel, bound to
/// 127.0.0.1 on a port the OS picks. Only loopback traffic.
/// </summary>
public sealed class LoopbackService : IAsyncDisposable
{
    private LoopbackService(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    /// <summary>Starts the service. Values in <paramref name="settings"/> override the environment; <paramref name="map"/>
    /// may add test-only endpoints (a slow one) before the server starts.</summary>
    public static async Task<LoopbackService> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? map = null,
        string urls = "http://127.0.0.1:0")
    {
        var app = ServiceApp.Build([], builder =>
        {
            // Identity keys default to empty (= "unknown") so a variable set in the environment cannot leak in.
            var values = new Dictionary<string, string?>
            {
                [ServiceApp.Keys.ServiceName] = "",
                [ServiceApp.Keys.Region] = "",
                [ServiceApp.Keys.Az] = "",
                [ServiceApp.Keys.Host] = "",
                [ServiceApp.Keys.Port] = "",
                [ServiceApp.Keys.Imds] = "",
                [ServiceApp.Keys.ProxyProtocol] = "",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            builder.Configuration.AddInMemoryCollection(values);
            if (urls.Length > 0)
            {
                builder.WebHost.UseUrls(urls);
            }
        });
        map?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        var port = new Uri(address).Port;
        return new LoopbackService(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The address the server reports it bound (http://127.0.0.1:PORT or http://0.0.0.0:PORT).</summary>
    public string BoundAddress =>
        App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
