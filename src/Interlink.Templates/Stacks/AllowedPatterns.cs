namespace Interlink.Templates.Stacks;

/// <summary>
/// The <c>AllowedPattern</c> of each template parameter. CloudFormation matches a String parameter's whole value
/// against it, and each value of a CommaDelimitedList (Template Reference, "Parameters syntax",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html). None admits a
/// line break, a quote, <c>$</c>, a backtick or a space, so no value can change a boot script's meaning even where
/// the script did evaluate it (it does not: <see cref="Hosts.BootValues"/>).
/// </summary>
public static class AllowedPatterns
{
    /// <summary>
    /// An S3 general purpose bucket name: 3-63 characters of lowercase letters, digits, dots and hyphens, beginning
    /// and ending with a letter or digit (Amazon S3 User Guide, "General purpose bucket naming rules",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). The rules this does not encode
    /// (no "..", not an IP address, reserved prefixes and suffixes) S3 enforced when the bucket was created.
    /// </summary>
    public const string S3Bucket = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    /// <summary>
    /// An S3 object key of at most 1,024 characters from the "safe characters" of the Amazon S3 User Guide, "Naming
    /// Amazon S3 objects" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html): letters, digits,
    /// <c>! - _ . * ' ( )</c> and <c>/</c> as the prefix delimiter. Conservative: S3 allows more, Interlink does not need it.
    /// </summary>
    public const string S3Key = "^[0-9A-Za-z!_.*'()/-]{1,1024}$";

    /// <summary>A SHA-256 digest as sha256sum prints it: 64 lowercase hexadecimal digits.</summary>
    public const string Sha256 = "^[0-9a-f]{64}$";

    /// <summary>
    /// An endpoint service name, <c>com.amazonaws.vpce.REGION.vpce-svc-ID</c> (AWS PrivateLink guide, "Share your
    /// services through AWS PrivateLink": the service name format).
    /// </summary>
    public const string EndpointServiceName = "^com\\.amazonaws\\.vpce\\.[a-z]{2}(-[a-z]+)+-[0-9]+\\.vpce-svc-([0-9a-f]{8}|[0-9a-f]{17})$";

    /// <summary>
    /// An EC2 resource ID with <paramref name="prefix"/> (vpc, pcx, rtb, ami): the prefix, a hyphen, and 8 or 17
    /// lowercase hexadecimal characters (Amazon EC2 User Guide, "Resource IDs",
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
    /// </summary>
    public static string Ec2Id(string prefix) => $"^{prefix}-([0-9a-f]{{8}}|[0-9a-f]{{17}})$";
}
