using Antonio.Data;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

public sealed record AdminPurchaseRow(Guid Id, string Email, string Product, DateTimeOffset CreatedAt, long Amount, int Quantity, string Status,
    string? Country, string? Provider);

/// <summary>Every purchase by status: how many and for how much (deleted accounts' purchases included: they stay, anonymised).</summary>
public sealed record AdminSalesLine(string Status, int Count, long Amount);

/// <summary>Purchases by the buyer's email (exact, case-insensitive, through the normalized-email index).</summary>
public sealed class AdminPurchaseReader(IDbContextFactory<AntonioDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AdminPurchaseRow>> ByEmailAsync(string? email, CancellationToken ct = default)
    {
        if (email is not { Length: > 0 and <= 256 }) return [];
        var normalized = email.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from p in db.Purchases
                      join u in db.Users on p.UserId equals u.Id
                      join product in db.Products on p.ProductId equals product.Id
                      where u.NormalizedEmail == normalized
                      orderby p.CreatedAt descending
                      select new AdminPurchaseRow(p.Id, u.Email!, product.Name, p.CreatedAt, p.TotalAmountCents, p.Quantity, p.Status, p.Country,
                          db.MerchantCharges.Where(c => c.Id == p.MerchantChargeId).Select(c => c.Provider).FirstOrDefault()))
            .Take(500).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AdminSalesLine>> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Purchases.GroupBy(p => p.Status).OrderBy(g => g.Key)
            .Select(g => new AdminSalesLine(g.Key, g.Count(), g.Sum(p => p.TotalAmountCents))).ToListAsync(ct);
    }
}
