using Antonio.Data;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Commerce;

/// <summary>One purchase as its buyer sees it on /purchases.</summary>
public sealed record PurchaseHistoryRow(Guid Id, string Product, int Quantity, DateTimeOffset CreatedAt, long AmountCents, string Status, string? Country,
    Guid? ChargeId, string? Charge, string? InvoiceUrl);

/// <summary>A buyer's purchases, newest first, with their charges (one query).</summary>
public sealed class PurchaseHistory(IDbContextFactory<AntonioDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PurchaseHistoryRow>> ForUserAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from p in db.Purchases
                      join product in db.Products on p.ProductId equals product.Id
                      join c in db.MerchantCharges on p.MerchantChargeId equals c.Id into charges
                      from charge in charges.DefaultIfEmpty()
                      where p.UserId == userId
                      orderby p.CreatedAt descending
                      select new PurchaseHistoryRow(p.Id, product.Name, p.Quantity, p.CreatedAt, p.TotalAmountCents, p.Status, p.Country,
                          // A purchase given to this learner was paid by someone else: the invoice stays the payer's.
                          charge == null || charge.UserId != userId ? null : charge.Id, charge == null ? null : charge.Identifier,
                          charge == null || charge.UserId != userId ? null : charge.InvoiceUrl)).ToListAsync(ct);
    }
}
