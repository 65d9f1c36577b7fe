using Antonio.Data;
using Antonio.Data.Admin;
using Antonio.Data.Commerce;
using Antonio.Web.Access;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Antonio.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Web.Commerce;

/// <summary>A payment a provider confirmed: everything needed to record the purchase.</summary>
public sealed record PaidCheckout
{
    public required string Provider { get; init; }
    /// <summary>The provider's charge/session id: the idempotency key (one purchase per charge, however often it is reported).</summary>
    public required string ChargeId { get; init; }
    public required Guid UserId { get; init; }
    public required Guid ProductId { get; init; }
    public int Quantity { get; init; } = 1;
    public long AmountCents { get; init; }
    public Guid? CouponId { get; init; }
    /// <summary>Set when a PPP price was paid: the purchase is Restricted to this country.</summary>
    public string? PppCountry { get; init; }
    public Guid? UpgradedFromId { get; init; }
    public string? InvoiceUrl { get; init; }
}

public enum FulfilOutcome
{
    Created,
    AlreadyRecorded,
    CouponUsedUp,
    /// <summary>A live session's last seat went to someone else while this buyer paid: recorded as refunded, the money returned.</summary>
    SoldOut,
}

public enum RefundOutcome { Refunded, NotFound, NotRefundable, ProviderUnavailable, ProviderRefused }

/// <summary>
/// The one fulfilment path every payment provider goes through: coupon use counted atomically (never
/// past max_uses), merchant charge + purchase (Valid, or Restricted to the PPP country), the
/// post-purchase access effects and the receipt e-mail — in one transaction — then the buyer's cache entries dropped.
/// Idempotent on (provider, charge id). A ticket to a live session is counted against its seats under a lock on the
/// session's row, so two buyers of the last seat on two nodes cannot both get it: the second is recorded as refunded,
/// without access, and the provider returns the money.
/// </summary>
public sealed partial class Fulfilment(IDbContextFactory<AntonioDbContext> dbFactory, PurchaseEffects effects, CacheInvalidator invalidator, TimeProvider clock,
    IPaymentProvider provider, Outbox outbox, ILogger<Fulfilment> log)
{
    public async Task<(FulfilOutcome Outcome, Guid? PurchaseId)> FulfilAsync(PaidCheckout paid, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ExistingAsync(db, paid, ct) is { } existing) return (FulfilOutcome.AlreadyRecorded, existing);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (live, soldOut) = await SeatsAsync(db, paid, ct);
        if (soldOut) return await RefundSoldOutAsync(db, tx, paid, ct);
        if (paid.CouponId is { } couponId)
        {
            var counted = await db.Coupons
                .Where(c => c.Id == couponId).Where(CouponRules.StillUsable)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), ct);
            if (counted == 0) return (FulfilOutcome.CouponUsedUp, null);
        }
        var now = clock.GetUtcNow();
        var charge = new MerchantCharge
        {
            Id = Guid.NewGuid(), UserId = paid.UserId, Identifier = paid.ChargeId, Provider = paid.Provider, InvoiceUrl = paid.InvoiceUrl, CreatedAt = now,
        };
        var purchase = new Purchase
        {
            Id = Guid.NewGuid(), UserId = paid.UserId, ProductId = paid.ProductId, Quantity = paid.Quantity, TotalAmountCents = paid.AmountCents,
            Status = paid.PppCountry is null ? PurchaseStatus.Valid : PurchaseStatus.Restricted, Country = paid.PppCountry,
            CouponId = paid.CouponId, UpgradedFromId = paid.UpgradedFromId, MerchantChargeId = charge.Id, CreatedAt = now,
        };
        db.AddRange(charge, purchase);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same charge reported twice at once: the other report recorded it; this transaction rolls back.
            await tx.RollbackAsync(ct);
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return (FulfilOutcome.AlreadyRecorded, await ExistingAsync(again, paid, ct));
        }
        outbox.Add(db, PurchaseMailKinds.Receipt, await EmailOfAsync(db, paid.UserId, ct), new PurchaseMailRequest(purchase.Id));
        await effects.GrantAsync(db, purchase, ct: ct); // saves the receipt with the access it grants
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(paid.UserId, ct);
        if (paid.CouponId is not null) await invalidator.CouponsChangedAsync(ct);
        if (live) await invalidator.TicketsChangedAsync(ct);
        return (FulfilOutcome.Created, purchase.Id);
    }

    /// <summary>
    /// Whether the product is a live session, and whether its seats are all held. The session's row stays locked until
    /// the transaction ends, so every other fulfilment of it waits and counts this one's ticket.
    /// </summary>
    private static async Task<(bool Live, bool SoldOut)> SeatsAsync(AntonioDbContext db, PaidCheckout paid, CancellationToken ct)
    {
        var session = await db.LiveSessions.FromSql($"SELECT * FROM live_sessions WHERE product_id = {paid.ProductId} FOR UPDATE")
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (session is null) return (false, false);
        if (session.Capacity is not { } capacity) return (true, false);
        var held = await LiveSessionQuery.Tickets(db, paid.ProductId).SumAsync(t => (int?)t.Quantity, ct) ?? 0;
        return (true, held + paid.Quantity > capacity);
    }

    /// <summary>
    /// The payment for a seat that is no longer there: recorded (so a repeated report of it finds it) as refunded, with
    /// no access and an audit row, then the money returned. A refund the provider refuses is logged for an admin.
    /// </summary>
    private async Task<(FulfilOutcome, Guid?)> RefundSoldOutAsync(AntonioDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx,
        PaidCheckout paid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var charge = new MerchantCharge
        {
            Id = Guid.NewGuid(), UserId = paid.UserId, Identifier = paid.ChargeId, Provider = paid.Provider, InvoiceUrl = paid.InvoiceUrl, CreatedAt = now,
        };
        var purchase = new Purchase
        {
            Id = Guid.NewGuid(), UserId = paid.UserId, ProductId = paid.ProductId, Quantity = paid.Quantity, TotalAmountCents = paid.AmountCents,
            Status = PurchaseStatus.Refunded, CouponId = paid.CouponId, MerchantChargeId = charge.Id, CreatedAt = now,
        };
        db.AddRange(charge, purchase);
        db.AuditEntries.Add(Auditing.AuditTrail.Entry(null, "purchase.sold-out", "purchase", purchase.Id, null,
            new { status = PurchaseStatus.Refunded, provider = paid.Provider, quantity = paid.Quantity }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (paid.Provider == provider.Name)
        {
            try
            {
                await provider.RefundAsync(paid.ChargeId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefundRefused(log, e, purchase.Id, paid.Provider);
            }
        }
        return (FulfilOutcome.SoldOut, purchase.Id);
    }

    /// <summary>A refund or dispute reported by the provider: the purchase loses its access (docs/domain.md, access rule 6).</summary>
    public async Task<bool> ReverseAsync(string provider, string chargeId, string status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purchase = await db.Purchases.AsTracking()
            .Join(db.MerchantCharges.Where(c => c.Provider == provider && c.Identifier == chargeId), p => p.MerchantChargeId, c => c.Id, (p, _) => p)
            .SingleOrDefaultAsync(ct);
        if (purchase is null) return false;
        await EndAccessAsync(db, purchase, status, audit: null, ct);
        return true;
    }

    /// <summary>
    /// An admin refund: the provider returns the money first (nothing changes here if it refuses), then
    /// the purchase is Refunded and loses its access, with an audit row, in one transaction. A seat
    /// redemption has no charge of its own, so only its access goes. The provider's later refund
    /// notification finds the purchase already refunded.
    /// </summary>
    public async Task<RefundOutcome> RefundAsync(Guid purchaseId, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purchase = await db.Purchases.AsTracking().SingleOrDefaultAsync(p => p.Id == purchaseId, ct);
        if (purchase is null) return RefundOutcome.NotFound;
        if (!PurchaseStatus.GrantsAccess(purchase.Status)) return RefundOutcome.NotRefundable;
        var charge = purchase.MerchantChargeId is { } chargeId ? await db.MerchantCharges.AsNoTracking().SingleAsync(c => c.Id == chargeId, ct) : null;
        if (charge is not null)
        {
            if (charge.Provider != provider.Name) return RefundOutcome.ProviderUnavailable;
            try
            {
                await provider.RefundAsync(charge.Identifier, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefundRefused(log, e, purchaseId, charge.Provider);
                return RefundOutcome.ProviderRefused;
            }
        }
        var audit = Auditing.AuditTrail.Entry(actorId, "purchase.refund", "purchase", purchase.Id,
            new { status = purchase.Status }, new { status = PurchaseStatus.Refunded, provider = charge?.Provider }, clock.GetUtcNow());
        await EndAccessAsync(db, purchase, PurchaseStatus.Refunded, audit, ct);
        return RefundOutcome.Refunded;
    }

    /// <summary>
    /// The one way a purchase loses its access: new status (and audit row) with the revocation and the notice
    /// to the learner, in one transaction. A purchase that had already lost it is not announced twice.
    /// </summary>
    private async Task EndAccessAsync(AntonioDbContext db, Purchase purchase, string status, AuditEntry? audit, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (PurchaseStatus.GrantsAccess(purchase.Status))
            outbox.Add(db, PurchaseMailKinds.AccessEnded, await EmailOfAsync(db, purchase.UserId, ct), new PurchaseMailRequest(purchase.Id));
        purchase.Status = status;
        if (audit is not null) db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
        var seatsEnded = await effects.RevokeAsync(db, purchase.Id, ct);
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(purchase.UserId, ct);
        foreach (var learner in seatsEnded) await invalidator.UserChangedAsync(learner, ct);
        // A refunded ticket frees its seat (refunds are rare: dropping the live sessions' entry on each costs nothing).
        await invalidator.TicketsChangedAsync(ct);
    }

    private static async Task<string> EmailOfAsync(AntonioDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(ct) ?? "";

    private static Task<Guid?> ExistingAsync(AntonioDbContext db, PaidCheckout paid, CancellationToken ct) =>
        db.Purchases.Join(db.MerchantCharges.Where(c => c.Provider == paid.Provider && c.Identifier == paid.ChargeId),
                p => p.MerchantChargeId, c => c.Id, (p, _) => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund of purchase {PurchaseId} refused by {Provider}")]
    private static partial void LogRefundRefused(ILogger logger, Exception error, Guid purchaseId, string provider);
}
