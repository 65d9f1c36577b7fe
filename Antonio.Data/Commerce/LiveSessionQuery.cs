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
    string TimeZone, int? Capacity, int Sold, bool OnSale)
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

    /// <summary>
    /// Every live session with a page, soonest first, with the seats held and the recordings — archived ones too:
    /// archiving stops the sale, not the session its ticket holders bought (its page, its way in, its reminders).
    /// One command.
    /// </summary>
    public static async Task<IReadOnlyList<LiveSessionData>> LoadAsync(AntonioDbContext db, CancellationToken ct = default)
    {
        var rows = await (from p in db.Products
                          join s in db.LiveSessions on p.Id equals s.ProductId
                          where p.Type == ProductTypes.Live && p.Slug != null
                          orderby s.StartsAt, p.Name
                          select new
                          {
                              Session = new LiveSessionData(p.Id, p.Name, p.Slug!, p.Description, s.StartsAt, s.EndsAt, s.TimeZone, s.Capacity,
                                  db.Purchases.Where(t => t.ProductId == p.Id).Where(HoldsSeats).Sum(t => (int?)t.Quantity) ?? 0,
                                  p.Status == RecordStatus.Active),
                              Recordings = (from cp in db.ContentProducts
                                            join w in db.ContentResources on cp.ResourceId equals w.Id
                                            where cp.ProductId == p.Id && w.DeletedAt == null && w.Type == Content.ContentTypes.Workshop
                                            orderby cp.Position
                                            select new { w.Id, w.Fields }).ToList(),
                          })
            .ToListAsync(ct);
        return [.. rows.Select(r => r.Session with
        {
            Recordings = [.. r.Recordings.Select(w => (w.Id, Fields: Content.ContentFields.From(w.Fields)))
                .Where(w => w.Fields.State == Content.ContentStates.Published)
                .Select(w => new LiveRecording(w.Id, w.Fields.Title ?? "", w.Fields.Slug ?? ""))],
        })];
    }

    /// <summary>
    /// Whether a purchase of a session is a ticket for its buyer: it still grants access, and it is not a team's purchase
    /// (that holds seats for others; whoever takes one holds a ticket of their own). The one statement of the rule: the
    /// join check and the page apply it here; the reminders' SQL (LiveReminders) says the same.
    /// </summary>
    public static bool IsTicket(string status, Guid? bulkCouponId, Guid? redeemedBulkCouponId) =>
        PurchaseStatus.GrantsAccess(status) && (bulkCouponId is null || redeemedBulkCouponId is not null);

    /// <summary>Whether this user holds a ticket to the session, and where it happens.</summary>
    public static async Task<(bool Holder, string? JoinUrl)> JoinAsync(AntonioDbContext db, Guid productId, Guid userId, CancellationToken ct = default)
    {
        var purchases = await db.Purchases.Where(p => p.ProductId == productId && p.UserId == userId)
            .Select(p => new { p.Status, p.BulkCouponId, p.RedeemedBulkCouponId }).ToListAsync(ct);
        var holder = purchases.Any(p => IsTicket(p.Status, p.BulkCouponId, p.RedeemedBulkCouponId));
        return (holder, holder ? await db.LiveSessions.Where(s => s.ProductId == productId).Select(s => s.JoinUrl).SingleOrDefaultAsync(ct) : null);
    }
}
