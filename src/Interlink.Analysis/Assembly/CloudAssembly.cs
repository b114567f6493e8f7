using System.Text.Json;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Assembly;

/// <summary>One stack's template with where it deploys.</summary>
/// <param name="Name">Stack name.</param>
/// <param name="Role">Stack role (provider, relay, provider-routes, consumer), or empty when unknown.</param>
/// <param name="Account">Account, or null for the deploying account.</param>
/// <param name="Region">Region.</param>
/// <param name="Phase">Deploy phase (0 when unknown).</param>
/// <param name="TemplateFile">Template path inside the assembly.</param>
/// <param name="Template">The parsed template (root object).</param>
public sealed record StackTemplate(string Name, string Role, string? Account, string Region, int Phase, string TemplateFile, JsonElement Template)
{
    private static readonly JsonElement NoProperties = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The template's resources by logical ID (empty when it has none).</summary>
    public IEnumerable<(string LogicalId, string Type, JsonElement Properties)> Resources()
    {
        if (!Template.TryGetProperty("Resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
            yield break;
        foreach (var resource in resources.EnumerateObject())
        {
            var type = resource.Value.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            // A resource without Properties reads as one with none (an empty object), never as an undefined
            // element whose every TryGetProperty throws.
            var properties = resource.Value.TryGetProperty("Properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : NoProperties;
            yield return (resource.Name, type, properties);
        }
    }
}

/// <summary>
/// A cloud assembly on disk: every stack template plus the wiring manifest that says how parameters are fed.
/// Works on what <c>interlink synth</c> writes and on any directory with the same files, edited or not.
/// </summary>
/// <param name="Directory">The assembly directory.</param>
/// <param name="Wiring">The wiring manifest.</param>
/// <param name="Stacks">Templates by stack name, in phase order.</param>
public sealed record CloudAssembly(string Directory, WiringManifest Wiring, IReadOnlyDictionary<string, StackTemplate> Stacks)
{
    /// <summary>
    /// Reads the assembly in <paramref name="directory"/>. Throws <see cref="AssemblyException"/> with a one-line
    /// explanation when a file is missing or malformed.
    /// </summary>
    public static CloudAssembly Read(string directory)
    {
        if (Interlink.Core.IO.FileFacts.Of(directory, followLinks: true).Kind != Interlink.Core.IO.FileKind.Directory)
            throw new AssemblyException($"'{directory}' is not a directory; run 'interlink synth' first or pass the directory 'synth -o' wrote");
        if (!File.Exists(Path.Combine(directory, WiringManifest.FileName)))
            throw new AssemblyException($"'{directory}' has no {WiringManifest.FileName}; it was not written by 'interlink synth' (run synth, or add the manifest)");
        var wiringJson = AssemblyFiles.Read(directory, WiringManifest.FileName, "the wiring manifest");
        return Parse(directory, wiringJson, template => AssemblyFiles.Read(directory, template, "template"));
    }

    /// <summary>
    /// The assembly from the manifest's JSON and a way to read each template by the name the manifest gives
    /// (<see cref="Read"/> reads files; tests pass text). Throws <see cref="AssemblyException"/> for anything malformed.
    /// </summary>
    public static CloudAssembly Parse(string directory, string wiringJson, Func<string, string> readTemplate)
    {
        var wiringPath = Path.Combine(directory, WiringManifest.FileName);
        WiringManifest wiring;
        try
        {
            wiring = WiringManifest.FromJson(wiringJson);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new AssemblyException($"{wiringPath}: not a valid wiring manifest ({e.Message})");
        }

        AssemblyFiles.CheckComplete(wiring, wiringPath);
        var stacks = new Dictionary<string, StackTemplate>(StringComparer.Ordinal);
        foreach (var (name, stack) in wiring.Stacks.OrderBy(s => s.Value.Phase))
        {
            var path = Path.Combine(directory, stack.Template);
            try
            {
                using var document = JsonDocument.Parse(readTemplate(stack.Template));
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new AssemblyException($"{path}: template of stack {name} is {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not a JSON object");
                AssemblyFiles.CheckSkeleton(document.RootElement, path);
                stacks[name] = new StackTemplate(name, stack.Role, stack.Account, stack.Region, stack.Phase, stack.Template, document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new AssemblyException($"{path}: not valid JSON at line {e.LineNumber + 1} ({e.Message})");
            }
        }

        return new CloudAssembly(directory, wiring, stacks);
    }
}

/// <summary>An assembly that cannot be read; the message is one line naming the file and the fix.</summary>
/// <param name="message">What is wrong.</param>
public sealed class AssemblyException(string message) : Exception(message);
