using System.Text.Json;
using System.Text.RegularExpressions;
using Interlink.Core.Wiring;

namespace Interlink.Deploy;

/// <summary>Reads the Availability Zone name of a subnet (EC2 DescribeSubnets).</summary>
public interface ISubnetZoneSource
{
    /// <summary>The AZ name of <paramref name="subnetId"/> in <paramref name="region"/>, read with <paramref name="profile"/> (ambient when null).</summary>
    Task<string> ZoneNameAsync(string subnetId, string region, string? profile, CancellationToken cancellationToken);
}

/// <summary>
/// Fills the AZ-name parameters of reset alarms on an NLB in an existing VPC whose subnets the config gives by AZ ID: an
/// AZ name maps to a different physical zone in each account ("AZ IDs", AWS RAM User Guide), so the template cannot
/// know it; the template names the subnet to read it from (<see cref="ZoneNameInput"/>), and deploy
/// asks EC2 for that subnet's AvailabilityZone. An <c>--input</c> of the same name wins; a dry run reads nothing.
/// </summary>
public static partial class SubnetZoneNames
{
    /// <summary><paramref name="inputs"/> with every AZ-name parameter of the assembly's templates that no input gives.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ApplyAsync(
        string assemblyDirectory, WiringManifest wiring, ProfileMap profiles, IReadOnlyDictionary<string, string> inputs,
        ISubnetZoneSource source, bool dryRun, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(inputs, StringComparer.Ordinal);
        foreach (var (name, stack) in wiring.Stacks)
        {
            foreach (var (parameter, subnet) in Sources(Path.Combine(assemblyDirectory, stack.Template)))
            {
                if (result.ContainsKey(parameter))
                    continue;
                if (dryRun)
                {
                    result[parameter] = $"<AZ name of {subnet} in {stack.Region}>";
                    continue;
                }

                var zone = await source.ZoneNameAsync(subnet, stack.Region, profiles.For(name, stack.Account, stack.Role), cancellationToken);
                if (!ZoneName().IsMatch(zone))
                    throw new DeployException($"subnet {subnet} in {stack.Region} reports Availability Zone '{zone}', not an AZ name; pass --input {parameter}=NAME");
                result[parameter] = zone;
            }
        }

        return result;
    }

    private static IEnumerable<(string Parameter, string Subnet)> Sources(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(template));
        if (!document.RootElement.TryGetProperty("Metadata", out var metadata) || !metadata.TryGetProperty(ZoneNameInput.SourcesMetadataKey, out var sources)
            || sources.ValueKind != JsonValueKind.Object)
            return [];
        return sources.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => (p.Name, p.Value.GetString()!)).ToList();
    }

    // The template's AllowedPattern for these parameters.
    [GeneratedRegex(ZoneNameInput.Pattern)]
    private static partial Regex ZoneName();
}
