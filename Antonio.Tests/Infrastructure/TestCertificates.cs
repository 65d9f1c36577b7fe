using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// A self-signed certificate in a .pfx file, as a Production deployment gives for its key ring; and a Mux URL-signing
/// key as Mux hands one out (a PEM private key, base64-encoded), with the public half to check tokens against.
/// </summary>
public static class TestCertificates
{
    public const string MuxSigningKeyId = "test-signing-key";
    private static readonly Lazy<RSA> MuxKey = new(() => RSA.Create(2048));

    public static string MuxSigningKey => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(MuxKey.Value.ExportPkcs8PrivateKeyPem()));

    public static RSA MuxPublicKey
    {
        get
        {
            var key = RSA.Create();
            key.ImportParameters(MuxKey.Value.ExportParameters(false));
            return key;
        }
    }

    public const string Password = "test-key-ring";
    private static readonly Lazy<string> Pfx = new(Create);

    public static string KeyRingPfx => Pfx.Value;

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=antonio-key-ring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"antonio-key-ring-{Environment.ProcessId}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
