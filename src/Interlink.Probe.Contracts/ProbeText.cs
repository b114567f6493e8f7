using System.Globalization;

namespace Interlink.Probe;

/// <summary>The probe report for people.</summary>
public static class ProbeText
{
    /// <summary>Writes <paramref name="report"/> as a few lines of text.</summary>
    public static void Write(TextWriter writer, ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c,
            $"probe {report.Url}: {report.Requested} requests, concurrency {report.Concurrency}, timeout {report.TimeoutMs:0.###} ms, {(report.NewConnections ? "a new connection per request" : "connections reused")}"));
        var line = string.Create(c,
            $"sent {report.Sent}, ok {report.Succeeded}, failed {report.Failed} in {report.ElapsedMs / 1000:0.000} s ({report.RequestsPerSecond:0.0} requests/s)");
        if (report.NotSent > 0)
        {
            line += string.Create(c, $"; deadline of {report.DeadlineMs / 1000:0.###} s reached, {report.NotSent} not sent");
        }
        else if (report.DeadlineReached)
        {
            line += string.Create(c, $"; deadline of {report.DeadlineMs / 1000:0.###} s reached");
        }
        writer.WriteLine(line);
        if (report.Errors.Count > 0)
        {
            writer.WriteLine("errors: " + string.Join(", ", report.Errors.Select(e => string.Create(c, $"{e.Key} {e.Value}"))));
            foreach (var (kind, message) in report.ErrorSamples)
            {
                writer.WriteLine($"  {kind}: {message}");
            }
        }
        if (report.Latency is { } l)
        {
            writer.WriteLine(string.Create(c,
                $"latency ms (ok requests, nearest rank): min {l.MinMs:0.000}  p50 {l.P50Ms:0.000}  p90 {l.P90Ms:0.000}  p99 {l.P99Ms:0.000}  max {l.MaxMs:0.000}  mean {l.MeanMs:0.000}"));
        }
        else
        {
            writer.WriteLine("latency: no successful request");
        }
        var hosts = report.Hosts.Count == 0
            ? "none identified"
            : string.Join(", ", report.Hosts.Select(h => string.Create(c, $"{h.Key} {h.Value}")));
        if (report.Unidentified > 0)
        {
            hosts += string.Create(c, $" (+{report.Unidentified} responses without a host field)");
        }
        writer.WriteLine(string.Create(c, $"hosts ({report.Hosts.Count}): {hosts}"));
    }
}
