using System.Text.Json;
using System.Text.RegularExpressions;
using Interlink.Core.Wiring;

namespace Interlink.Deploy;

/// <summary>Reads a public SSM parameter (the current Amazon Linux 2023 AMI of a Region).</summary>
public interface IImageParameterSource
{
    /// <summary>The value of <paramref name="parameterName"/> in <paramref name="region"/>, read with <paramref name="profile"/> (ambient when null).</summary>
    Task<string> GetAsync(string parameterName, string region, string? profile, CancellationToken cancellationToken);
}

/// <summary>One pinned input as the pin file records it.</summary>
/// <param name="Value">The value passed on every deploy.</param>
/// <param name="Source">Where it came from: the SSM parameter resolved, or <c>--input</c>.</param>
/// <param name="Recorded">When it was recorded (UTC).</param>
public sealed record PinnedInput(string Value, string Source, DateTimeOffset Recorded);

/// <summary>
/// Pins the service hosts' image. The hosts have fixed private IPs, so CloudFormation cannot replace them: it creates
/// the replacement first, and the old instance still holds the address (InvalidIPAddress.InUse). Their AMI must
/// therefore never change by itself, as it would if the template read the public SSM parameter (CloudFormation
/// re-resolves SSM values on every stack update). Instead: on the first deploy the parameter is read once, the value
/// is recorded beside the deploy state (<c>NAME.pinned.json</c>), and every later deploy passes the recorded value.
/// The user changes it on purpose with <c>--input ServiceHostImageId=ami-…</c>, which is recorded in turn.
/// </summary>
public static partial class ServiceHostImagePin
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The pin file beside <paramref name="statePath"/> (<c>NAME.state.json</c> → <c>NAME.pinned.json</c>).</summary>
    public static string PinPath(string statePath) =>
        statePath.EndsWith(".state.json", StringComparison.Ordinal) ? statePath[..^".state.json".Length] + ".pinned.json" : statePath + ".pinned.json";

    /// <summary>
    /// <paramref name="inputs"/> with <see cref="HostImage.ParameterName"/> added when a template of the assembly takes
    /// it: the user's <c>--input</c> (checked and recorded), else the recorded value, else (first deploy) the value of
    /// the SSM parameter the template names, read once and recorded. A dry run reads and records nothing.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> ApplyAsync(
        string assemblyDirectory, WiringManifest wiring, string statePath, ProfileMap profiles, IReadOnlyDictionary<string, string> inputs,
        IImageParameterSource source, bool dryRun, CancellationToken cancellationToken)
    {
        var stack = wiring.Stacks.FirstOrDefault(s => ImageSource(Path.Combine(assemblyDirectory, s.Value.Template)) is not null);
        if (stack.Key is null)
            return inputs;
        var parameter = ImageSource(Path.Combine(assemblyDirectory, stack.Value.Template))!;
        var result = new Dictionary<string, string>(inputs, StringComparer.Ordinal);
        var pinPath = PinPath(statePath);
        var pins = Load(pinPath);

        if (inputs.TryGetValue(HostImage.ParameterName, out var given))
        {
            if (!AmiId().IsMatch(given))
                throw new DeployException($"--input {HostImage.ParameterName}={given} is not an AMI ID; use ami- and 8 or 17 lowercase hex digits, e.g. ami-0123456789abcdef0");
            if (!dryRun && (!pins.TryGetValue(HostImage.ParameterName, out var old) || old.Value != given))
                Save(pinPath, pins, new PinnedInput(given, "--input", DateTimeOffset.UtcNow));
            return result;
        }

        if (pins.TryGetValue(HostImage.ParameterName, out var pinned))
        {
            result[HostImage.ParameterName] = pinned.Value;
            return result;
        }

        if (dryRun)
        {
            result[HostImage.ParameterName] = $"<resolved once from {parameter} in {stack.Value.Region}>";
            return result;
        }

        // Public parameters under /aws/service are readable from every account; only the Region matters (AMI IDs are Regional).
        var value = await source.GetAsync(parameter, stack.Value.Region, profiles.For(stack.Key, stack.Value.Account, stack.Value.Role), cancellationToken);
        if (!AmiId().IsMatch(value))
            throw new DeployException($"SSM parameter {parameter} in {stack.Value.Region} holds '{value}', not an AMI ID; pass --input {HostImage.ParameterName}=ami-… instead");
        Save(pinPath, pins, new PinnedInput(value, $"ssm:{parameter} ({stack.Value.Region})", DateTimeOffset.UtcNow));
        result[HostImage.ParameterName] = value;
        return result;
    }

    /// <summary>The SSM parameter a template names for its host image, or null when it takes no such parameter.</summary>
    private static string? ImageSource(string template)
    {
        if (!File.Exists(template))
            return null;
        using var document = JsonDocument.Parse(File.ReadAllText(template));
        var root = document.RootElement;
        if (!root.TryGetProperty("Parameters", out var parameters) || !parameters.TryGetProperty(HostImage.ParameterName, out _))
            return null;
        return root.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty(HostImage.SourceMetadataKey, out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : throw new DeployException($"{template} takes {HostImage.ParameterName} but names no {HostImage.SourceMetadataKey} to resolve it from; pass --input {HostImage.ParameterName}=ami-…");
    }

    private static Dictionary<string, PinnedInput> Load(string path)
    {
        if (!File.Exists(path))
            return new Dictionary<string, PinnedInput>(StringComparer.Ordinal);
        try
        {
            return new Dictionary<string, PinnedInput>(JsonSerializer.Deserialize<Dictionary<string, PinnedInput>>(File.ReadAllText(path), Json) ?? [], StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new DeployException($"{path}: the pinned inputs are damaged ({e.Message}); fix the file or pass --input {HostImage.ParameterName}=ami-…");
        }
    }

    private static void Save(string path, Dictionary<string, PinnedInput> pins, PinnedInput pin)
    {
        pins[HostImage.ParameterName] = pin;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(pins, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>An AMI ID (Amazon EC2 User Guide, "Resource IDs": the prefix and 8 or 17 hex characters).</summary>
    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex AmiId();
}
