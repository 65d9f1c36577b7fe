using System.Security.Cryptography;
using Antonio.Data.Identity;
using Antonio.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.Account;

/// <summary>
/// E-mail sign-in links: valid 15 minutes, single use (a nonce stored with the user is removed on use),
/// signed with Data Protection so they cannot be forged, and built on the configured public URL. Using
/// one does not sign out other sessions.
/// </summary>
public sealed class MagicLinks(UserManager<AppUser> users, IDataProtectionProvider protection, SiteUrls urls)
{
    private const string LoginProvider = "magic-link";
    private const string TokenName = "nonce";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Antonio.MagicLink.v1").ToTimeLimitedDataProtector();

    /// <summary>A fresh link for the user (any earlier one stops working).</summary>
    public async Task<string> CreateAsync(AppUser user, string? returnUrl)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await users.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, nonce);
        var token = Protector.Protect($"{user.Id:N}|{nonce}", Lifetime);
        return urls.Absolute("/account/magic?token=" + Uri.EscapeDataString(token)
                             + (ReturnUrls.IsSafe(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : ""));
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
