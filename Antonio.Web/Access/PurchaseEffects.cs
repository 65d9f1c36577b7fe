using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access;

/// <summary>
/// What a purchase does to access (docs/domain.md, access rules 6 and 8), used by every purchase path (checkout, seat
/// redemption, webhooks, admin refunds) inside that path's transaction. The caller invalidates the
/// user's cache entries after committing (<see cref="Caching.CacheInvalidator.UserChangedAsync"/>).
/// </summary>
public sealed class PurchaseEffects(TimeProvider clock, IEnumerable<IAccessLossFollower> followers, TeamSeatReduction teams, IEnumerable<ISeatAccess> seatAccess)
{
    /// <summary>
    /// A Valid or Restricted purchase: a learner membership (the buyer's personal organization, or the
    /// given team membership for a seat) and a content entitlement per the product — one
    /// workshop_content_access covering its workshops, or one cohort_content_access per cohort workshop.
    /// A team (bulk) purchase instead gets its seat coupon and a team organization with the buyer as owner;
    /// seats bought for a team the buyer already has are added to it.
    /// </summary>
    public async Task GrantAsync(AntonioDbContext db, Purchase purchase, Guid? membershipId = null, CancellationToken ct = default)
    {
        if (!PurchaseStatus.GrantsAccess(purchase.Status)) return;
        var now = clock.GetUtcNow();
        if (purchase.RedeemedBulkCouponId is null)
        {
            // More seats for a team the buyer already has (priced at the tier of the new total): added to its seat coupon.
            var team = await db.Purchases.AsNoTracking()
                .Where(p => p.UserId == purchase.UserId && p.ProductId == purchase.ProductId && p.Id != purchase.Id && p.BulkCouponId != null
                            && (p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted))
                .Join(db.Coupons, p => p.BulkCouponId, c => c.Id, (p, c) => c).Where(c => c.BulkPurchaseId != null)
                .OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
            if (team is not null)
            {
                await db.Coupons.Where(c => c.Id == team.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MaxUses, c => c.MaxUses + purchase.Quantity), ct);
                await db.Purchases.Where(p => p.Id == purchase.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.BulkCouponId, team.Id), ct);
                purchase.BulkCouponId = team.Id;
                await db.SaveChangesAsync(ct);
                return;
            }
            if (purchase.Quantity > 1)
            {
                await CreateTeamAsync(db, purchase, now, ct);
                return;
            }
        }

        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == purchase.ProductId, ct);
        var workshops = await db.ContentProducts.AsNoTracking().Where(cp => cp.ProductId == product.Id)
            .OrderBy(cp => cp.Position).Select(cp => cp.ResourceId).ToArrayAsync(ct);
        var membership = membershipId is { } given
            ? await db.OrganizationMemberships.AsNoTracking().SingleAsync(m => m.Id == given, ct)
            : await PersonalMembershipAsync(db, purchase.UserId, now, ct);
        if (purchase.RedeemedBulkCouponId is not null)
            foreach (var grant in seatAccess)
                if (await grant.GrantSeatAsync(db, purchase, membership, ct))
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
        var cohort = product.Type == ProductTypes.Cohort;
        var typeName = cohort ? EntitlementTypeNames.CohortContentAccess : EntitlementTypeNames.WorkshopContentAccess;
        var typeId = await db.EntitlementTypes.Where(t => t.Name == typeName).Select(t => t.Id).SingleAsync(ct);
        var grants = cohort ? workshops.Select(w => new[] { w }) : [workshops];
        foreach (var contentIds in grants)
            db.Entitlements.Add(new Entitlement
            {
                Id = Guid.NewGuid(), EntitlementTypeId = typeId, UserId = purchase.UserId,
                OrganizationId = membership.OrganizationId, OrganizationMembershipId = membership.Id,
                SourceType = EntitlementSources.Purchase, SourceId = purchase.Id, ContentIds = contentIds, CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A refund, dispute or ban: the entitlements the purchase created are removed (soft delete), then
    /// whatever was built on that access is told (certificates are revoked unless access remains another way).
    /// </summary>
    /// <returns>The other learners whose access went with it (seats of a team purchase or top-up: <see cref="TeamSeatReduction"/>).</returns>
    public async Task<IReadOnlyList<Guid>> RevokeAsync(AntonioDbContext db, Guid purchaseId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await db.Entitlements
            .Where(e => e.SourceType == EntitlementSources.Purchase && e.SourceId == purchaseId && e.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeletedAt, now), ct);
        foreach (var follower in followers) await follower.AccessRevokedAsync(db, purchaseId, ct);
        return await teams.ReduceAsync(db, purchaseId, async seat => await RevokeAsync(db, seat, ct), ct);
    }

    /// <summary>The user's own organization membership, created on first need: purchases and manual grants hang entitlements on it (docs/domain.md, access rule 9).</summary>
    public static async Task<OrganizationMembership> PersonalMembershipAsync(AntonioDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.OrganizationMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organizations.Where(o => o.Name == "Personal"), m => m.OrganizationId, o => o.Id, (m, _) => m)
            .FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var org = new Organization { Id = Guid.NewGuid(), Name = "Personal", CreatedAt = now };
        var membership = new OrganizationMembership { Id = Guid.NewGuid(), OrganizationId = org.Id, UserId = userId, Role = OrganizationRoles.Learner, CreatedAt = now };
        db.AddRange(org, membership);
        await db.SaveChangesAsync(ct);
        return membership;
    }

    private static async Task CreateTeamAsync(AntonioDbContext db, Purchase purchase, DateTimeOffset now, CancellationToken ct)
    {
        var org = new Organization { Id = Guid.NewGuid(), Name = "Team", CreatedAt = now };
        var owner = new OrganizationMembership { Id = Guid.NewGuid(), OrganizationId = org.Id, UserId = purchase.UserId, Role = OrganizationRoles.Owner, CreatedAt = now };
        var seats = new Coupon
        {
            Id = Guid.NewGuid(), Code = "TEAM-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), PercentageDiscount = 1m, Status = RecordStatus.Active,
            MaxUses = purchase.Quantity, UsedCount = 0, RestrictedToProductId = purchase.ProductId, BulkPurchaseId = purchase.Id, CreatedAt = now,
        };
        db.AddRange(org, owner, seats);
        await db.SaveChangesAsync(ct);
        await db.Purchases.Where(p => p.Id == purchase.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.BulkCouponId, seats.Id), ct);
        purchase.BulkCouponId = seats.Id;
    }
}
