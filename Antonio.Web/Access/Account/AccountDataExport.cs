using System.Text.Json;
using Antonio.Data;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access.Account;

/// <summary>
/// "Download my data": one JSON document with the profile, purchases, access and every other feature's
/// personal data (<see cref="IPersonalData"/>: progress, certificates). Read from the database, not caches.
/// </summary>
public sealed class AccountDataExport(IDbContextFactory<AntonioDbContext> dbFactory, IEnumerable<IPersonalData> personalData, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<byte[]?> ExportAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.Name, u.CreatedAt, hasPassword = u.PasswordHash != null }).FirstOrDefaultAsync(ct);
        if (profile is null) return null;
        var document = new Dictionary<string, object?>
        {
            ["exportedAt"] = clock.GetUtcNow(),
            ["profile"] = profile,
            // Which other sites' accounts sign in here (the provider's key and the handle it gave, nothing else is kept).
            ["signInMethods"] = await db.UserLogins.AsNoTracking().Where(l => l.UserId == userId)
                .Select(l => new { provider = l.LoginProvider, key = l.ProviderKey, handle = l.ProviderDisplayName }).ToListAsync(ct),
            ["roles"] = await (from ur in db.UserRoles where ur.UserId == userId join r in db.Roles on ur.RoleId equals r.Id select r.Name).ToListAsync(ct),
            ["purchases"] = await (from p in db.Purchases.AsNoTracking()
                                   where p.UserId == userId
                                   join product in db.Products on p.ProductId equals product.Id
                                   orderby p.CreatedAt
                                   select new { p.Id, product = product.Name, p.Quantity, amountCents = p.TotalAmountCents, p.Status, p.Country, p.CreatedAt }).ToListAsync(ct),
            ["access"] = await (from e in db.Entitlements.AsNoTracking()
                                where e.UserId == userId
                                join t in db.EntitlementTypes on e.EntitlementTypeId equals t.Id
                                orderby e.CreatedAt
                                select new { type = t.Name, e.ContentIds, e.ExpiresAt, e.CreatedAt, endedAt = e.DeletedAt }).ToListAsync(ct),
        };
        foreach (var data in personalData) document[data.Section] = await data.ExportAsync(db, userId, ct);
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }
}
