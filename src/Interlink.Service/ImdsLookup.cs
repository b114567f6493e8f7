namespace Interlink.Service;

/// <summary>
/// With INTERLINK_IMDS=1, fills a Region or AZ that configuration left "unknown" from the EC2 instance metadata
/// service (IMDSv2: a session token first). Bounded to two seconds; any failure leaves the values as they were.
/// </summary>
internal sealed partial class ImdsLookup(ServiceIdentityStore store, IConfiguration config, ILogger<ImdsLookup> logger) : IHostedService
{
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!ServiceApp.IsOn(config[ServiceApp.Keys.Imds]))
        {
            return;
        }
        var identity = store.Current;
        if (identity.Region != ServiceApp.Unknown && identity.Az != ServiceApp.Unknown)
        {
            return;
        }
        var endpoint = config[ServiceApp.Keys.ImdsEndpoint];
        var baseAddress = new Uri(string.IsNullOrWhiteSpace(endpoint) ? "http://169.254.169.254/" : endpoint.TrimEnd('/') + "/");
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = Budget })
        {
            BaseAddress = baseAddress,
            Timeout = Budget,
        };
        try
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
            tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
            using var tokenResponse = await http.SendAsync(tokenRequest, budget.Token);
            tokenResponse.EnsureSuccessStatusCode();
            var token = await tokenResponse.Content.ReadAsStringAsync(budget.Token);
            http.DefaultRequestHeaders.Add("X-aws-ec2-metadata-token", token);

            var region = identity.Region != ServiceApp.Unknown
                ? identity.Region
                : await http.GetStringAsync("latest/meta-data/placement/region", budget.Token);
            var az = identity.Az != ServiceApp.Unknown
                ? identity.Az
                : await http.GetStringAsync("latest/meta-data/placement/availability-zone", budget.Token);
            store.Current = identity with { Region = region.Trim(), Az = az.Trim() };
            Filled(logger, store.Current.Region, store.Current.Az);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            Failed(logger, e.GetType().Name, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, EventName = "ImdsFilled", Level = LogLevel.Information,
        Message = "Instance metadata: Region {Region}, AZ {Az}")]
    private static partial void Filled(ILogger logger, string region, string az);

    [LoggerMessage(EventId = 11, EventName = "ImdsFailed", Level = LogLevel.Warning,
        Message = "Instance metadata lookup failed ({Kind}: {Reason}); Region and AZ stay as configured")]
    private static partial void Failed(ILogger logger, string kind, string reason);
}
