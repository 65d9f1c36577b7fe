using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Every request's sign-in cookie is checked against the user's current security stamp, read from the
/// cached access snapshot (no query on a warm cache). Signing out, changing the password or a role
/// rotates the stamp (and drops the snapshot), so a copied or stolen cookie stops working at once — not
/// when it expires 14 days later, nor after Identity's default 30-minute revalidation.
/// </summary>
public static class SecurityStampCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (await IsCurrentAsync(context.Principal, services.GetRequiredService<AccessReader>(), services.GetRequiredService<IOptions<IdentityOptions>>().Value,
                context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>Whether the principal's security stamp is still the user's (false for one without a stamp, or a deleted user).</summary>
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, AccessReader access, IdentityOptions identity, CancellationToken ct)
    {
        if (ViewerContext.UserId(principal) is not { } userId || principal!.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType) is not { } presented)
            return false;
        var snapshot = await access.GetAsync(userId, ct);
        return snapshot.SecurityStamp is { } current
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(current.AsSpan()));
    }
}
