using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interlink.Deploy;

/// <summary>Where a stack stands in a deploy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StackStatus>))]
public enum StackStatus
{
    /// <summary>Deployed with the recorded template and parameters.</summary>
    Deployed,

    /// <summary>The last attempt failed.</summary>
    Failed,

    /// <summary>Destroyed.</summary>
    Destroyed,

    /// <summary>
    /// The last attempt was interrupted (Ctrl-C, SIGTERM) while the CDK CLI ran: CloudFormation may have finished,
    /// rolled back or still be working on it. The next deploy or destroy runs the stack again.
    /// </summary>
    Interrupted,
}

/// <summary>What the state file remembers of one stack.</summary>
/// <param name="Status">Its status.</param>
/// <param name="Fingerprint">Hash of the template and parameter values it was deployed with.</param>
/// <param name="Outputs">Its outputs, which feed later phases.</param>
/// <param name="Updated">When it last changed (UTC).</param>
public sealed record StackState(StackStatus Status, string Fingerprint, IReadOnlyDictionary<string, string> Outputs, DateTimeOffset Updated);

/// <summary>
/// The deploy's memory between runs: a JSON file written whole after every stack, so a deploy that failed
/// resumes where it stopped and a finished one re-runs as a no-op. Only the holder of the <see cref="DeployLock"/>
/// writes it; readers always see a whole file (a unique temporary file, flushed to disk, renamed over it).
/// </summary>
public sealed class DeployState
{
    /// <summary>The code of every "the state file cannot be used" error.</summary>
    public const string DamagedCode = "ILT001";

    // Statuses are names only: JsonStringEnumConverter would otherwise accept any integer ("status": 7) as a status.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<StackStatus>(allowIntegerValues: false) },
    };

    private readonly Dictionary<string, StackState> _stacks;
    private readonly object _gate = new();

    private DeployState(string path, Dictionary<string, StackState> stacks)
    {
        Path = path;
        _stacks = stacks;
    }

    /// <summary>The state file.</summary>
    public string Path { get; }

    /// <summary>Loads <paramref name="path"/>, or starts empty when it does not exist.</summary>
    /// <exception cref="DeployException">The file is not a deploy state this Interlink understands (code <see cref="DamagedCode"/>).</exception>
    public static DeployState Load(string path)
    {
        if (!File.Exists(path))
            return new DeployState(path, new Dictionary<string, StackState>(StringComparer.Ordinal));
        Dictionary<string, StackState>? stacks;
        try
        {
            stacks = JsonSerializer.Deserialize<Dictionary<string, StackState>>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw Damaged(path, e.Path is { Length: > 1 } where ? where : "$", FirstLine(e.Message));
        }

        foreach (var (stack, entry) in stacks ?? [])
        {
            // Each of these would otherwise surface later as a crash (exit 1) far from the file that caused it.
            if (entry is null)
                throw Damaged(path, $"$.{stack}", "null where a stack's state is expected");
            if (!Enum.IsDefined(entry.Status))
                throw Damaged(path, $"$.{stack}.status", $"'{entry.Status}' is not a stack status ({string.Join(", ", Enum.GetNames<StackStatus>())})");
            if (entry.Fingerprint is null || entry.Outputs is null || entry.Outputs.Values.Any(v => v is null))
                throw Damaged(path, $"$.{stack}", "a fingerprint or outputs are missing or null");
        }

        return new DeployState(path, new Dictionary<string, StackState>(stacks ?? [], StringComparer.Ordinal));
    }

    private static DeployException Damaged(string path, string where, string what) =>
        new($"{DamagedCode} {path}: {where}: the deploy state is damaged or from a newer Interlink ({what}); move the file aside and run 'interlink status' against AWS before deploying again");

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>Every stack the state knows, in name order.</summary>
    public IReadOnlyList<string> StackNames
    {
        get
        {
            lock (_gate)
                return _stacks.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The recorded state of <paramref name="stack"/>, or null.</summary>
    public StackState? Get(string stack)
    {
        lock (_gate)
            return _stacks.GetValueOrDefault(stack);
    }

    /// <summary>Records <paramref name="state"/> for <paramref name="stack"/> and saves the file.</summary>
    public void Set(string stack, StackState state)
    {
        lock (_gate)
        {
            _stacks[stack] = state;
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
            Directory.CreateDirectory(directory);
            DurableFile.Replace(Path, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_stacks, Json)));
        }
    }
}
