namespace Interlink.Probe;

/// <summary>What to probe and how hard. Every run is bounded: at most <see cref="Requests"/> requests and at most
/// <see cref="Deadline"/> of wall time, whichever ends first.</summary>
/// <param name="Url">The absolute http(s) URL to GET.</param>
/// <param name="Requests">N, the number of requests to send (1 to <see cref="MaxRequests"/>).</param>
/// <param name="Concurrency">C, the number of requests in flight at once (1 to <see cref="MaxConcurrency"/>, at most N).</param>
/// <param name="Timeout">Per request, from sending to the last byte of the body (connecting included).</param>
/// <param name="Deadline">For the whole run; requests not started by then are not sent, requests in flight are cut off.</param>
/// <param name="NewConnections">Open a new TCP connection for every request (<c>Connection: close</c>), so that a load
/// balancer that hashes per connection spreads the requests; otherwise connections are reused.</param>
public sealed record ProbeOptions(
    Uri Url,
    int Requests = 100,
    int Concurrency = 4,
    TimeSpan? Timeout = null,
    TimeSpan? Deadline = null,
    bool NewConnections = false)
{
    /// <summary>The most requests one run sends.</summary>
    public const int MaxRequests = 1_000_000;
    /// <summary>The most requests in flight at once.</summary>
    public const int MaxConcurrency = 1_000;
    /// <summary>The default per-request timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    /// <summary>The default deadline for the whole run.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);
    /// <summary>The longest per-request timeout or deadline accepted.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>The per-request timeout in force.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;

    /// <summary>The run's deadline in force.</summary>
    public TimeSpan EffectiveDeadline => Deadline ?? DefaultDeadline;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"the URL must be an absolute http or https URL, not '{Url}'", nameof(Url));
        }
        if (Requests is < 1 or > MaxRequests)
        {
            throw new ArgumentException($"the number of requests must be from 1 to {MaxRequests}, not {Requests}", nameof(Requests));
        }
        if (Concurrency is < 1 or > MaxConcurrency)
        {
            throw new ArgumentException($"the concurrency must be from 1 to {MaxConcurrency}, not {Concurrency}", nameof(Concurrency));
        }
        if (EffectiveTimeout <= TimeSpan.Zero || EffectiveTimeout > MaxDuration)
        {
            throw new ArgumentException($"the timeout must be more than 0 and at most 1 h, not {EffectiveTimeout}", nameof(Timeout));
        }
        if (EffectiveDeadline <= TimeSpan.Zero || EffectiveDeadline > MaxDuration)
        {
            throw new ArgumentException($"the deadline must be more than 0 and at most 1 h, not {EffectiveDeadline}", nameof(Deadline));
        }
    }
}
