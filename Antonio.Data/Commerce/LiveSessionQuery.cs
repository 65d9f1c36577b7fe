using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Data.Commerce;

/// <summary>A workshop that holds a session's recording.</summary>
public sealed record LiveRecording(Guid WorkshopId, string Title, string Slug);

/// <summary>
/// A live session as its page shows it: never its join address (that is read only by the join check, so it is in no
/// cache and no page). <see cref="Sold"/> counts the seats held now.
/// </summary>
public sealed record LiveSessionData(Guid ProductId, string Name, string Slug, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string TimeZone, int? Capacity, int Sold)
{
    /// <summary>The published workshops the ticket sells: where its recording is watched, under the lessons' own access rules.</summary>
    public IReadOnlyList<LiveRecording> Recordings { get; init; } = [];

    public bool SoldOut => Capacity is { } capacity && Sold >= capacity;

    public int? SeatsLeft => Capacity is { } capacity ? Math.Max(0, capacity - Sold) : null;
}

public static class LiveSessionQuery
{
    /// <summary>
    /// A purchase that holds seats of its session: it still grants access, by its quantity (a team's purchase holds all
    /// its seats, so a redeemed seat is not counted again).
    /// </summary>
    public static readonly Expression<Func<Purchase, bool>> HoldsSeats = p =>
        (p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted) && p.RedeemedBulkCouponId == null;

    public static IQueryable<Purchase> Tickets(AntonioDbContext db, Guid productId) =>
        db.Purchases.Where(p => p.ProductId == productId).Where(HoldsSeats);

    /// <summary>Every live session with a page, soonest first, with the seats held.</summary>
    public static async Task<IReadOnlyList<LiveSessionData>> LoadAsync(AntonioDbContext db, CancellationToken ct = default)
    {
        var sessions = await (from p in db.Products
                              join s in db.LiveSessions on p.Id equals s.ProductId
                              where p.Type == ProductTypes.Live && p.Status == RecordStatus.Active && p.Slug != null
                              orderby s.StartsAt, p.Name
                              select new LiveSessionData(p.Id, p.Name, p.Slug!, p.Description, s.StartsAt, s.EndsAt, s.TimeZone, s.Capacity, 0))
            .ToListAsync(ct);
        var ids = sessions.Select(s => s.ProductId).ToList();
        var sold = await db.Purchases.Where(HoldsSeats).Where(p => ids.Contains(p.ProductId))
            .GroupBy(p => p.ProductId).Select(g => new { g.Key, Seats = g.Sum(p => p.Quantity) })
            .ToDictionaryAsync(g => g.Key, g => g.Seats, ct);
        var recordings = (await (from cp in db.ContentProducts
                                 join w in db.ContentResources on cp.ResourceId equals w.Id
                                 where ids.Contains(cp.ProductId) && w.DeletedAt == null && w.Type == Content.ContentTypes.Workshop
                                 orderby cp.Position
                                 select new { cp.ProductId, w.Id, w.Fields }).ToListAsync(ct))
            .Select(r => (r.ProductId, Fields: Content.ContentFields.From(r.Fields), r.Id))
            .Where(r => r.Fields.State == Content.ContentStates.Published)
            .ToLookup(r => r.ProductId, r => new LiveRecording(r.Id, r.Fields.Title ?? "", r.Fields.Slug ?? ""));
        return [.. sessions.Select(s => s with { Sold = sold.GetValueOrDefault(s.ProductId), Recordings = [.. recordings[s.ProductId]] })];
    }

    /// <summary>Whether this user holds a ticket to the session (bought, or a team seat redeemed), and where it happens.</summary>
    public static async Task<(bool Holder, string? JoinUrl)> JoinAsync(AntonioDbContext db, Guid productId, Guid userId, CancellationToken ct = default)
    {
        var holder = await db.Purchases.AnyAsync(p => p.ProductId == productId && p.UserId == userId
                                                      && (p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted)
                                                      // A team buyer's own purchase holds seats for others, not a ticket for the buyer.
                                                      && (p.BulkCouponId == null || p.RedeemedBulkCouponId != null), ct);
        return (holder, holder ? await db.LiveSessions.Where(s => s.ProductId == productId).Select(s => s.JoinUrl).SingleOrDefaultAsync(ct) : null);
    }
}
