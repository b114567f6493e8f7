namespace Interlink.Core.Wiring;

/// <summary>
/// The contract between a template and <c>deploy</c> about AZ names: a reset alarm's <c>Az</c> dimension takes the AZ
/// name of an NLB subnet, which for an existing subnet given by AZ ID only the subnet's account knows (AZ names map to
/// different physical zones per account). The template takes the name as a parameter and names, in its metadata, the
/// subnet to read it from; deploy reads it with EC2 DescribeSubnets.
/// </summary>
public static class ZoneNameInput
{
    /// <summary>Template <c>Metadata</c> key: parameter name → the subnet ID to read the AZ name from.</summary>
    public const string SourcesMetadataKey = "Interlink::AzNameSources";

    /// <summary>An AZ name as EC2 writes it (<c>us-west-2a</c>; Local Zones <c>us-west-2-lax-1a</c>): the Region code and a letter.</summary>
    public const string Pattern = "^[a-z]{2}(-[a-z0-9]+)+-[0-9]+[a-z]$";

    /// <summary>The parameter for the AZ with ID <paramref name="zoneId"/>: <c>usw2-az1</c> → <c>NlbAzNameUsw2Az1</c>.</summary>
    public static string ParameterName(string zoneId) => "NlbAzName" + Pascal(zoneId);

    /// <summary>Hyphenated words as one PascalCase word: <c>us-west-2</c> → <c>UsWest2</c> (construct IDs, parameter names).</summary>
    public static string Pascal(string hyphenated) =>
        string.Concat(hyphenated.Split('-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
