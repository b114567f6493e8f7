namespace Interlink.Deploy.Tests.Support;

/// <summary>The deploy inputs every seed deploy in these tests needs: where the service bundle is, its digest, the pinned image.</summary>
internal static class DeployInputs
{
    public static readonly IReadOnlyDictionary<string, string> Bundle = new Dictionary<string, string>
    {
        ["ServiceBundleBucket"] = "my-bucket",
        ["ServiceBundleKey"] = "interlink/service-linux-arm64.tar.gz",
        ["ServiceBundleSha256"] = new string('a', 64),
        ["ServiceHostImageId"] = "ami-0123456789abcdef0",
    };
}
