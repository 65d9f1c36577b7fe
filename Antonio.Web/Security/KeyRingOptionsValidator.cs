using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>Production needs the key-ring certificate; where one is given, it must load with its private key.</summary>
public sealed class KeyRingOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail("Antonio:DataProtection:CertificatePath is not set: Production encrypts its key ring (cookies, form tokens, sign-in links) with a certificate (.pfx).")
                : ValidateOptionsResult.Success;
        try
        {
            using var certificate = KeyRing.Load(options);
            return certificate.HasPrivateKey ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Antonio:DataProtection:CertificatePath '{options.CertificatePath}' has no private key.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Antonio:DataProtection:CertificatePath '{options.CertificatePath}' cannot be loaded: {e.Message}");
        }
    }
}
