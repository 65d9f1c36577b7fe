using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Web.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access;

/// <summary>
/// A team purchase or a seat top-up that lost its access (refund, dispute, ban) takes back the seats it gave.
/// The team keeps as many seats as its purchases that still grant access paid for (none when the team's own
/// purchase went, unless top-ups remain); past that, pending invitations are withdrawn first, newest first, then
/// the most recently claimed seats end — their access and certificates go as with a refund of their own, the
/// seat record goes (as when the buyer removes a member) and the learner is told by e-mail. All of it inside the
/// transaction that ends the purchase's access, locked against a redemption at the same moment.
/// </summary>
public sealed class TeamSeatReduction(Mail.Outbox outbox, TimeProvider clock)
{
    /// <returns>The learners whose seats ended (their cache entries are dropped after the commit).</returns>
    public async Task<IReadOnlyList<Guid>> ReduceAsync(AntonioDbContext db, Guid purchaseId, Func<Guid, Task> endSeat, CancellationToken ct)
    {
        var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == purchaseId)
            .Select(p => new { p.BulkCouponId, p.RedeemedBulkCouponId }).SingleOrDefaultAsync(ct);
        if (purchase is not { BulkCouponId: { } couponId, RedeemedBulkCouponId: null }) return [];
        // The seat coupon, locked: a seat taken at this moment is counted before or after, never lost.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM coupons WHERE id = {couponId} FOR UPDATE", ct);
        var coupon = await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == couponId, ct);
        var seats = await db.Purchases
            .Where(p => p.BulkCouponId == couponId && p.RedeemedBulkCouponId == null && (p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted))
            .SumAsync(p => p.Quantity, ct);
        var pending = await db.TeamInvitations.AsTracking()
            .Where(i => i.BulkPurchaseId == coupon.BulkPurchaseId && i.ClaimedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        var claimed = await db.Purchases.AsNoTracking().Where(p => p.RedeemedBulkCouponId == couponId)
            .OrderByDescending(p => p.CreatedAt).Select(p => new { p.Id, p.UserId }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var withdrawn = pending.Take(Math.Max(0, claimed.Count + pending.Count - seats)).ToList();
        foreach (var invitation in withdrawn) invitation.RevokedAt = now;
        var ended = claimed.Take(Math.Max(0, claimed.Count - seats)).ToList();
        foreach (var seat in ended)
        {
            outbox.Add(db, TeamMailKinds.SeatEnded, await db.Users.Where(u => u.Id == seat.UserId).Select(u => u.Email).SingleAsync(ct) ?? "",
                new SeatEndedNotice(coupon.RestrictedToProductId!.Value));
            await endSeat(seat.Id);
            await db.Purchases.Where(p => p.Id == seat.Id).ExecuteDeleteAsync(ct);
        }
        await db.Coupons.Where(c => c.Id == couponId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MaxUses, seats).SetProperty(c => c.UsedCount, claimed.Count - ended.Count), ct);
        db.AuditEntries.Add(AuditTrail.Entry(null, "team.seats-reduced", "purchase", coupon.BulkPurchaseId ?? purchaseId,
            new { seats = coupon.MaxUses, used = coupon.UsedCount, pending = pending.Count },
            new { seats, used = claimed.Count - ended.Count, pending = pending.Count - withdrawn.Count, withdrawn = withdrawn.Select(i => i.Id), ended = ended.Select(s => s.UserId), cause = purchaseId },
            now));
        await db.SaveChangesAsync(ct);
        return [.. ended.Select(s => s.UserId)];
    }
}
