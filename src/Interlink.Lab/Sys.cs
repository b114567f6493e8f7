using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Interlink.Lab;

/// <summary>Processes, network namespaces and signals: the few system calls the lab needs.</summary>
internal static partial class Sys
{
    private const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>The full path of <paramref name="tool"/> on PATH (or the usual sbin directories), or null.</summary>
    public static string? Which(string tool)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    /// <summary>The result of a finished command.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Ok => ExitCode == 0;
    }

    /// <summary>Runs <paramref name="file"/> to completion, feeding <paramref name="input"/> on stdin.</summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string? input = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new LabException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (input is not null)
            await process.StandardInput.WriteAsync(input.AsMemory(), ct);
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new LabException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish in time");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command and throws a one-line <see cref="LabException"/> when it fails.</summary>
    public static async Task<string> CheckAsync(string file, IEnumerable<string> args, string? input = null, CancellationToken ct = default)
    {
        var list = args.ToList();
        var r = await RunAsync(file, list, input, ct: ct);
        if (!r.Ok)
        {
            var error = r.Error.Trim().Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {r.ExitCode}";
            throw new LabException($"{Path.GetFileName(file)} {string.Join(' ', list)}: {error}");
        }

        return r.Output;
    }

    /// <summary>
    /// Starts a long-running process in its own session (so it outlives the caller and ignores its terminal), stdin from
    /// /dev/null and output to <paramref name="log"/>; returns its PID (setsid and sh exec, so the PID is the final program's).
    /// </summary>
    public static int StartDetached(IReadOnlyList<string> command, string log, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(Which("setsid") ?? "setsid") { UseShellExecute = false };
        psi.ArgumentList.Add("/bin/sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$@\" >>\"$IL_LOG\" 2>&1 </dev/null");
        psi.ArgumentList.Add("sh");
        foreach (var c in command)
            psi.ArgumentList.Add(c);
        psi.Environment["IL_LOG"] = log;
        foreach (var (k, v) in environment)
            psi.Environment[k] = v;
        using var process = Process.Start(psi) ?? throw new LabException($"could not start {command[0]}");
        return process.Id;
    }

    /// <summary>The command line of <paramref name="pid"/>, or null when it is gone (or a zombie).</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            if (state is 'Z' or 'X')
                return null;
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="pid"/> runs and its command line contains <paramref name="marker"/>.</summary>
    public static bool IsAlive(int pid, string marker) => CommandLine(pid) is { } c && c.Contains(marker, StringComparison.Ordinal);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it is gone.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>Kills <paramref name="pids"/> (SIGKILL) and waits until they are gone (zombies count as gone).</summary>
    public static async Task KillAndWaitAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var list = pids.Distinct().Where(p => p > 1 && p != Environment.ProcessId).ToList();
        foreach (var pid in list)
            Signal(pid, SigKill);
        var until = DateTime.UtcNow + timeout;
        while (list.Any(p => CommandLine(p) is not null) && DateTime.UtcNow < until)
            await Task.Delay(20);
    }

    /// <summary>Runs <paramref name="action"/> on a new thread that has entered network namespace <paramref name="ns"/>.</summary>
    public static T InNamespace<T>(string ns, Func<T> action)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{ns}");
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new LabException($"cannot enter network namespace {ns} (errno {Marshal.GetLastPInvokeError()})");
                result = action();
            }
            catch (Exception e)
            {
                error = e;
            }
        }) { IsBackground = true, Name = "netns " + ns };
        thread.Start();
        thread.Join();
        if (error is not null)
            throw error is LabException ? error : new LabException($"in namespace {ns}: {error.Message}");
        return result;
    }

    /// <summary>Whether a TCP connection to <paramref name="ip"/>:<paramref name="port"/> from inside <paramref name="ns"/> succeeds.</summary>
    public static bool CanConnect(string ns, string ip, int port, TimeSpan timeout) => InNamespace(ns, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var task = socket.ConnectAsync(IPAddress.Parse(ip), port);
            return task.Wait(timeout) && socket.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    });

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public static void WriteAtomic(string path, string text)
    {
        var temp = path + ".tmp" + Environment.ProcessId;
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
