using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Web.Access;
using Antonio.Web.Caching;
using Antonio.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>
/// The one path every provider's news about a membership goes through (docs/memberships.md): a status report, a paid
/// invoice, a failed payment. Each is applied in one transaction with the subscription's row locked: the row as the
/// provider last said it, the charge (one per invoice), the <c>subscription_access</c> entitlement set to what
/// <see cref="Subscription.AccessUntil"/> says, and the e-mail the change calls for; then the member's cache entries
/// are dropped. Replayed reports change nothing; a report older than what was applied is ignored; an ended
/// subscription never comes back.
/// </summary>
public sealed class SubscriptionLedger(IDbContextFactory<AntonioDbContext> dbFactory, IOptions<PaymentOptions> options, CacheInvalidator invalidator,
    Outbox outbox, TimeProvider clock, PurchaseEffects effects, TeamSeatReduction seats)
{
    private TimeSpan GracePeriod => options.Value.MembershipGracePeriod;

    public Task ApplyAsync(SubscriptionReport report, CancellationToken ct = default) =>
        ChangeAsync(report, () => New(report, SubscriptionStatus.Incomplete, report.PeriodStart, report.PeriodEnd, report.Quantity),
            (_, subscription) => Task.FromResult(Apply(report, subscription)), ct);

    /// <summary>A status report over the row: the mails it calls for (none when it is older news).</summary>
    private static string[] Apply(SubscriptionReport report, Subscription subscription)
    {
        if (SubscriptionStatus.IsFinal(subscription.Status) || report.ReportedAt < subscription.ReportedAt
            // A subscription never goes back to waiting for its first payment: such a report is older news.
            || (report.Status == SubscriptionStatus.Incomplete && subscription.Status != SubscriptionStatus.Incomplete))
            return [];
        var wasCanceling = subscription.CancelAtPeriodEnd && subscription.Status == SubscriptionStatus.Active;
        subscription.Status = report.Status;
        subscription.Quantity = report.Quantity;
        subscription.CurrentPeriodStart = report.PeriodStart;
        subscription.CurrentPeriodEnd = report.PeriodEnd;
        subscription.CancelAtPeriodEnd = report.CancelAtPeriodEnd;
        subscription.EndedAt = report.EndedAt ?? (SubscriptionStatus.IsFinal(report.Status) ? report.ReportedAt : null);
        subscription.ProviderCustomerId = report.ProviderCustomerId ?? subscription.ProviderCustomerId;
        subscription.ReportedAt = report.ReportedAt;
        if (report.Status is SubscriptionStatus.Active or SubscriptionStatus.Trialing) subscription.PaymentFailedAt = null;
        if (SubscriptionStatus.IsFinal(report.Status)) return [MembershipMailKinds.Ended];
        return !wasCanceling && report.CancelAtPeriodEnd && report.Status == SubscriptionStatus.Active ? [MembershipMailKinds.Canceled] : [];
    }

    public Task RecordPaymentAsync(SubscriptionPayment payment, CancellationToken ct = default) =>
        ChangeAsync(payment, () => New(payment, SubscriptionStatus.Active, payment.PeriodStart, payment.PeriodEnd, payment.Quantity),
            async (db, subscription) =>
            {
                if (await db.MerchantCharges.AnyAsync(c => c.Provider == payment.Provider && c.Identifier == payment.InvoiceId, ct)) return [];
                // A late report of an earlier period's invoice is kept as a charge but says nothing about now.
                if (!SubscriptionStatus.IsFinal(subscription.Status) && payment.PeriodEnd >= subscription.CurrentPeriodEnd)
                {
                    subscription.CurrentPeriodStart = payment.PeriodStart;
                    subscription.CurrentPeriodEnd = payment.PeriodEnd;
                    // Not the seats: an invoice's first line may be a proration for the seats it had before a change; only a
                    // status report says how many it has now.
                    subscription.PaymentFailedAt = null;
                    if (subscription.Status is SubscriptionStatus.Incomplete or SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid)
                        subscription.Status = SubscriptionStatus.Active;
                }
                db.MerchantCharges.Add(new MerchantCharge
                {
                    Id = Guid.NewGuid(), UserId = subscription.UserId, Provider = payment.Provider, Identifier = payment.InvoiceId,
                    SubscriptionId = subscription.Id, AmountCents = payment.AmountCents, Quantity = payment.Quantity,
                    PeriodStart = payment.PeriodStart, PeriodEnd = payment.PeriodEnd, CreatedAt = payment.PaidAt,
                });
                return [MembershipMailKinds.Receipt];
            }, ct);

    public Task RecordPaymentFailureAsync(SubscriptionPaymentFailure failure, CancellationToken ct = default) =>
        ChangeAsync(failure, () => New(failure, SubscriptionStatus.Incomplete, failure.FailedAt, failure.PeriodEnd, 1),
            (_, subscription) => Task.FromResult(Apply(failure, subscription)), ct);

    private static string[] Apply(SubscriptionPaymentFailure failure, Subscription subscription)
    {
        if (SubscriptionStatus.IsFinal(subscription.Status) || failure.PeriodEnd < subscription.CurrentPeriodEnd || subscription.PaymentFailedAt is not null)
            return [];
        // The grace period counts from the first failure of an unpaid stretch; the retries after it say nothing new.
        subscription.PaymentFailedAt = failure.FailedAt;
        return subscription.Status == SubscriptionStatus.Incomplete ? [] : [MembershipMailKinds.PaymentFailed];
    }

    /// <summary>Changes the subscription's row (made first when the provider's subscription is new here); returns the mail kinds the change calls for.</summary>
    private async Task ChangeAsync(SubscriptionNews news, Func<Subscription> create, Func<AntonioDbContext, Subscription, Task<string[]>> change, CancellationToken ct)
    {
        var (provider, providerSubscriptionId) = (news.Provider, news.ProviderSubscriptionId);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var subscription = await db.Subscriptions.FromSql($"SELECT * FROM subscriptions WHERE provider = {provider} AND provider_subscription_id = {providerSubscriptionId} FOR UPDATE")
                    .AsTracking().SingleOrDefaultAsync(ct);
                if (subscription is null)
                {
                    subscription = create();
                    // Signed by the provider, but about a member or plan this site does not have (deleted since, or another site's): nothing to apply.
                    if (!await db.Users.AnyAsync(u => u.Id == subscription.UserId, ct) || !await db.MembershipPlans.AnyAsync(p => p.Id == subscription.PlanId, ct))
                        return;
                    db.Subscriptions.Add(subscription);
                    await db.SaveChangesAsync(ct);
                }
                var mails = await change(db, subscription);
                await SyncAccessAsync(db, subscription, ct);
                var seatHolders = await SyncTeamAsync(db, subscription, ct);
                var charge = db.ChangeTracker.Entries<MerchantCharge>().Select(e => (Guid?)e.Entity.Id).FirstOrDefault();
                // The address only when there is something to say (most reports, replays above all, call for no mail).
                var email = mails.Length == 0 ? "" : await db.Users.Where(u => u.Id == subscription.UserId).Select(u => u.Email).SingleAsync(ct) ?? "";
                foreach (var kind in mails) outbox.Add(db, kind, email, new MembershipMailRequest(subscription.Id, kind == MembershipMailKinds.Receipt ? charge : null));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await invalidator.UserChangedAsync(subscription.UserId, ct);
                foreach (var learner in seatHolders) await invalidator.UserChangedAsync(learner, ct);
                return;
            }
            catch (DbUpdateException e) when (attempt == 0 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two reports of a subscription new to us at once: the other one made its row (or charge); this one goes again.
                await tx.RollbackAsync(ct);
            }
        }
    }

    /// <summary>
    /// The member's own entitlement, open until <see cref="Subscription.AccessUntil"/> (removed when that is nothing). A
    /// team membership's buyer has none of their own, even once it is down to one seat: like a team purchase's, its seats
    /// are for whom they are given to (the buyer may take one).
    /// </summary>
    private async Task SyncAccessAsync(AntonioDbContext db, Subscription subscription, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = subscription.Quantity > 1 || subscription.TeamPurchaseId is not null ? null : subscription.AccessUntil(GracePeriod);
        var entitlement = await db.Entitlements.AsTracking()
            .SingleOrDefaultAsync(e => e.SourceType == EntitlementSources.Subscription && e.SourceId == subscription.Id && e.DeletedAt == null, ct);
        if (until is null)
        {
            if (entitlement is not null) entitlement.DeletedAt = now;
            return;
        }
        if (entitlement is null)
        {
            var tier = await db.MembershipPlans.Where(p => p.Id == subscription.PlanId).Select(p => p.Tier).SingleAsync(ct);
            var membership = await PurchaseEffects.PersonalMembershipAsync(db, subscription.UserId, now, ct);
            entitlement = await TierEntitlements.AddAsync(db, subscription.UserId, membership, EntitlementSources.Subscription, subscription.Id, tier, now, ct);
        }
        entitlement.ExpiresAt = until;
    }

    /// <summary>
    /// A team membership's seats follow it (docs/memberships.md): its team (a team purchase of the membership product,
    /// with a seat coupon, as /team shows any team) is made when it first opens with more than one seat; the seat count
    /// follows the quantity (fewer seats: pending invitations are withdrawn, then the latest seats end, as when a team
    /// purchase is partly refunded); every seat's entitlement is open exactly as long as the membership; when it ends,
    /// every seat ends.
    /// </summary>
    /// <returns>The seat holders whose access changed (their cache entries go after the commit).</returns>
    private async Task<IReadOnlyList<Guid>> SyncTeamAsync(AntonioDbContext db, Subscription subscription, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = subscription.AccessUntil(GracePeriod);
        if (subscription.TeamPurchaseId is not { } teamId)
        {
            if (until is null || subscription.Quantity <= 1) return [];
            var productId = await db.MembershipPlans.Where(p => p.Id == subscription.PlanId).Select(p => p.ProductId).SingleAsync(ct);
            var purchase = new Purchase
            {
                Id = Guid.NewGuid(), UserId = subscription.UserId, ProductId = productId, Quantity = subscription.Quantity, Status = PurchaseStatus.Valid, CreatedAt = now,
            };
            db.Purchases.Add(purchase);
            await db.SaveChangesAsync(ct);
            await effects.GrantAsync(db, purchase, ct: ct); // a team of Quantity seats, as for a team purchase
            subscription.TeamPurchaseId = purchase.Id;
            return [];
        }
        var team = await db.Purchases.AsTracking().SingleAsync(p => p.Id == teamId, ct);
        var holders = await db.Purchases.Where(p => p.RedeemedBulkCouponId == team.BulkCouponId).Select(p => p.UserId).ToListAsync(ct);
        var ended = !subscription.IsLive;
        if (ended && team.Status != PurchaseStatus.Ended)
        {
            team.Status = PurchaseStatus.Ended;
            await db.SaveChangesAsync(ct);
            await effects.RevokeAsync(db, team.Id, ct); // no seats left: every seat ends
            return holders;
        }
        if (!ended && team.Quantity != subscription.Quantity)
        {
            var fewer = subscription.Quantity < team.Quantity;
            team.Quantity = subscription.Quantity;
            await db.SaveChangesAsync(ct);
            if (fewer) await seats.ReduceAsync(db, team.Id, seat => effects.RevokeAsync(db, seat, ct), ct);
            else await db.Coupons.Where(c => c.Id == team.BulkCouponId).ExecuteUpdateAsync(set => set.SetProperty(c => c.MaxUses, subscription.Quantity), ct);
        }
        var seatIds = db.Purchases.Where(p => p.RedeemedBulkCouponId == team.BulkCouponId).Select(p => (Guid?)p.Id);
        await db.Entitlements.Where(e => e.SourceType == EntitlementSources.Purchase && seatIds.Contains(e.SourceId) && e.DeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ExpiresAt, until ?? now), ct);
        return holders;
    }

    /// <summary>The row for a subscription new here, as the news describes it; its first report (any report) applies over it.</summary>
    private Subscription New(SubscriptionNews news, string status, DateTimeOffset periodStart, DateTimeOffset periodEnd, int quantity) => new()
    {
        Quantity = quantity,
        Id = Guid.NewGuid(), Provider = news.Provider, ProviderSubscriptionId = news.ProviderSubscriptionId, ProviderCustomerId = news.ProviderCustomerId,
        UserId = news.UserId, PlanId = news.PlanId, Status = status, CurrentPeriodStart = periodStart, CurrentPeriodEnd = periodEnd,
        ReportedAt = DateTimeOffset.UnixEpoch, CreatedAt = clock.GetUtcNow(),
    };
}
