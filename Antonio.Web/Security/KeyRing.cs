using System.Security.Cryptography.X509Certificates;
using Antonio.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Antonio.Web.Security;

/// <summary>
/// The Data Protection key ring: in PostgreSQL, shared by every node (not in Redis: with Redis down no
/// key ring could load, and every cookie, form token and link would fail with it), encrypted with the
/// configured certificate when there is one (always in Production).
/// </summary>
public static class KeyRing
{
    public static void Add(WebApplicationBuilder builder, KeyRingOptions options)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("antonio-workshops").PersistKeysToDbContext<AntonioDbContext>();
        // A certificate that cannot load is reported by the options validator, in one line, before start-up goes on.
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && File.Exists(options.CertificatePath))
        {
            try
            {
                dataProtection.ProtectKeysWithCertificate(Load(options));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // left to KeyRingOptionsValidator
            }
        }
    }

    public static X509Certificate2 Load(KeyRingOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
}
