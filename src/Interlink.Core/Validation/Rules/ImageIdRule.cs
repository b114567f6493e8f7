using System.Text.RegularExpressions;

namespace Interlink.Core.Validation.Rules;

/// <summary>
/// IL056: <c>provider.targets.imageId</c> is an AMI ID, and only where Interlink creates hosts. EC2 resource IDs are
/// the type prefix and 8 or (since 2018) 17 hexadecimal characters (Amazon EC2 User Guide, "Resource IDs",
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
/// </summary>
public sealed partial class ImageIdRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL056";

    /// <inheritdoc />
    public override string Title => "Pinned host image is an AMI ID";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var targets = context.Config.Provider.Targets;
        if (targets.ImageId is not { } image)
            return;
        if (!Pattern().IsMatch(image))
            Report(context, "provider.targets.imageId", $"'{image}' is not an AMI ID",
                "write the image's ID, e.g. ami-0123456789abcdef0 (ami- and 8 or 17 lowercase hex digits), or remove imageId to let deploy pin the current Amazon Linux 2023 image");
        else if (targets.Ips.Count > 0)
            Report(context, "provider.targets.imageId", "imageId applies to hosts Interlink creates; with 'ips' your own service runs on your own hosts",
                "remove imageId, or use 'instances' instead of 'ips'");
    }

    /// <summary>An AMI ID: <c>ami-</c> and 8 or 17 lowercase hexadecimal digits.</summary>
    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    public static partial Regex Pattern();
}
