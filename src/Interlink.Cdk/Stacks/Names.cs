namespace Interlink.Cdk.Stacks;

/// <summary>Construct IDs and IAM names derived from Regions.</summary>
internal static class Names
{
    /// <summary><c>us-west-2</c> → <c>UsWest2</c>.</summary>
    public static string Pascal(string region) => string.Concat(region.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>The peering-accepter role of the relay in <paramref name="region"/> (≤ 64 characters: the design name is ≤ 27).</summary>
    public static string AccepterRole(string design, string region) => $"{design}-peer-accept-{Core.Model.NameScheme.ShortRegion(region)}";
}
