namespace Interlink.Analysis.Intrinsics;

/// <summary>
/// The partition and domain suffix of a Region, as CloudFormation's pseudo parameters give them: AWS::Partition is
/// <c>aws</c> in standard Regions, <c>aws-cn</c> in China (Beijing and Ningxia) and <c>aws-us-gov</c> in AWS GovCloud
/// (US); AWS::URLSuffix is <c>amazonaws.com</c>, <c>amazonaws.com.cn</c> in China ("Get AWS values using pseudo
/// parameters", AWS CloudFormation User Guide,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html).
/// One place for both the intrinsic resolver and the ARNs the deployability analysis builds.
/// </summary>
internal static class AwsPartition
{
    /// <summary>The partition of <paramref name="region"/>: the second field of its ARNs.</summary>
    public static string Of(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    /// <summary>The domain suffix of <paramref name="region"/>'s endpoints.</summary>
    public static string UrlSuffix(string region) => region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}
