namespace Interlink.Cdk.Stacks;

/// <summary>Construct IDs derived from Regions.</summary>
internal static class Names
{
    /// <summary><c>us-west-2</c> → <c>UsWest2</c>.</summary>
    public static string Pascal(string region) => string.Concat(region.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
