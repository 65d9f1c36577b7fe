using System.Security.Cryptography;
using Antonio.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Email sign-in links: valid 15 minutes, single use (a nonce stored with the user is removed on use),
/// signed with Data Protection so they cannot be forged. Using one does not sign out other sessions.
/// </summary>
public sealed class MagicLinks(UserManager<AppUser> users, IDataProtectionProvider protection, IEmailSender email)
{
    private const string LoginProvider = "magic-link";
    private const string TokenName = "nonce";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Antonio.MagicLink.v1").ToTimeLimitedDataProtector();

    /// <summary>Sends a link when the account exists; says nothing either way (no account enumeration).</summary>
    public async Task SendAsync(string emailAddress, string baseUri, string? returnUrl, CancellationToken ct = default)
    {
        var user = await users.FindByEmailAsync(emailAddress);
        if (user is null || await users.IsLockedOutAsync(user)) return;
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await users.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, nonce);
        var token = Protector.Protect($"{user.Id:N}|{nonce}", Lifetime);
        var link = $"{baseUri.TrimEnd('/')}/account/magic?token={Uri.EscapeDataString(token)}"
                   + (ReturnUrls.IsSafe(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : "");
        await email.SendAsync(new EmailMessage(user.Email!, "Your sign-in link for Antonio Workshops",
            $"Sign in to Antonio Workshops with this link (valid for 15 minutes, once):\n\n{link}\n\nIf you did not ask for it, ignore this email."), ct);
    }

    /// <summary>The user a valid, unused, unexpired token belongs to (consuming it), or null.</summary>
    public async Task<AppUser?> RedeemAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        string payload;
        try { payload = Protector.Unprotect(token, out _); }
        catch (CryptographicException) { return null; }
        var parts = payload.Split('|');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var userId)) return null;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return null;
        var stored = await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(stored), Convert.FromHexString(parts[1]))) return null;
        await users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName);
        return user;
    }
}
