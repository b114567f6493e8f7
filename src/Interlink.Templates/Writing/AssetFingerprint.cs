using System.Security.Cryptography;
using System.Text;

namespace Interlink.Templates.Writing;

/// <summary>
/// The fingerprint the AWS CDK gives a file asset (aws-cdk-lib 2.160.0, <c>core/lib/fs/fingerprint.js</c>, default
/// options as <c>aws_s3_assets.Asset</c> passes them): SHA-256 over the fields <c>options.extra</c> (empty) and
/// <c>options.follow</c> (<c>external</c>) and <c>file:</c> with the content fingerprint <c>SIZE:SHA256</c>, each
/// field framed as SOH name STX value ETX. Text files (no NUL byte in the first 8 KiB) are hashed with CRLF turned
/// into LF, as the CDK does. The asset's object key and staged file name derive from it, so both emitters name the
/// published bundles alike, and a deployed stack sees no change when only the emitter changes.
/// </summary>
public static class AssetFingerprint
{
    // aws-cdk-lib core/lib/asset-staging.js, ARCHIVE_EXTENSIONS: kept whole when staging.
    private static readonly string[] ArchiveExtensions = [".tar.gz", ".zip", ".jar", ".tar", ".tgz"];

    /// <summary>The fingerprint of <paramref name="file"/>.</summary>
    public static string Of(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var binary = Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0;
        var content = binary ? bytes : NormalizeLineEndings(bytes);
        var contentFingerprint = $"{content.Length}:{Convert.ToHexStringLower(SHA256.HashData(content))}";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, "options.extra", "");
        Field(hash, "options.follow", "external");
        Field(hash, "file:", contentFingerprint);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The extension a staged copy keeps: a known archive extension whole (<c>.tar.gz</c>), else the last one.</summary>
    public static string Extension(string file) =>
        ArchiveExtensions.FirstOrDefault(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ?? Path.GetExtension(file);

    private static void Field(IncrementalHash hash, string name, string value)
    {
        hash.AppendData([0x01]);
        hash.AppendData(Encoding.UTF8.GetBytes(name));
        hash.AppendData([0x02]);
        hash.AppendData(Encoding.UTF8.GetBytes(value));
        hash.AppendData([0x03]);
    }

    private static byte[] NormalizeLineEndings(byte[] bytes)
    {
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
                continue;
            output.Add(bytes[i]);
        }

        return [.. output];
    }
}
