using System.Net;
using System.Text.Json;
using Interlink.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Interlink.Service.Tests;

/// <summary>The optional IMDSv2 lookup, against a stand-in metadata service on loopback (never the real address).</summary>
public sealed class ImdsTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<(WebApplication App, Uri Address, List<string> Seen)> StartFakeImdsAsync()
    {
        var seen = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPut("/latest/api/token", (HttpRequest request) =>
        {
            lock (seen)
            {
                seen.Add("PUT token ttl=" + request.Headers["X-aws-ec2-metadata-token-ttl-seconds"]);
            }
            return "session-token";
        });
        app.MapGet("/latest/meta-data/placement/{item}", (string item, HttpRequest request) =>
        {
            lock (seen)
            {
                seen.Add($"GET {item} token={request.Headers["X-aws-ec2-metadata-token"]}");
            }
            if (request.Headers["X-aws-ec2-metadata-token"] != "session-token")
            {
                return Results.StatusCode(401);
            }
            return item switch
            {
                "region" => Results.Text("eu-west-1"),
                "availability-zone" => Results.Text("eu-west-1b"),
                _ => Results.NotFound(),
            };
        });
        await app.StartAsync();
        return (app, new Uri(app.Urls.Single()), seen);
    }

    private static async Task<JsonElement> RootAsync(LoopbackService service)
    {
        using var response = await Http.GetAsync(service.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task With_the_flag_region_and_az_come_from_imdsv2()
    {
        var (imds, address, seen) = await StartFakeImdsAsync();
        await using (imds)
        {
            await using var service = await LoopbackService.StartAsync(new Dictionary<string, string?>
            {
                [ServiceApp.Keys.Imds] = "1",
                [ServiceApp.Keys.ImdsEndpoint] = address.ToString(),
            });
            var body = await RootAsync(service);

            Assert.Equal("eu-west-1", body.GetProperty("region").GetString());
            Assert.Equal("eu-west-1b", body.GetProperty("az").GetString());
            Assert.Equal(["PUT token ttl=60", "GET region token=session-token", "GET availability-zone token=session-token"], seen);
        }
    }

    [Fact]
    public async Task Configured_values_win_over_imds()
    {
        var (imds, address, seen) = await StartFakeImdsAsync();
        await using (imds)
        {
            await using var service = await LoopbackService.StartAsync(new Dictionary<string, string?>
            {
                [ServiceApp.Keys.Imds] = "1",
                [ServiceApp.Keys.ImdsEndpoint] = address.ToString(),
                [ServiceApp.Keys.Region] = "us-east-1",
            });
            var body = await RootAsync(service);

            Assert.Equal("us-east-1", body.GetProperty("region").GetString());
            Assert.Equal("eu-west-1b", body.GetProperty("az").GetString());
            Assert.DoesNotContain(seen, s => s.StartsWith("GET region", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unreachable_metadata_service_leaves_unknown_and_does_not_stop_startup()
    {
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var service = await LoopbackService.StartAsync(new Dictionary<string, string?>
        {
            [ServiceApp.Keys.Imds] = "1",
            [ServiceApp.Keys.ImdsEndpoint] = $"http://127.0.0.1:{port}",
        });
        Assert.True(clock.Elapsed < ImdsLookup.Budget + TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
        var body = await RootAsync(service);

        Assert.Equal("unknown", body.GetProperty("region").GetString());
        Assert.Equal("unknown", body.GetProperty("az").GetString());
    }

    [Fact]
    public async Task Without_the_flag_nothing_is_asked()
    {
        var (imds, address, seen) = await StartFakeImdsAsync();
        await using (imds)
        {
            await using var service = await LoopbackService.StartAsync(new Dictionary<string, string?>
            {
                [ServiceApp.Keys.ImdsEndpoint] = address.ToString(),
            });
            var body = await RootAsync(service);

            Assert.Equal("unknown", body.GetProperty("region").GetString());
            Assert.Empty(seen);
        }
    }
}
