using System.ComponentModel.DataAnnotations;
using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Web.Access;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Antonio.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Commerce;

public enum TransferOutcome { Accepted, NotFound, WrongAccount, AlreadyOwned, NoLongerTransferable }

/// <summary>A transfer offer as its link's page shows it.</summary>
public sealed record TransferView(Guid Id, string Email, string Product, string From, bool IsPending, DateTimeOffset ExpiresAt);

/// <summary>One transfer as the sender's and the admin's lists show it.</summary>
public sealed record TransferRow(Guid Id, Guid PurchaseId, string Product, string FromEmail, string Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? CancelledAt, DateTimeOffset? UndoneAt);

/// <summary>
/// Giving a purchase to another person (docs/transfers.md has the rules): the buyer of a single-seat purchase offers it
/// to an e-mail address; only the account with that address may accept, before the offer expires
/// (<see cref="PaymentOptions.TransferOfferLifetime"/>) and while the sender has not cancelled it. On acceptance, in one
/// transaction: the sender's access from the purchase ends (as a refund would end it: entitlements, certificates built
/// on it), the purchase becomes the recipient's and grants them access, both are told by e-mail, and an audit row is
/// written. Progress stays with each learner: it is theirs, not the purchase's. The payment stays the sender's: the
/// invoice is theirs. An admin can undo an accepted transfer the same way, back.
/// </summary>
public sealed class PurchaseTransfers(IDbContextFactory<AntonioDbContext> dbFactory, PurchaseEffects effects, Outbox outbox, CacheInvalidator invalidator,
    TimeProvider clock, IOptions<PaymentOptions> options, Access.Account.AccountRateLimits rateLimits)
{
    private static readonly EmailAddressAttribute AddressRule = new();

    /// <summary>
    /// What can be given away: one seat bought (not a team's purchase, not a seat taken from a team), still valid (not
    /// refunded, disputed or bound to a region), and no part of an upgrade (the upgrade's price counted the earlier purchase).
    /// </summary>
    public static IQueryable<Purchase> Transferable(AntonioDbContext db) =>
        db.Purchases.Where(p => p.Quantity == 1 && p.BulkCouponId == null && p.RedeemedBulkCouponId == null && p.Status == PurchaseStatus.Valid
                                && p.UpgradedFromId == null && !db.Purchases.Any(u => u.UpgradedFromId == p.Id));

    /// <summary>The sender's purchases they may offer now (no offer open for them).</summary>
    public async Task<IReadOnlyList<Guid>> OfferableAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Transferable(db).Where(p => p.UserId == userId)
            .Where(p => !db.PurchaseTransfers.Where(PurchaseTransfer.PendingAt(now)).Any(t => t.PurchaseId == p.Id))
            .Select(p => p.Id).ToListAsync(ct);
    }

    /// <summary>Offers the sender's purchase to an address; the reasons it cannot be, or none.</summary>
    public async Task<IReadOnlyList<string>> OfferAsync(Guid senderId, Guid purchaseId, string? email, CancellationToken ct = default)
    {
        var address = email?.Trim() ?? "";
        if (address.Length is 0 or > 256 || !AddressRule.IsValid(address) || address.Any(char.IsControl)) return ["Enter the e-mail address of the person to give it to."];
        var normalized = address.ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var purchase = await db.Purchases.FromSql($"SELECT * FROM purchases WHERE id = {purchaseId} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(ct);
        if (purchase is null || purchase.UserId != senderId || !await Transferable(db).AnyAsync(p => p.Id == purchaseId, ct))
            return ["That purchase cannot be given away."];
        if (await db.Users.AnyAsync(u => u.Id == senderId && u.NormalizedEmail == normalized, ct)) return ["That is your own address."];
        // Offer, withdraw, offer again: one inbox is not flooded that way (the limit every e-mailing form shares, per address).
        if (!await rateLimits.TryAcquireAsync(TransferMailKinds.Offer, address)) return ["Too many offers went to that address lately. Try again later."];
        var now = clock.GetUtcNow();
        // An offer that ran out is closed first: one open offer per purchase (a unique index holds it).
        await db.PurchaseTransfers.Where(t => t.PurchaseId == purchaseId && t.AcceptedAt == null && t.CancelledAt == null && t.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CancelledAt, now), ct);
        if (await db.PurchaseTransfers.AnyAsync(t => t.PurchaseId == purchaseId && t.AcceptedAt == null && t.CancelledAt == null, ct))
            return ["That purchase is already offered to someone: cancel that offer first."];
        var transfer = new PurchaseTransfer
        {
            Id = Guid.NewGuid(), PurchaseId = purchaseId, FromUserId = senderId, Email = address, NormalizedEmail = normalized,
            Token = Security.LinkTokens.New(), CreatedAt = now, ExpiresAt = now + options.Value.TransferOfferLifetime,
        };
        db.PurchaseTransfers.Add(transfer);
        outbox.Add(db, TransferMailKinds.Offer, address, new TransferMailRequest(transfer.Id));
        db.AuditEntries.Add(AuditTrail.Entry(senderId, "purchase.transfer.offer", "purchase", purchaseId, null, new { to = address, transfer = transfer.Id }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return [];
    }

    /// <summary>The sender withdraws an offer not yet accepted. False when it is not theirs or not open.</summary>
    public async Task<bool> CancelAsync(Guid senderId, Guid transferId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cancelled = await db.PurchaseTransfers.Where(t => t.Id == transferId && t.FromUserId == senderId && t.AcceptedAt == null && t.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CancelledAt, now), ct);
        if (cancelled == 0) return false;
        db.AuditEntries.Add(AuditTrail.Entry(senderId, "purchase.transfer.cancel", "transfer", transferId, null, null, now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The offer behind a link (open or not); null for anything else.</summary>
    public async Task<TransferView?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (token is not { Length: > 0 and <= 64 }) return null;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from t in db.PurchaseTransfers
                           where t.Token == token
                           join p in db.Purchases on t.PurchaseId equals p.Id
                           join product in db.Products on p.ProductId equals product.Id
                           join sender in db.Users on t.FromUserId equals sender.Id
                           select new { Transfer = t, Product = product.Name, From = sender.Name ?? sender.Email ?? "" }).AsNoTracking().SingleOrDefaultAsync(ct);
        return found is null ? null
            : new TransferView(found.Transfer.Id, found.Transfer.Email, found.Product, found.From, found.Transfer.IsPendingAt(now), found.Transfer.ExpiresAt);
    }

    /// <summary>The signed-in learner accepts the offer behind the link: the purchase becomes theirs, in one transaction.</summary>
    public async Task<TransferOutcome> AcceptAsync(Guid userId, string? token, CancellationToken ct = default)
    {
        if (token is not { Length: > 0 and <= 64 }) return TransferOutcome.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var transfer = await db.PurchaseTransfers.SingleOrDefaultAsync(t => t.Token == token, ct);
        if (transfer is null || !transfer.IsPendingAt(now)) return TransferOutcome.NotFound;
        var purchase = await db.Purchases.FromSql($"SELECT * FROM purchases WHERE id = {transfer.PurchaseId} FOR UPDATE").SingleAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.NormalizedEmail == transfer.NormalizedEmail, ct)) return TransferOutcome.WrongAccount;
        if (purchase.UserId != transfer.FromUserId || !await Transferable(db).AnyAsync(p => p.Id == purchase.Id, ct)) return TransferOutcome.NoLongerTransferable;
        if (await db.Purchases.AnyAsync(p => p.UserId == userId && p.ProductId == purchase.ProductId
                                             && (p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted), ct))
            return TransferOutcome.AlreadyOwned;

        await MoveAsync(db, purchase, userId, ct);
        transfer.AcceptedAt = now;
        transfer.ToUserId = userId;
        outbox.Add(db, TransferMailKinds.Accepted, await db.Users.Where(u => u.Id == transfer.FromUserId).Select(u => u.Email!).SingleAsync(ct),
            new TransferMailRequest(transfer.Id));
        db.AuditEntries.Add(AuditTrail.Entry(userId, "purchase.transfer.accept", "purchase", purchase.Id,
            new { owner = transfer.FromUserId }, new { owner = userId, transfer = transfer.Id }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(transfer.FromUserId, ct);
        await invalidator.UserChangedAsync(userId, ct);
        return TransferOutcome.Accepted;
    }

    /// <summary>An admin gives an accepted transfer's purchase back to its sender. False when there is nothing to undo.</summary>
    public async Task<bool> UndoAsync(Guid adminId, Guid transferId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transfer = await db.PurchaseTransfers.SingleOrDefaultAsync(t => t.Id == transferId, ct);
        if (transfer is not { AcceptedAt: not null, UndoneAt: null, ToUserId: { } recipient }) return false;
        var purchase = await db.Purchases.FromSql($"SELECT * FROM purchases WHERE id = {transfer.PurchaseId} FOR UPDATE").SingleAsync(ct);
        if (purchase.UserId != recipient) return false; // moved on since (refunded and bought again, another transfer): not this undo's to decide
        var now = clock.GetUtcNow();
        await MoveAsync(db, purchase, transfer.FromUserId, ct);
        transfer.UndoneAt = now;
        transfer.UndoneById = adminId;
        db.AuditEntries.Add(AuditTrail.Entry(adminId, "purchase.transfer.undo", "purchase", purchase.Id,
            new { owner = recipient }, new { owner = transfer.FromUserId, transfer = transfer.Id }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(recipient, ct);
        await invalidator.UserChangedAsync(transfer.FromUserId, ct);
        return true;
    }

    /// <summary>The transfers a sender made, or every transfer for an admin (only those open at <paramref name="openAt"/>, if given); newest first.</summary>
    public async Task<IReadOnlyList<TransferRow>> ListAsync(Guid? senderId, DateTimeOffset? openAt = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var transfers = openAt is { } now ? db.PurchaseTransfers.Where(PurchaseTransfer.PendingAt(now)) : db.PurchaseTransfers;
        return await (from t in transfers
                      where senderId == null || t.FromUserId == senderId
                      join p in db.Purchases on t.PurchaseId equals p.Id
                      join product in db.Products on p.ProductId equals product.Id
                      join sender in db.Users on t.FromUserId equals sender.Id
                      orderby t.CreatedAt descending
                      select new TransferRow(t.Id, t.PurchaseId, product.Name, sender.Email ?? "", t.Email, t.CreatedAt, t.ExpiresAt, t.AcceptedAt, t.CancelledAt,
                          t.UndoneAt)).Take(take).ToListAsync(ct);
    }

    /// <summary>The sender's offers still open (theirs to withdraw).</summary>
    public Task<IReadOnlyList<TransferRow>> OpenAsync(Guid senderId, CancellationToken ct = default) => ListAsync(senderId, openAt: clock.GetUtcNow(), ct: ct);

    /// <summary>The access the purchase gave its owner ends, and it gives the new owner theirs.</summary>
    private async Task MoveAsync(AntonioDbContext db, Purchase purchase, Guid newOwner, CancellationToken ct)
    {
        await effects.RevokeAsync(db, purchase.Id, ct);
        purchase.UserId = newOwner;
        await db.SaveChangesAsync(ct);
        await effects.GrantAsync(db, purchase, ct: ct);
    }
}
