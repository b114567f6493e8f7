using System.Globalization;
using System.Net;
using System.Text.Json;
using Interlink.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Interlink.Service.Tests;

public sealed class ServiceEndpointTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<JsonElement> GetJsonAsync(Uri url, HttpRequestMessage? request = null)
    {
        using var response = await Http.SendAsync(request ?? new HttpRequestMessage(HttpMethod.Get, url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Root_reports_the_configured_identity_and_the_loopback_client()
    {
        await using var service = await LoopbackService.StartAsync(new Dictionary<string, string?>
        {
            [ServiceApp.Keys.ServiceName] = "orders",
            [ServiceApp.Keys.Region] = "us-east-1",
            [ServiceApp.Keys.Az] = "use1-az2",
            [ServiceApp.Keys.Host] = "host-a",
        });
        var before = DateTime.UtcNow;
        var body = await GetJsonAsync(service.BaseAddress);

        Assert.Equal("orders", body.GetProperty("service").GetString());
        Assert.Equal("host-a", body.GetProperty("host").GetString());
        Assert.Equal("us-east-1", body.GetProperty("region").GetString());
        Assert.Equal("use1-az2", body.GetProperty("az").GetString());
        Assert.StartsWith("0.1.0", body.GetProperty("version").GetString());
        Assert.Equal("127.0.0.1", body.GetProperty("client").GetString());
        Assert.False(body.TryGetProperty("forwardedFor", out _));
        Assert.False(body.TryGetProperty("vpcEndpointId", out _));

        var time = body.GetProperty("time").GetString()!;
        Assert.EndsWith("Z", time);
        var parsed = DateTime.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(parsed, before.AddSeconds(-5), DateTime.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Absent_identity_values_are_unknown_and_the_host_is_the_machine_name()
    {
        await using var service = await LoopbackService.StartAsync();
        var body = await GetJsonAsync(service.BaseAddress);

        Assert.Equal("unknown", body.GetProperty("service").GetString());
        Assert.Equal("unknown", body.GetProperty("region").GetString());
        Assert.Equal("unknown", body.GetProperty("az").GetString());
        Assert.Equal(Environment.MachineName, body.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Forwarded_for_is_echoed_but_the_client_stays_the_connection_peer()
    {
        await using var service = await LoopbackService.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, service.BaseAddress);
        request.Headers.Add("X-Forwarded-For", "192.0.2.10, 198.51.100.7");
        var body = await GetJsonAsync(service.BaseAddress, request);

        Assert.Equal("127.0.0.1", body.GetProperty("client").GetString());
        Assert.Equal("192.0.2.10, 198.51.100.7", body.GetProperty("forwardedFor").GetString());
    }

    [Fact]
    public async Task Health_is_200_with_status_ok()
    {
        await using var service = await LoopbackService.StartAsync();
        using var response = await Http.GetAsync(new Uri(service.BaseAddress, "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/health/deep")]
    [InlineData("/favicon.ico")]
    public async Task Unknown_paths_are_404(string path)
    {
        await using var service = await LoopbackService.StartAsync();
        using var response = await Http.GetAsync(new Uri(service.BaseAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_to_root_is_not_allowed()
    {
        await using var service = await LoopbackService.StartAsync();
        using var response = await Http.PostAsync(service.BaseAddress, new StringContent("x"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Graceful_stop_completes_an_in_flight_request_then_refuses_new_connections()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = await LoopbackService.StartAsync(map: app => app.MapGet("/slow", async () =>
        {
            started.SetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return "done";
        }));
        try
        {
            var inFlight = Http.GetAsync(new Uri(service.BaseAddress, "/slow"));
            await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

            await service.App.StopAsync(TimeSpan.FromSeconds(10));

            using var response = await inFlight;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("done", await response.Content.ReadAsStringAsync());

            using var fresh = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(new Uri(service.BaseAddress, "/health")));
            Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        }
        finally
        {
            await service.App.DisposeAsync();
        }
    }

    [Fact]
    public async Task Interlink_port_is_the_fallback_when_no_urls_are_given()
    {
        await using var service = await LoopbackService.StartAsync(
            new Dictionary<string, string?> { [ServiceApp.Keys.Port] = "0" }, urls: "");

        Assert.StartsWith("http://0.0.0.0:", service.BoundAddress);
        using var response = await Http.GetAsync(new Uri(service.BaseAddress, "/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Urls_win_over_interlink_port()
    {
        await using var service = await LoopbackService.StartAsync(
            new Dictionary<string, string?> { [ServiceApp.Keys.Port] = "1" });

        Assert.StartsWith("http://127.0.0.1:", service.BoundAddress);
        Assert.NotEqual(1, service.Port);
    }

    [Theory]
    [InlineData(ServiceApp.Keys.Port, "80a")]
    [InlineData(ServiceApp.Keys.Port, "70000")]
    [InlineData(ServiceApp.Keys.ShutdownTimeoutSeconds, "-1")]
    public async Task A_bad_number_is_a_configuration_error(string key, string value)
    {
        var error = await Assert.ThrowsAsync<ServiceConfigurationException>(() =>
            LoopbackService.StartAsync(new Dictionary<string, string?> { [key] = value }, urls: ""));

        Assert.Contains(key, error.Message);
    }
}
