using System.Text.Json;

namespace Interlink.Deploy;

/// <summary>Who holds a deploy lock: shown to whoever else tries to deploy or destroy the same design.</summary>
/// <param name="Pid">Process ID.</param>
/// <param name="Host">Host name.</param>
/// <param name="User">User name.</param>
/// <param name="Command">What it runs (deploy, destroy).</param>
/// <param name="Started">When it took the lock (UTC).</param>
public sealed record DeployLockHolder(int Pid, string Host, string User, string Command, DateTimeOffset Started);

/// <summary>
/// One deploy or destroy of a design at a time: an exclusive OS lock (<c>flock</c>, which .NET takes for
/// <see cref="FileShare.None"/>) on <c>.interlink/NAME.lock</c> beside the state file, held for the whole run. The
/// kernel drops it when the process ends however it ends, so a killed deploy never leaves a stale lock. Who holds
/// it is written beside it (<c>NAME.lock.json</c>) so the one refused can say.
/// </summary>
public sealed class DeployLock : IDisposable
{
    /// <summary>The code of "another deploy or destroy holds the lock" (ILT: the deploy state; ILD codes are deployability findings).</summary>
    public const string HeldCode = "ILT002";

    private readonly FileStream _lock;
    private readonly string _holderPath;

    private DeployLock(FileStream @lock, string holderPath)
    {
        _lock = @lock;
        _holderPath = holderPath;
    }

    /// <summary>The lock file for <paramref name="statePath"/> (<c>NAME.state.json</c> → <c>NAME.lock</c>).</summary>
    public static string PathFor(string statePath)
    {
        const string suffix = ".state.json";
        var path = Path.GetFullPath(statePath);
        return (path.EndsWith(suffix, StringComparison.Ordinal) ? path[..^suffix.Length] : path) + ".lock";
    }

    /// <summary>Takes the lock of the design whose state is <paramref name="statePath"/>, without waiting.</summary>
    /// <exception cref="DeployLockedException">Another process (or another run in this one) holds it.</exception>
    public static DeployLock Acquire(string statePath, string command)
    {
        var path = PathFor(statePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new DeployLockedException(path, ReadHolder(path + ".json"));
        }

        var holder = new DeployLockHolder(Environment.ProcessId, Environment.MachineName, Environment.UserName, command, DateTimeOffset.UtcNow);
        DurableFile.Replace(path + ".json", JsonSerializer.SerializeToUtf8Bytes(holder));
        return new DeployLock(stream, path + ".json");
    }

    private static DeployLockHolder? ReadHolder(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<DeployLockHolder>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // Written just after the lock is taken: a moment when it is not there yet, or a file from before.
            return null;
        }
    }

    /// <summary>Releases the lock (the holder file first, so nobody reads a holder that is gone).</summary>
    public void Dispose()
    {
        File.Delete(_holderPath);
        _lock.Dispose();
    }
}

/// <summary>Another deploy or destroy of the same design is running.</summary>
/// <param name="lockPath">The lock file.</param>
/// <param name="holder">Who holds it, when known.</param>
public sealed class DeployLockedException(string lockPath, DeployLockHolder? holder) : Exception(
    $"{DeployLock.HeldCode} {lockPath}: another " +
    (holder is null ? "deploy or destroy of this design is running" : $"'{holder.Command}' of this design is running (pid {holder.Pid} on {holder.Host}, user {holder.User}, since {holder.Started:yyyy-MM-dd HH:mm:ss} UTC)") +
    "; wait for it to end and run again (the lock goes when that process ends, however it ends)")
{
    /// <summary>Who holds it, when known.</summary>
    public DeployLockHolder? Holder { get; } = holder;
}
