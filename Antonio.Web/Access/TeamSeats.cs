using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Web.Access;

public enum RedeemOutcome { Redeemed, NotFound, NoSeatsLeft, AlreadyRedeemed }

/// <summary>
/// Redeeming a team seat (docs/domain.md, access rule 8): at most max_uses seats even under concurrent redemptions — the seat
/// is taken by one conditional UPDATE (used_count &lt; max_uses), which PostgreSQL serialises per row —
/// and at most one seat per learner (a unique index). Seats held by pending e-mail invitations are not
/// taken through the shared link; an invitation's own seat is taken with the invitation, in one transaction.
/// The team's buyer is told by e-mail, queued in that transaction.
/// </summary>
public sealed class TeamSeats(IDbContextFactory<AntonioDbContext> dbFactory, PurchaseEffects effects, CacheInvalidator invalidator, Mail.Outbox outbox, TimeProvider clock)
{
    public const int MaxCodeLength = 64;

    /// <summary>The teams a buyer bought seats for (the /team page).</summary>
    public async Task<IReadOnlyList<TeamSeatsView>> ForBuyerAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TeamQuery.ForBuyerAsync(db, userId, ct);
    }

    /// <summary>The team behind a seat code (the redemption page); null for anything that is not one.</summary>
    public async Task<TeamSeatsView?> ByCodeAsync(string code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TeamQuery.ByCodeAsync(db, code, ct);
    }

    /// <param name="invitationId">The e-mail invitation being accepted, whose seat this is; null for the shared link.</param>
    public async Task<RedeemOutcome> RedeemAsync(Guid userId, string code, Guid? invitationId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength) return RedeemOutcome.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var coupon = await db.Coupons.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code && c.BulkPurchaseId != null, ct);
        if (coupon?.RestrictedToProductId is not { } productId) return RedeemOutcome.NotFound;
        if (await db.Purchases.AnyAsync(p => p.UserId == userId && p.RedeemedBulkCouponId == coupon.Id, ct)) return RedeemOutcome.AlreadyRedeemed;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        int taken;
        if (invitationId is { } invitation)
        {
            var claimed = await db.TeamInvitations
                .Where(i => i.Id == invitation && i.BulkPurchaseId == coupon.BulkPurchaseId && i.ClaimedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, now).SetProperty(i => i.ClaimedById, userId), ct);
            if (claimed == 0) return RedeemOutcome.NotFound;
            taken = await db.Coupons.Where(c => c.Id == coupon.Id).Where(CouponRules.StillUsable)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), ct);
        }
        else
        {
            taken = await db.Coupons.Where(c => c.Id == coupon.Id).Where(CouponRules.StillUsable)
                .Where(c => c.UsedCount + db.TeamInvitations.Count(i => i.BulkPurchaseId == c.BulkPurchaseId && i.ClaimedAt == null && i.RevokedAt == null) < c.MaxUses)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), ct);
        }
        if (taken == 0) return RedeemOutcome.NoSeatsLeft;

        var team = await db.OrganizationMemberships.AsNoTracking()
            .Where(m => m.Role == OrganizationRoles.Owner)
            .Join(db.Purchases.Where(p => p.Id == coupon.BulkPurchaseId), m => m.UserId, p => p.UserId, (m, _) => m.OrganizationId)
            .FirstOrDefaultAsync(ct);
        var membership = await db.OrganizationMemberships.AsTracking()
            .FirstOrDefaultAsync(m => m.UserId == userId && m.OrganizationId == team, ct);
        if (membership is null && team != Guid.Empty)
        {
            membership = new OrganizationMembership { Id = Guid.NewGuid(), OrganizationId = team, UserId = userId, Role = OrganizationRoles.Learner, CreatedAt = now };
            db.Add(membership);
        }
        var seat = new Purchase
        {
            Id = Guid.NewGuid(), UserId = userId, ProductId = productId, Status = PurchaseStatus.Valid, TotalAmountCents = 0,
            RedeemedBulkCouponId = coupon.Id, Quantity = 1, CreatedAt = now,
        };
        db.Add(seat);
        var owner = await db.Purchases.Where(p => p.Id == coupon.BulkPurchaseId).Join(db.Users, p => p.UserId, u => u.Id, (_, u) => new { u.Id, u.Email }).SingleAsync(ct);
        if (owner.Id != userId)
        {
            var notice = new SeatClaimedNotice(coupon.BulkPurchaseId!.Value, userId);
            outbox.Add(db, TeamMailKinds.SeatClaimed, owner.Email ?? "", notice);
            if (await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct) is { } memberEmail)
                outbox.Add(db, TeamMailKinds.SeatWelcome, memberEmail, notice);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await effects.GrantAsync(db, seat, membership?.Id, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return RedeemOutcome.AlreadyRedeemed; // the same learner, twice at once: the transaction rolls back
        }
        await invalidator.UserChangedAsync(userId, ct);
        await invalidator.UserChangedAsync(owner.Id, ct); // the buyer's seat counts (CanInviteTeam) changed
        return RedeemOutcome.Redeemed;
    }
}
