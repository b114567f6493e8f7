using System.Globalization;

namespace Interlink.Probe;

/// <summary>
/// The command line: <c>Interlink.Probe URL [-n N] [-c C] [--timeout 5s] [--deadline 60s] [--new-connections]
/// [--format text|json] [--requests-detail]</c>. Exit codes: 0 every request succeeded; 3 the probe ran and some
/// request failed or was not sent; 2 bad usage; 1 an internal failure; 130 interrupted.
/// </summary>
public static class ProbeCli
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Interlink.Probe URL [options]
          -n, --requests N       requests to send (default 100, at most 1000000)
          -c, --concurrency C    requests in flight at once (default 4, at most 1000)
          -t, --timeout D        per request, e.g. 500ms, 5s (default 5s; a bare number is seconds)
          -d, --deadline D       for the whole run (default 60s, at most 1h)
              --new-connections  a new TCP connection per request (spreads over an NLB's targets)
          -f, --format F         text (default) or json
              --requests-detail  with --format json, every request's outcome too
        exit codes: 0 all succeeded, 3 some failed or not sent, 2 bad usage, 1 internal failure
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ProbeOptions options;
        bool json, detail;
        try
        {
            (options, json, detail) = Parse(args);
            options.Validate();
        }
        catch (UsageException e)
        {
            if (e.Message.Length == 0)
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }
            await error.WriteLineAsync($"Interlink.Probe: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"Interlink.Probe: {e.Message.Split(" (Parameter")[0]}");
            return 2;
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var report = await ProbeRunner.RunAsync(options, interrupt.Token);
            if (json)
            {
                await output.WriteLineAsync(ProbeJson.Serialize(report, detail));
            }
            else
            {
                ProbeText.Write(output, report);
            }
            return report.Failed == 0 && report.NotSent == 0 ? 0 : 3;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interlink.Probe: interrupted");
            return 130;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"Interlink.Probe: internal failure: {e.Message}");
            if (Environment.GetEnvironmentVariable("INTERLINK_DEBUG") == "1")
            {
                await error.WriteLineAsync(e.ToString());
            }
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    internal static (ProbeOptions Options, bool Json, bool Detail) Parse(string[] args)
    {
        Uri? url = null;
        int requests = 100, concurrency = 4;
        TimeSpan? timeout = null, deadline = null;
        bool newConnections = false, json = false, detail = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"{arg} needs a value");
                }
                return args[++i];
            }
            switch (arg)
            {
                case "-h" or "--help":
                    throw new UsageException("");
                case "-n" or "--requests":
                    requests = Int(arg, Value());
                    break;
                case "-c" or "--concurrency":
                    concurrency = Int(arg, Value());
                    break;
                case "-t" or "--timeout":
                    timeout = Duration(arg, Value());
                    break;
                case "-d" or "--deadline":
                    deadline = Duration(arg, Value());
                    break;
                case "--new-connections":
                    newConnections = true;
                    break;
                case "--requests-detail":
                    detail = true;
                    break;
                case "-f" or "--format":
                    json = Value() switch
                    {
                        "json" => true,
                        "text" => false,
                        var other => throw new UsageException($"--format is text or json, not '{other}'"),
                    };
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new UsageException($"unknown option {arg}");
                    }
                    if (url is not null)
                    {
                        throw new UsageException($"one URL only (got '{url}' and '{arg}')");
                    }
                    if (!Uri.TryCreate(arg, UriKind.Absolute, out url))
                    {
                        throw new UsageException($"'{arg}' is not an absolute URL");
                    }
                    break;
            }
        }
        if (url is null)
        {
            throw new UsageException("no URL given");
        }
        return (new ProbeOptions(url, requests, concurrency, timeout, deadline, newConnections), json, detail);
    }

    private static int Int(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{option} takes a whole number, not '{text}'");

    /// <summary>"250ms", "5s", "2m", "1h", or a bare number of seconds ("1.5").</summary>
    internal static TimeSpan Duration(string option, string text)
    {
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ when text.EndsWith('h') => (text[..^1], 3_600_000.0),
            _ => (text, 1000.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || double.IsInfinity(value * unit) || value * unit > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            throw new UsageException($"{option} takes a duration such as 500ms, 5s or 2m, not '{text}'");
        }
        return TimeSpan.FromMilliseconds(value * unit);
    }

    private sealed class UsageException(string message) : Exception(message);
}
