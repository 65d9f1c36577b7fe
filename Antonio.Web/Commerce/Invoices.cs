using Antonio.Data;
using Antonio.Data.Commerce;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Commerce;

/// <summary>One charge as a buyer's list of invoices shows it.</summary>
public sealed record InvoiceSummary(Guid ChargeId, string Number, DateTimeOffset IssuedAt, long TotalCents, int Lines);

/// <summary>What one purchase of a charge cost: as recorded when it was paid, never recomputed from today's prices.</summary>
public sealed record InvoiceLine(string Product, int Quantity, long AmountCents, string Status, string? CouponCode);

/// <summary>An invoice: a charge with its buyer and the purchases it paid for.</summary>
public sealed record Invoice(Guid ChargeId, string Number, Guid BuyerId, string BuyerEmail, string? BuyerName, string? BillTo, string Charge,
    string Provider, DateTimeOffset IssuedAt, IReadOnlyList<InvoiceLine> Lines)
{
    public long TotalCents => Lines.Sum(l => l.AmountCents);
}

/// <summary>
/// Invoices, one per charge (<see cref="MerchantCharge"/>): the numbers come from the purchases the charge paid for,
/// as recorded at the time; the buyer's "bill to" text is kept on the charge. Who may open one is decided by the
/// pages (the buyer, or an admin); these reads answer for any charge.
/// </summary>
public sealed class Invoices(IDbContextFactory<AntonioDbContext> dbFactory)
{
    /// <summary>The invoice's number, from its charge alone: the day it was paid and the charge's id.</summary>
    public static string NumberOf(Guid chargeId, DateTimeOffset paidAt) =>
        $"AW-{paidAt.UtcDateTime:yyyyMMdd}-{chargeId.ToString("N")[..8].ToUpperInvariant()}";

    public async Task<IReadOnlyList<InvoiceSummary>> ForBuyerAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charges = await (from c in db.MerchantCharges
                             where c.UserId == userId
                             join p in db.Purchases on c.Id equals p.MerchantChargeId
                             group p by new { c.Id, c.CreatedAt } into g
                             orderby g.Key.CreatedAt descending
                             select new { g.Key.Id, g.Key.CreatedAt, Total = g.Sum(p => p.TotalAmountCents), Lines = g.Count() }).ToListAsync(ct);
        return [.. charges.Select(c => new InvoiceSummary(c.Id, NumberOf(c.Id, c.CreatedAt), c.CreatedAt, c.Total, c.Lines))];
    }

    public async Task<Invoice?> GetAsync(Guid chargeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var head = await (from c in db.MerchantCharges
                          join u in db.Users on c.UserId equals u.Id
                          where c.Id == chargeId
                          select new { c.Id, c.UserId, u.Email, u.Name, c.BillTo, c.Identifier, c.Provider, c.CreatedAt }).SingleOrDefaultAsync(ct);
        if (head is null) return null;
        var lines = await (from p in db.Purchases
                           join product in db.Products on p.ProductId equals product.Id
                           join coupon in db.Coupons on p.CouponId equals coupon.Id into coupons
                           from coupon in coupons.DefaultIfEmpty()
                           where p.MerchantChargeId == chargeId
                           orderby p.CreatedAt, p.Id
                           select new InvoiceLine(product.Name, p.Quantity, p.TotalAmountCents, p.Status, coupon == null ? null : coupon.Code)).ToListAsync(ct);
        return new Invoice(head.Id, NumberOf(head.Id, head.CreatedAt), head.UserId, head.Email ?? "", head.Name, head.BillTo, head.Identifier,
            head.Provider, head.CreatedAt, lines);
    }

    /// <summary>Keeps the buyer's "bill to" text on their own charge; false when the charge is not theirs (nothing written).</summary>
    public async Task<bool> SetBillToAsync(Guid chargeId, Guid buyerId, string? billTo, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(billTo) ? null : billTo.Trim().ReplaceLineEndings("\n");
        if (text?.Length > MerchantCharge.MaxBillToLength) throw new ArgumentOutOfRangeException(nameof(billTo));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MerchantCharges.Where(c => c.Id == chargeId && c.UserId == buyerId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.BillTo, text), ct) == 1;
    }
}
