using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Interlink.Service.Tests;

/// <summary>The service as its own process (the built Interlink.Service.dll): JSON logs on stdout, SIGTERM stops it.</summary>
public sealed partial class ServiceProcessTests
{
    [Fact]
    public async Task Logs_are_json_lines_with_one_line_per_request_and_sigterm_stops_it_cleanly()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Interlink.Service.dll");
        Assert.True(File.Exists(dll), dll);
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", dll, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["INTERLINK_SERVICE_NAME"] = "logged";
        start.Environment["INTERLINK_IMDS"] = "";
        start.Environment.Remove("ASPNETCORE_URLS");

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                stopped.TrySetResult();
                return;
            }
            lock (lines)
            {
                lines.Add(e.Data);
            }
            if (Listening().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
            }
        };
        var stderr = process.StandardError.ReadToEndAsync();
        process.BeginOutputReadLine();
        try
        {
            var baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("127.0.0.1", baseAddress.Host);

            using (var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) })
            {
                using var health = await http.GetAsync(new Uri(baseAddress, "/health"));
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                using var missing = await http.GetAsync(new Uri(baseAddress, "/missing"));
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        List<JsonElement> logs;
        lock (lines)
        {
            Assert.NotEmpty(lines);
            logs = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        }
        foreach (var log in logs)
        {
            Assert.Equal(JsonValueKind.Object, log.ValueKind);
            foreach (var field in new[] { "Timestamp", "LogLevel", "Category", "Message" })
            {
                Assert.True(log.TryGetProperty(field, out _), $"no {field} in {log}");
            }
            Assert.EndsWith("Z", log.GetProperty("Timestamp").GetString());
        }
        var requests = logs.Where(l => l.GetProperty("Category").GetString() == "Interlink.Service.Request").ToList();
        Assert.Equal(2, requests.Count);
        var state = requests[0].GetProperty("State");
        Assert.Equal("GET", state.GetProperty("Method").GetString());
        Assert.Equal("/health", state.GetProperty("Path").GetString());
        Assert.Equal(200, state.GetProperty("StatusCode").GetInt32());
        Assert.True(state.GetProperty("ElapsedMs").GetDouble() >= 0);
        Assert.Equal("127.0.0.1", state.GetProperty("Client").GetString());
        Assert.Equal(404, requests[1].GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.Contains(logs, l => l.GetProperty("Message").GetString() == "Application is shutting down...");
    }

    [Fact]
    public async Task A_bad_port_exits_2_with_one_line()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Interlink.Service.dll");
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        start.Environment["INTERLINK_PORT"] = "http";
        start.Environment.Remove("ASPNETCORE_URLS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("Interlink.Service: INTERLINK_PORT must be a whole number from 0 to 65535, not 'http'.", stderr.Trim());
        Assert.Equal("", await stdout);
    }

    [GeneratedRegex("Now listening on: (http://[^\"]+)")]
    private static partial Regex Listening();
}
