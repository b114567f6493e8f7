using System.Diagnostics;

namespace Interlink.Service;

/// <summary>One structured log line per request: method, path, status, latency, client.</summary>
internal static partial class RequestLog
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next();
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            // Computed only when the line is written (CA1873 does not see this guard through the generated method).
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsed = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
                var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                var client = ServiceApp.ClientAddress(context);
                Request(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, elapsed, client);
            }
        }
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} {ElapsedMs} ms from {Client}")]
    private static partial void Request(ILogger logger, string method, string path, int statusCode, double elapsedMs, string client);
}
