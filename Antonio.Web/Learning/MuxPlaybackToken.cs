using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Antonio.Web.Learning;

/// <summary>
/// Mux's signed-playback token: a JWT (RS256) with the playback id as subject, audience "v" (video) and an expiry,
/// signed with the environment's signing key (its id in the header). Written here with the framework's RSA rather
/// than a JWT library: it is three base64url parts, and the token libraries are versioned apart from the 10.x
/// packages this solution pins.
/// </summary>
public static class MuxPlaybackToken
{
    public static string Create(string keyId, RSA key, string playbackId, DateTimeOffset expires)
    {
        var header = Part(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = keyId }));
        var payload = Part(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = playbackId, ["aud"] = "v", ["exp"] = expires.ToUnixTimeSeconds(), ["kid"] = keyId,
        }));
        var signed = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Part(signature);
    }

    /// <summary>The key as Mux hands it out: a PEM private key, base64-encoded once more.</summary>
    public static RSA? ReadKey(string? base64Pem)
    {
        if (string.IsNullOrWhiteSpace(base64Pem)) return null;
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(base64Pem.Trim())));
            return rsa;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    private static string Part(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
