namespace Antonio.Web.Security;

/// <summary>
/// How the Data Protection key ring — which signs sign-in cookies, form tokens, sign-in and confirmation
/// links — is protected at rest in PostgreSQL (<c>Antonio:DataProtection</c>). Required in Production:
/// without it anyone who can read the database table could forge a session.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Antonio:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate (and private key) that encrypts the keys.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
