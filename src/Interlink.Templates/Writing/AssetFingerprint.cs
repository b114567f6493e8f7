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

    /// <summary>The fingerprint of <paramref name="file"/>, read in blocks (a bundle may be large).</summary>
    public static string Of(string file)
    {
        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var size = ContentHash(file, content);
        var contentFingerprint = $"{size}:{Convert.ToHexStringLower(content.GetHashAndReset())}";
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

    /// <summary>
    /// Hashes the content as the CDK does (<c>contentFingerprint</c>): a file with a NUL byte in its first 8 KiB is
    /// binary and hashed as is; any other has each CRLF hashed as LF (a CR ending a block waits for the next one).
    /// Returns the number of bytes hashed.
    /// </summary>
    private static long ContentHash(string file, IncrementalHash hash)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[8192];
        var output = new byte[8192];
        long size = 0;
        bool? binary = null;
        var pendingCr = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            binary ??= Array.IndexOf(buffer, (byte)0, 0, read) >= 0;
            if (binary.Value)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
                continue;
            }

            var length = 0;
            for (var i = 0; i < read; i++)
            {
                if (pendingCr && buffer[i] != '\n')
                    output[length++] = (byte)'\r';
                pendingCr = buffer[i] == '\r';
                if (!pendingCr)
                    output[length++] = buffer[i];
            }

            hash.AppendData(output, 0, length);
            size += length;
        }

        if (pendingCr)
        {
            hash.AppendData([(byte)'\r']);
            size++;
        }

        return size;
    }
}
