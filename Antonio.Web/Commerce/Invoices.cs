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
/// or for a membership's payment from the charge itself (plan, seats, period), as recorded at the time; the buyer's
/// "bill to" text is kept on the charge. Who may open one is decided by the pages (the buyer, or an admin); these
/// reads answer for any charge.
/// </summary>
public sealed class Invoices(IDbContextFactory<AntonioDbContext> dbFactory)
{
    /// <summary>The invoice's number, from its charge alone: the day it was paid and the charge's id.</summary>
    public static string NumberOf(Guid chargeId, DateTimeOffset paidAt) =>
        $"AW-{paidAt.UtcDateTime:yyyyMMdd}-{chargeId.ToString("N")[..8].ToUpperInvariant()}";

    public async Task<IReadOnlyList<InvoiceSummary>> ForBuyerAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purchased = await (from c in db.MerchantCharges
                               where c.UserId == userId
                               join p in db.Purchases on c.Id equals p.MerchantChargeId
                               group p by new { c.Id, c.CreatedAt } into g
                               select new { g.Key.Id, g.Key.CreatedAt, Total = g.Sum(p => p.TotalAmountCents), Lines = g.Count() }).ToListAsync(ct);
        var memberships = await db.MerchantCharges.Where(c => c.UserId == userId && c.SubscriptionId != null)
            .Select(c => new { c.Id, c.CreatedAt, Total = c.AmountCents ?? 0, Lines = 1 }).ToListAsync(ct);
        var charges = purchased.Concat(memberships).OrderByDescending(c => c.CreatedAt);
        return [.. charges.Select(c => new InvoiceSummary(c.Id, NumberOf(c.Id, c.CreatedAt), c.CreatedAt, c.Total, c.Lines))];
    }

    public async Task<Invoice?> GetAsync(Guid chargeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var head = await (from c in db.MerchantCharges
                          join u in db.Users on c.UserId equals u.Id
                          where c.Id == chargeId
                          select new { c.Id, c.UserId, u.Email, u.Name, c.BillTo, c.Identifier, c.Provider, c.CreatedAt, c.SubscriptionId, c.AmountCents, c.Quantity, c.PeriodStart, c.PeriodEnd })
            .SingleOrDefaultAsync(ct);
        if (head is null) return null;
        if (head.SubscriptionId is { } subscriptionId)
        {
            // A membership's payment: one line, the plan and the period it paid for, as charged.
            var plan = await (from sub in db.Subscriptions
                              where sub.Id == subscriptionId
                              join p in db.MembershipPlans on sub.PlanId equals p.Id
                              join product in db.Products on p.ProductId equals product.Id
                              select new { product.Name, p.Interval }).SingleAsync(ct);
            var period = head.PeriodStart is { } from && head.PeriodEnd is { } to ? $", {from.UtcDateTime:MMM d, yyyy} – {to.UtcDateTime:MMM d, yyyy}" : "";
            var membershipLine = new InvoiceLine($"{plan.Name}, billed {(plan.Interval == BillingIntervals.Year ? "yearly" : "monthly")}{period}",
                head.Quantity ?? 1, head.AmountCents ?? 0, "Paid", null);
            return new Invoice(head.Id, NumberOf(head.Id, head.CreatedAt), head.UserId, head.Email ?? "", head.Name, head.BillTo, head.Identifier,
                head.Provider, head.CreatedAt, [membershipLine]);
        }
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
