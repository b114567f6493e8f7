namespace Interlink.Core.Catalog;

/// <summary>Offline facts about commercial AWS Regions and their Availability Zones.</summary>
public static partial class RegionCatalog
{
    // Built on first use: static initializers of partial class parts run in no defined order.
    private static Dictionary<string, RegionInfo>? _byCode;

    private static Dictionary<string, RegionInfo> ByCode => _byCode ??= Regions.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>
    /// AZ IDs in which native cross-Region PrivateLink is not offered (AWS documentation, "Cross-Region
    /// connectivity" considerations).
    /// </summary>
    public static readonly IReadOnlySet<string> NativeUnsupportedAzIds =
        new HashSet<string>(["use1-az3", "usw1-az2", "apne1-az3", "apne2-az2", "apne2-az4"], StringComparer.Ordinal);

    /// <summary>Every Region in the catalog.</summary>
    public static IReadOnlyList<RegionInfo> All => Regions;

    /// <summary>The Region with code <paramref name="code"/>, or null.</summary>
    public static RegionInfo? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Region codes, for suggestions.</summary>
    public static IEnumerable<string> Codes => ByCode.Keys;

    /// <summary>
    /// Classifies <paramref name="az"/> written for a VPC in <paramref name="region"/>: an AZ ID of that Region,
    /// an AZ name of it (valid, but account-specific), or something that is not of that Region.
    /// </summary>
    public static AzResolution ResolveAz(RegionInfo region, string az)
    {
        if (region.AzIds.Contains(az))
            return new AzResolution(AzKind.Id, region.Code);

        // AZ names are the Region code and one letter; each account maps letters to zones its own way.
        if (az.Length == region.Code.Length + 1 && az.StartsWith(region.Code, StringComparison.Ordinal)
            && az[^1] >= 'a' && az[^1] < 'a' + region.AzIds.Count)
            return new AzResolution(AzKind.Name, region.Code);

        var owner = Regions.FirstOrDefault(r => r.AzIds.Contains(az) || (az.Length == r.Code.Length + 1 && az.StartsWith(r.Code, StringComparison.Ordinal) && char.IsAsciiLetterLower(az[^1])));
        return new AzResolution(owner is null ? AzKind.Unknown : AzKind.OtherRegion, owner?.Code);
    }
}

/// <summary>What an AZ string is, relative to a VPC's Region.</summary>
public enum AzKind
{
    /// <summary>An AZ ID of the Region (<c>use1-az1</c>).</summary>
    Id,

    /// <summary>An AZ name of the Region (<c>us-east-1a</c>).</summary>
    Name,

    /// <summary>An AZ ID or name of another Region.</summary>
    OtherRegion,

    /// <summary>Not an AZ of any known Region.</summary>
    Unknown,
}

/// <summary>The result of <see cref="RegionCatalog.ResolveAz"/>.</summary>
/// <param name="Kind">What the string is.</param>
/// <param name="Region">The Region it belongs to, when known.</param>
public readonly record struct AzResolution(AzKind Kind, string? Region);
