using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

public sealed record AdminCouponRow(Guid Id, string? Code, decimal? PercentageDiscount, long? AmountDiscountCents, bool IsDefault, bool Active,
    DateTimeOffset? ExpiresAt, int MaxUses, int UsedCount, string? Product);

/// <summary>
/// Reads and writes sale coupons (team seat coupons belong to their purchase and are not edited here).
/// Saves check the coupon's xmin, write an audit row, and drop every cached coupon lookup.
/// </summary>
public sealed class CouponEditor(IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdminCouponRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Coupons.AsNoTracking().Where(c => c.BulkPurchaseId == null).OrderByDescending(c => c.CreatedAt).Take(500)
            .Select(c => new AdminCouponRow(c.Id, c.Code, c.PercentageDiscount, c.AmountDiscountCents, c.IsDefault, c.Status == RecordStatus.Active, c.ExpiresAt, c.MaxUses, c.UsedCount,
                db.Products.Where(p => p.Id == c.RestrictedToProductId).Select(p => p.Name).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public async Task<(CouponForm Form, uint Version, int UsedCount)?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Coupons.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.BulkPurchaseId == null, ct);
        if (c is null) return null;
        return (new CouponForm
        {
            Code = c.Code, PercentageDiscount = c.PercentageDiscount, AmountDiscount = c.AmountDiscountCents / 100m, IsDefault = c.IsDefault,
            Active = c.Status == RecordStatus.Active, ExpiresAt = c.ExpiresAt, MaxUses = c.MaxUses, RestrictedToProductId = c.RestrictedToProductId,
        }, c.Version, c.UsedCount);
    }

    /// <param name="id">null to create.</param>
    public async Task<(EditOutcome Outcome, Guid? Id)> SaveAsync(Guid? id, uint? expectedVersion, CouponForm form, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        Coupon coupon;
        object? before = null;
        if (id is { } existing)
        {
            var found = await db.Coupons.AsTracking().SingleOrDefaultAsync(c => c.Id == existing && c.BulkPurchaseId == null, ct);
            if (found is null) return (EditOutcome.NotFound, null);
            if (expectedVersion is { } expected)
            {
                if (expected != found.Version) return (EditOutcome.Conflict, null);
                db.Entry(found).Property(c => c.Version).OriginalValue = expected;
            }
            coupon = found;
            before = Snapshot(found);
        }
        else
        {
            coupon = new Coupon { Id = Guid.NewGuid(), CreatedAt = now };
            db.Coupons.Add(coupon);
        }
        if (form.RestrictedToProductId is { } product && !await db.Products.AnyAsync(p => p.Id == product, ct)) return (EditOutcome.NotFound, null);
        coupon.Code = string.IsNullOrWhiteSpace(form.Code) ? null : form.Code.Trim();
        coupon.PercentageDiscount = form.PercentageDiscount;
        coupon.AmountDiscountCents = form.AmountDiscountCents;
        coupon.IsDefault = form.IsDefault;
        coupon.Status = form.Active ? 1 : 0;
        coupon.ExpiresAt = form.ExpiresAt;
        coupon.MaxUses = form.MaxUses;
        coupon.RestrictedToProductId = form.RestrictedToProductId;
        db.AuditEntries.Add(AuditTrail.Entry(actorId, before is null ? "coupon.create" : "coupon.update", "coupon", coupon.Id, before, Snapshot(coupon), now));
        var outcome = await AdminSave.SaveAsync(db, EditOutcome.CodeTaken, ct);
        if (outcome != EditOutcome.Saved) return (outcome, null);
        await invalidator.CouponsChangedAsync(ct);
        return (outcome, coupon.Id);
    }

    private static object Snapshot(Coupon c) => new
    {
        c.Code, c.PercentageDiscount, c.AmountDiscountCents, c.IsDefault, c.Status, c.ExpiresAt, c.MaxUses, c.UsedCount, c.RestrictedToProductId,
    };
}
