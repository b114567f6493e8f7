using Interlink.Templates.Model;

namespace Interlink.Testing;

/// <summary>
/// Logical IDs by construct path, computed as the template model computes them (the CDK's rule), so tests name a
/// resource by where it is in the design rather than by its hash-suffixed ID.
/// </summary>
public static class Ids
{
    /// <summary>The logical ID of the element at <paramref name="path"/> below its stack, e.g. <c>Network/Vpc</c>.</summary>
    public static string Of(string path) => LogicalIds.For(path.Split('/'));
}
