using System.Globalization;
using System.Security.Claims;
using Antonio.Data;
using Antonio.Data.Identity;
using Antonio.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access.Account;

/// <summary>
/// What a change that could take an account over needs besides a session — setting a first password, asking for
/// an e-mail change, deleting the account — so that a borrowed or stolen session cannot do it: the current password
/// where the account has one; for an account that signs in by e-mailed links only, a sign-in through such a link in
/// the last <see cref="Window"/> (its time rides in the cookie, <see cref="Claim"/>). Without it, a sign-in link is sent
/// to the account's own address (rate-limited like any other) and the change waits.
/// </summary>
public sealed class IdentityProof(UserManager<AppUser> users, AccountRateLimits limits, Outbox outbox, IDbContextFactory<AntonioDbContext> dbFactory,
    TimeProvider clock)
{
    public const string ClaimType = "antonio:link-sign-in";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public const string LinkSent =
        "To keep your account safe, confirm it's you first: we've e-mailed you a sign-in link. Follow it, then try again within 10 minutes.";

    /// <summary>The claim a sign-in through an e-mailed link adds to the cookie: when it happened.</summary>
    public Claim Claim() => new(ClaimType, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <returns>Null when the change may go ahead; otherwise what to tell the user.</returns>
    public async Task<string?> CheckAsync(AppUser user, ClaimsPrincipal principal, string? password, CancellationToken ct = default)
    {
        if (await users.HasPasswordAsync(user))
            return await users.CheckPasswordAsync(user, password ?? "") ? null : "Your current password is not right.";
        if (principal.FindFirstValue(ClaimType) is { } at && long.TryParse(at, CultureInfo.InvariantCulture, out var seconds)
            && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) <= Window)
            return null;
        if (!await limits.TryAcquireAsync(AccountMailKinds.SignInLink, user.Email!))
            return "Too many sign-in links were sent to your address. Try again in 15 minutes.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        outbox.Add(db, AccountMailKinds.SignInLink, user.Email!, new SignInLinkRequest("/account"));
        await db.SaveChangesAsync(ct);
        return LinkSent;
    }
}
