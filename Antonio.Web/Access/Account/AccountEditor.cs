using System.Security.Claims;
using Antonio.Data;
using Antonio.Data.Identity;
using Antonio.Web.Caching;
using Antonio.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access.Account;

public enum EmailChangeOutcome { Changed, Invalid, Taken }

/// <summary>
/// The account page's profile and e-mail forms. An e-mail change is only asked here (with the proof
/// <see cref="IdentityProof"/> asks: a borrowed session must not move the account to another inbox); it happens when the
/// new address's owner follows the link sent there, and the old address is told.
/// </summary>
public sealed class AccountEditor(UserManager<AppUser> users, SignInManager<AppUser> signIn, IDbContextFactory<AntonioDbContext> dbFactory,
    Outbox outbox, EmailChangeTokens tokens, AccountRateLimits limits, CacheInvalidator invalidator, IdentityProof proof)
{
    public async Task<AppUser?> CurrentAsync(ClaimsPrincipal principal) => await users.GetUserAsync(principal);

    /// <summary>Saves the display name (printed on certificates); the cookie is refreshed so pages show it at once.</summary>
    public async Task<IReadOnlyList<string>> SetNameAsync(ClaimsPrincipal principal, string? name)
    {
        if (await users.GetUserAsync(principal) is not { } user) return ["Sign in again to change your name."];
        user.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return result.Errors.Select(e => e.Description).ToList();
        await invalidator.UserChangedAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        return [];
    }

    /// <summary>
    /// Queues the confirmation to the new address. The answer is the same whether or not another account uses
    /// it (that is checked when the link is followed), so the form cannot be used to find accounts.
    /// </summary>
    public async Task<IReadOnlyList<string>> RequestEmailChangeAsync(ClaimsPrincipal principal, string newEmail, string? password, CancellationToken ct = default)
    {
        if (await users.GetUserAsync(principal) is not { } user) return ["Sign in again to change your e-mail address."];
        newEmail = newEmail.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase)) return ["That is already your address."];
        if (await proof.CheckAsync(user, principal, password, ct) is { } refused) return [refused];
        if (!await limits.TryAcquireAsync(AccountMailKinds.EmailChange, newEmail)) return ["Too many messages were sent to that address. Try again in an hour."];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        outbox.Add(db, AccountMailKinds.EmailChange, newEmail, new PendingEmailChange(user.Id, newEmail, await users.GetSecurityStampAsync(user)));
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>
    /// Follows a confirmation link: the address becomes the account's e-mail and sign-in name, every session
    /// ends (the stamp rotates, which also voids the link), and the old address gets a notice.
    /// </summary>
    public async Task<(EmailChangeOutcome Outcome, AppUser? User)> ConfirmEmailChangeAsync(string? token, CancellationToken ct = default)
    {
        if (tokens.Unprotect(token) is not { } pending || await users.FindByIdAsync(pending.UserId.ToString()) is not { } user
            || await users.GetSecurityStampAsync(user) != pending.SecurityStamp)
            return (EmailChangeOutcome.Invalid, null);
        if (await users.FindByEmailAsync(pending.NewEmail) is not null) return (EmailChangeOutcome.Taken, null);
        var oldEmail = user.Email!;
        user.Email = user.UserName = pending.NewEmail;
        user.EmailConfirmed = true;
        var result = await users.UpdateAsync(user); // normalizes both names; the unique e-mail index refuses a race
        if (!result.Succeeded) return (EmailChangeOutcome.Taken, null);
        await users.UpdateSecurityStampAsync(user);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            outbox.Add(db, AccountMailKinds.EmailChanged, oldEmail, new EmailChangedNotice(pending.NewEmail));
            await db.SaveChangesAsync(ct);
        }
        await invalidator.UserChangedAsync(user.Id, ct);
        return (EmailChangeOutcome.Changed, user);
    }
}
