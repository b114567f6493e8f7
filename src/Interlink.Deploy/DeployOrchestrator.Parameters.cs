using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Interlink.Deploy;

// A stack's inputs and outputs: parameter values from earlier phases' outputs or the request's inputs, the outputs
// the CDK CLI writes, and the fingerprint that tells a stack deployed as it is now.
public sealed partial class DeployOrchestrator
{
    /// <summary>
    /// A stack's parameter values: wired ones from the source stack's recorded outputs (a placeholder in dry
    /// runs when not deployed yet), the rest from the request's inputs.
    /// </summary>
    internal static Dictionary<string, string> Parameters(DeployRequest request, DeployState state, string name, List<string> missing)
    {
        var stack = request.Wiring.Stacks[name];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in TemplateParameters(Path.Combine(request.AssemblyDirectory, stack.Template)))
        {
            if (stack.Parameters.TryGetValue(parameter, out var source))
            {
                if (state.Get(source.Stack) is { Status: StackStatus.Deployed } deployed && deployed.Outputs.TryGetValue(source.Output, out var value))
                    values[parameter] = value;
                else if (request.DryRun)
                    values[parameter] = $"<{source.Stack}.{source.Output}>";
                else
                    throw new DeployException($"stack {name} needs output {source.Output} of {source.Stack}, which is not deployed; deploy runs phases in order, so re-run 'interlink deploy'");
            }
            else if (request.Inputs.TryGetValue(parameter, out var input))
            {
                values[parameter] = input;
            }
            else if (request.DryRun)
            {
                // A dry run shows every phase: the value is a placeholder here, and the run ends listing what is missing.
                values[parameter] = $"<missing: --input {parameter}=VALUE>";
                lock (missing)
                    missing.Add($"{parameter} ({name})");
            }
            else
            {
                throw new DeployException($"stack {name} needs parameter {parameter}, which no stack output feeds; pass it with --input {parameter}=VALUE");
            }
        }

        return values;
    }

    private static IEnumerable<string> TemplateParameters(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(template));
        if (!document.RootElement.TryGetProperty("Parameters", out var parameters))
            return [];
        return parameters.EnumerateObject().Select(p => p.Name).ToList();
    }

    private static Dictionary<string, string> ReadOutputs(string outputsFile, string stack)
    {
        if (!File.Exists(outputsFile))
            return new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(outputsFile));
        return document.RootElement.TryGetProperty(stack, out var outputs)
            ? outputs.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static string Fingerprint(string template, IReadOnlyDictionary<string, string> parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(template));
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{key}={value}"));
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
