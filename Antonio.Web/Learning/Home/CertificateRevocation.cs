using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Content;
using Antonio.Data.Progress;
using Antonio.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning.Home;

/// <summary>
/// A refund, dispute or ban revokes the buyer's certificates for the purchase's workshops — unless the
/// learner still holds the workshop another way (another purchase, a seat, a pro subscription), judged
/// by the same <see cref="AccessRules.Holds"/> as their home page, against the state inside the
/// refund's transaction. The caller drops the user's cache entries after committing, certificates included.
/// </summary>
internal sealed class CertificateRevocation(TimeProvider clock) : IAccessLossFollower
{
    public async Task AccessRevokedAsync(AntonioDbContext db, Guid purchaseId, CancellationToken ct)
    {
        var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == purchaseId).Select(p => new { p.UserId, p.ProductId }).FirstOrDefaultAsync(ct);
        if (purchase is null) return;
        var workshopIds = await db.ContentProducts.AsNoTracking().Where(cp => cp.ProductId == purchase.ProductId).Select(cp => cp.ResourceId).ToListAsync(ct);
        var held = await db.Certificates.Where(c => c.UserId == purchase.UserId && c.RevokedAt == null && workshopIds.Contains(c.WorkshopId))
            .Select(c => c.WorkshopId).ToListAsync(ct);
        if (held.Count == 0) return;
        var now = clock.GetUtcNow();
        var snapshot = await AccessSnapshotQuery.LoadAsync(db, purchase.UserId, ct);
        var lost = new List<Guid>();
        foreach (var workshopId in held)
            if (await WorkshopTreeQuery.LoadAsync(db, workshopId.ToString(), ct) is not { } workshop || !AccessRules.Holds(workshop, snapshot, now))
                lost.Add(workshopId);
        await db.Certificates.Where(c => c.UserId == purchase.UserId && c.RevokedAt == null && lost.Contains(c.WorkshopId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now).SetProperty(c => c.RevokedReason, CertificateRevocations.Refunded), ct);
    }
}
