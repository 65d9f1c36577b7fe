using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Antonio.Web.Access.Account;

/// <summary>
/// A payload that travels inside an e-mailed link, signed and encrypted by Data Protection and valid for
/// <see cref="Lifetime"/>: nothing is stored until the address's owner follows the link. Each use has its
/// own purpose, so a token made for one cannot be replayed as another.
/// </summary>
public abstract class AccountTokens<T>(IDataProtectionProvider protection, string purpose) where T : class
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    public string Protect(T payload) => Protector.Protect(JsonSerializer.Serialize(payload), Lifetime);

    public T? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(Protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// A pending sign-up travels inside its confirmation link: no account row exists until the address's owner
/// confirms, so nobody can squat an address (or pre-set a password for it) by signing up with it first.
/// </summary>
public sealed class RegistrationTokens(IDataProtectionProvider protection) : AccountTokens<PendingRegistration>(protection, "Antonio.Registration.v1");

/// <summary>A pending e-mail change travels inside the link sent to the new address.</summary>
public sealed class EmailChangeTokens(IDataProtectionProvider protection) : AccountTokens<PendingEmailChange>(protection, "Antonio.EmailChange.v1");
