using System.Security.Claims;
using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Data.Identity;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access.Account;

/// <summary>
/// "Delete my account", in one transaction: personal data erased (name, e-mail, password, sign-in methods,
/// progress, queued and sent e-mails, invitations to the address) or anonymised (certificates revoked, their name erased), access ended,
/// purchases kept for accounting (on the now anonymous user row, so totals and refunds still add up), the
/// action audited. Refused while a membership would renew (docs/memberships.md). Then every cache entry of the
/// user is dropped and every session ends.
/// </summary>
public sealed class AccountDeletion(UserManager<AppUser> users, SignInManager<AppUser> signIn, IDbContextFactory<AntonioDbContext> dbFactory,
    IEnumerable<IPersonalData> personalData, CacheInvalidator invalidator, TimeProvider clock, IdentityProof proof)
{
    public const string AuditAction = "account.deleted";

    /// <summary>The address the user typed must be theirs, and the proof <see cref="IdentityProof"/> asks given: a slip or a borrowed session cannot delete it.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(ClaimsPrincipal principal, string typedEmail, string? password, CancellationToken ct = default)
    {
        if (await users.GetUserAsync(principal) is not { } user) return ["Sign in again to delete your account."];
        if (!string.Equals(typedEmail.Trim(), user.Email, StringComparison.OrdinalIgnoreCase)) return ["Type the e-mail address of your account to confirm."];
        if (await proof.CheckAsync(user, principal, password, ct) is { } refused) return [refused];

        var now = clock.GetUtcNow();
        var id = user.Id;
        var email = user.Email!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The payment provider bills on its own schedule: an account deleted under a renewing membership would go on being charged.
        if (await db.Subscriptions.Where(s => s.UserId == id).AnyAsync(Subscription.WillCharge, ct))
            return ["Cancel your membership first (Your membership, then Manage billing): it would go on renewing. You can delete your account right after."];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var data in personalData) await data.EraseAsync(db, id, now, ct);
        await db.Entitlements.Where(e => e.UserId == id && e.DeletedAt == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.DeletedAt, now), ct);
        await db.OutboxMessages.Where(m => m.Recipient == email).ExecuteDeleteAsync(ct);
        var normalized = email.ToUpperInvariant();
        await db.TeamInvitations.Where(i => i.NormalizedEmail == normalized).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Email, "(deleted)").SetProperty(i => i.NormalizedEmail, "(DELETED)").SetProperty(i => i.RevokedAt, i => i.RevokedAt ?? (i.ClaimedAt == null ? now : null)), ct);
        await db.UserLogins.Where(l => l.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync(ct);
        var placeholder = $"deleted-{id:N}@deleted.invalid";
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, placeholder).SetProperty(u => u.NormalizedEmail, placeholder.ToUpperInvariant())
            .SetProperty(u => u.UserName, placeholder).SetProperty(u => u.NormalizedUserName, placeholder.ToUpperInvariant())
            .SetProperty(u => u.Name, (string?)null).SetProperty(u => u.PasswordHash, (string?)null).SetProperty(u => u.PhoneNumber, (string?)null)
            .SetProperty(u => u.EmailConfirmed, false).SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()).SetProperty(u => u.LockoutEnabled, true)
            .SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue), ct);
        var purchases = await db.Purchases.CountAsync(p => p.UserId == id, ct);
        db.AuditEntries.Add(AuditTrail.Entry(id, AuditAction, "user", id, before: new { purchases }, after: null, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await invalidator.UserChangedAsync(id, ct);
        await invalidator.ProgressChangedAsync(id, ct);
        await signIn.SignOutAsync();
        return [];
    }
}
