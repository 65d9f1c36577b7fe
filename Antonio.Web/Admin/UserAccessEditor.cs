using System.Text.Json;
using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Antonio.Web.Access;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

public sealed record AdminUserRow(Guid Id, string Email, string? Name, IReadOnlyList<string> Roles);

public sealed record AdminEntitlementRow(Guid Id, string Type, string Source, IReadOnlyList<string> Workshops, string? Tier,
    DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, bool Active);

public sealed record AdminUser(AdminUserRow User, IReadOnlyList<AdminEntitlementRow> Entitlements);

/// <summary>
/// Site roles and manual entitlements of a user. Each change writes an audit row in its transaction
/// and drops the user's cached access snapshot, which both the learner pages and the admin policy
/// read, so it takes effect on the user's next request. A role change also rotates the user's
/// security stamp: every session of theirs ends.
/// </summary>
public sealed class UserAccessEditor(IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdminUserRow>> SearchAsync(string? email, CancellationToken ct = default)
    {
        if (email is not { Length: > 0 and <= 256 }) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pattern = LikePattern.Contains(email.Trim().ToUpperInvariant());
        var users = await db.Users.AsNoTracking().Where(u => EF.Functions.Like(u.NormalizedEmail!, pattern))
            .OrderBy(u => u.NormalizedEmail).Take(50).Select(u => new { u.Id, u.Email, u.Name }).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToArray();
        var roles = await RolesAsync(db, ids, ct);
        return users.Select(u => new AdminUserRow(u.Id, u.Email ?? "", u.Name, roles[u.Id].ToList())).ToList();
    }

    public async Task<AdminUser?> LoadAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.Email, u.Name }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await RolesAsync(db, [userId], ct);
        var now = clock.GetUtcNow();
        var rows = await db.Entitlements.AsNoTracking().Where(e => e.UserId == userId)
            .Join(db.EntitlementTypes, e => e.EntitlementTypeId, t => t.Id, (e, t) => new { Entitlement = e, Type = t.Name })
            .OrderByDescending(x => x.Entitlement.CreatedAt).Take(200).ToListAsync(ct);
        var contentIds = rows.SelectMany(r => r.Entitlement.ContentIds).Distinct().ToArray();
        var titles = (await db.ContentResources.AsNoTracking().Where(r => contentIds.Contains(r.Id)).Select(r => new { r.Id, r.Fields }).ToListAsync(ct))
            .ToDictionary(r => r.Id, r => ContentFields.From(r.Fields).Title ?? "(untitled)");
        var entitlements = rows.Select(r => new AdminEntitlementRow(r.Entitlement.Id, r.Type, r.Entitlement.SourceType,
            r.Entitlement.ContentIds.Select(id => titles.GetValueOrDefault(id, "(removed)")).ToList(),
            r.Entitlement.Metadata?.RootElement.TryGetProperty("tier", out var tier) == true ? tier.GetString() : null,
            r.Entitlement.ExpiresAt, r.Entitlement.CreatedAt,
            r.Entitlement.DeletedAt is null && (r.Entitlement.ExpiresAt is null || r.Entitlement.ExpiresAt > now))).ToList();
        return new AdminUser(new AdminUserRow(user.Id, user.Email ?? "", user.Name, roles[userId].ToList()), entitlements);
    }

    public async Task<EditOutcome> SetRoleAsync(Guid userId, string role, bool granted, Guid? actorId, CancellationToken ct = default)
    {
        if (!SiteRoles.All.Contains(role)) return EditOutcome.NotAllowedHere;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
        var user = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (roleId is null || user is null) return EditOutcome.NotFound;
        var existing = await db.UserRoles.AsTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.RoleId == roleId, ct);
        if ((existing is not null) == granted) return EditOutcome.Saved;
        if (granted) db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = userId, RoleId = roleId.Value });
        else db.UserRoles.Remove(existing!);
        // A new security stamp signs the user out everywhere: their next sign-in carries the new role set.
        user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        db.AuditEntries.Add(AuditTrail.Entry(actorId, granted ? "user.role.grant" : "user.role.revoke", "user", userId,
            new { role, held = !granted }, new { role, held = granted }, clock.GetUtcNow()));
        var outcome = await AdminSave.SaveAsync(db, EditOutcome.Saved, ct); // a concurrent identical grant is the same outcome
        await invalidator.UserChangedAsync(userId, ct);
        return outcome;
    }

    /// <summary>A manual entitlement on the user's personal membership (only membership-tied entitlements count, docs/domain.md, access rule 9).</summary>
    public async Task<EditOutcome> GrantAsync(Guid userId, EntitlementForm form, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return EditOutcome.NotFound;
        var typeId = await db.EntitlementTypes.Where(t => t.Name == form.Type).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
        if (typeId is null) return EditOutcome.NotAllowedHere;
        Guid[] content = [];
        if (!form.IsSubscription)
        {
            if (form.WorkshopId is not { } workshop
                || !await db.ContentResources.AnyAsync(r => r.Id == workshop && r.Type == ContentTypes.Workshop && r.DeletedAt == null, ct))
                return EditOutcome.NotFound;
            content = [workshop];
        }
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var membership = await PurchaseEffects.PersonalMembershipAsync(db, userId, now, ct);
        var entitlement = new Entitlement
        {
            Id = Guid.NewGuid(), EntitlementTypeId = typeId.Value, UserId = userId, OrganizationId = membership.OrganizationId,
            OrganizationMembershipId = membership.Id, SourceType = EntitlementSources.Manual, SourceId = actorId, ContentIds = content,
            Metadata = form.IsSubscription ? JsonSerializer.SerializeToDocument(new { tier = form.Tier }) : null,
            ExpiresAt = form.ExpiresAt, CreatedAt = now,
        };
        db.Entitlements.Add(entitlement);
        db.AuditEntries.Add(AuditTrail.Entry(actorId, "entitlement.grant", "entitlement", entitlement.Id, null,
            new { userId, form.Type, content, form.Tier, form.ExpiresAt }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(userId, ct);
        return EditOutcome.Saved;
    }

    /// <summary>Revokes (soft-deletes) one of the user's entitlements, whatever created it.</summary>
    public async Task<EditOutcome> RevokeAsync(Guid userId, Guid entitlementId, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entitlement = await db.Entitlements.AsTracking().SingleOrDefaultAsync(e => e.Id == entitlementId && e.UserId == userId && e.DeletedAt == null, ct);
        if (entitlement is null) return EditOutcome.NotFound;
        var now = clock.GetUtcNow();
        entitlement.DeletedAt = now;
        db.AuditEntries.Add(AuditTrail.Entry(actorId, "entitlement.revoke", "entitlement", entitlementId,
            new { userId, deletedAt = (DateTimeOffset?)null }, new { userId, deletedAt = now }, now));
        await db.SaveChangesAsync(ct);
        await invalidator.UserChangedAsync(userId, ct);
        return EditOutcome.Saved;
    }

    private static async Task<ILookup<Guid, string>> RolesAsync(AntonioDbContext db, Guid[] userIds, CancellationToken ct) =>
        (await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
        .ToLookup(x => x.UserId, x => x.Name!);
}
