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
}

/// <summary>What the state file remembers of one stack.</summary>
/// <param name="Status">Its status.</param>
/// <param name="Fingerprint">Hash of the template and parameter values it was deployed with.</param>
/// <param name="Outputs">Its outputs, which feed later phases.</param>
/// <param name="Updated">When it last changed (UTC).</param>
public sealed record StackState(StackStatus Status, string Fingerprint, IReadOnlyDictionary<string, string> Outputs, DateTimeOffset Updated);

/// <summary>
/// The deploy's memory between runs: a JSON file written whole after every stack, so a deploy that failed
/// resumes where it stopped and a finished one re-runs as a no-op.
/// </summary>
public sealed class DeployState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
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
    public static DeployState Load(string path)
    {
        if (!File.Exists(path))
            return new DeployState(path, new Dictionary<string, StackState>(StringComparer.Ordinal));
        try
        {
            var stacks = JsonSerializer.Deserialize<Dictionary<string, StackState>>(File.ReadAllText(path), Json);
            return new DeployState(path, new Dictionary<string, StackState>(stacks ?? [], StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new DeployException($"{path}: the deploy state is damaged ({e.Message}); move it aside to start over");
        }
    }

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
            var temporary = Path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_stacks, Json));
            File.Move(temporary, Path, overwrite: true);
        }
    }
}
