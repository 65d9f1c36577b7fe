using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Antonio.Web.Access.Account;

/// <summary>
/// A pending sign-up travels inside its confirmation link, signed and encrypted by Data Protection and
/// valid 24 hours: no account row exists until the address's owner confirms, so nobody can squat an
/// address (or pre-set a password for it) by signing up with it first.
/// </summary>
public sealed class RegistrationTokens(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Antonio.Registration.v1").ToTimeLimitedDataProtector();

    public string Protect(PendingRegistration pending) => Protector.Protect(JsonSerializer.Serialize(pending), Lifetime);

    public PendingRegistration? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        try
        {
            return JsonSerializer.Deserialize<PendingRegistration>(Protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }
}
