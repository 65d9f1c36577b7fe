using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Unit;

/// <summary>Issue #26: Mux's signed-playback token is a JWT Mux can check — RS256 with the key's id, the playback id, audience "v", an expiry.</summary>
[Trait("Category", "Unit")]
public sealed class MuxPlaybackTokenTests
{
    /// <summary>The token's claims, once its header names our key and its signature checks out against the key's public half.</summary>
    public static JsonElement Verify(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Decode(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(TestCertificates.MuxSigningKeyId, header.RootElement.GetProperty("kid").GetString());
        using var key = TestCertificates.MuxPublicKey;
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "the signature does not verify");
        using var payload = JsonDocument.Parse(Decode(parts[1]));
        Assert.Equal("v", payload.RootElement.GetProperty("aud").GetString());
        return payload.RootElement.Clone();
    }

    [Fact]
    public void A_token_names_the_stream_the_audience_and_its_expiry_and_verifies_with_the_public_key()
    {
        using var key = MuxPlaybackToken.ReadKey(TestCertificates.MuxSigningKey)!;
        var expires = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var claims = Verify(MuxPlaybackToken.Create(TestCertificates.MuxSigningKeyId, key, "AbC123", expires));
        Assert.Equal("AbC123", claims.GetProperty("sub").GetString());
        Assert.Equal(expires.ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void A_tampered_token_does_not_verify()
    {
        using var key = MuxPlaybackToken.ReadKey(TestCertificates.MuxSigningKey)!;
        var token = MuxPlaybackToken.Create(TestCertificates.MuxSigningKeyId, key, "AbC123", DateTimeOffset.UtcNow.AddHours(1));
        var parts = token.Split('.');
        var forged = parts[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"Other\",\"aud\":\"v\",\"exp\":9999999999}")).TrimEnd('=') + "." + parts[2];
        Assert.ThrowsAny<Exception>(() => Verify(forged));
    }

    [Fact]
    public void A_key_that_is_not_a_base64_pem_is_refused() =>
        Assert.Null(MuxPlaybackToken.ReadKey(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a key"))));

    private static byte[] Decode(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
