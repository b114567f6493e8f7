using Interlink.Templates.Writing;

namespace Interlink.Templates.Tests;

/// <summary>
/// File assets are named by the CDK's fingerprint, so a deployed stack sees no change when the CLI writes the
/// assembly itself. The expected values are what aws-cdk-lib 2.160.0 staged for the same bytes.
/// </summary>
public sealed class AssetFingerprintTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"interlink-fingerprint-{Guid.NewGuid():N}.tar.gz");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void A_text_file_is_fingerprinted_with_CRLF_read_as_LF()
    {
        File.WriteAllText(_file, "text\r\nfile\n");
        Assert.Equal("64e8587c7298fcc0076ead3c82f63a13c53aa2374260fe7e50d1ce28068a2fb3", AssetFingerprint.Of(_file));
        File.WriteAllText(_file, "text\nfile\n");
        Assert.Equal("64e8587c7298fcc0076ead3c82f63a13c53aa2374260fe7e50d1ce28068a2fb3", AssetFingerprint.Of(_file));
    }

    [Fact]
    public void A_CRLF_split_across_read_blocks_is_still_read_as_LF()
    {
        File.WriteAllText(_file, new string('a', 8191) + "\r\nb\r\nc\r");
        Assert.Equal("39e1a0a0ec9ca2406582a7d207ba9e491fb78d3a9b99867ce114f8ae4cccef29", AssetFingerprint.Of(_file));
    }

    [Fact]
    public void A_binary_file_is_fingerprinted_byte_for_byte()
    {
        File.WriteAllBytes(_file, [0x1f, 0x8b, 0x00, 0x0d, 0x0a]);
        var withCrLf = AssetFingerprint.Of(_file);
        File.WriteAllBytes(_file, [0x1f, 0x8b, 0x00, 0x0a]);
        Assert.NotEqual(withCrLf, AssetFingerprint.Of(_file));
    }

    [Theory]
    [InlineData("interlink-service-linux-arm64.tar.gz", ".tar.gz")]
    [InlineData("bundle.zip", ".zip")]
    [InlineData("notes.txt", ".txt")]
    public void A_staged_copy_keeps_an_archive_extension_whole(string file, string extension) =>
        Assert.Equal(extension, AssetFingerprint.Extension(file));
}
