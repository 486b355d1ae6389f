using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>
/// A content digest, as the OCI image spec defines it: <c>algorithm ":" encoded</c>.
/// "sha256 ... the encoded portion MUST match /[a-f0-9]{64}/"; "sha512 ... MUST match /[a-f0-9]{128}/".
/// Only these registered algorithms are accepted.
/// </summary>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest
{
    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    /// <summary>"sha256" or "sha512".</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hex part after the colon.</summary>
    public string Encoded { get; }

    public static Digest Parse(string value) =>
        TryParse(value, out var digest)
            ? digest
            : throw new ImageException(ImageErrorReason.InvalidReference, value, $"'{value}' is not a valid digest (expected sha256:<64 hex digits>)");

    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest)
    {
        digest = default;
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = value[..colon];
        var encoded = value[(colon + 1)..];
        var length = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => -1,
        };
        if (length < 0 || encoded.Length != length || !encoded.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return false;
        }

        digest = new Digest(algorithm, encoded);
        return true;
    }

    /// <summary>The sha256 digest of a finished hash.</summary>
    public static Digest FromSha256(ReadOnlySpan<byte> hash) =>
        new("sha256", Convert.ToHexStringLower(hash));

    /// <summary>The sha256 digest of some bytes.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) => FromSha256(SHA256.HashData(content));

    public HashAlgorithmName HashAlgorithm => Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    public override string ToString() => Algorithm is null ? "" : $"{Algorithm}:{Encoded}";
}
