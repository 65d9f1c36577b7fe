using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>
/// A seat of a team membership (docs/memberships.md): the seat holder gets the plan's tier for as long as the membership
/// opens it — the same <see cref="Subscription.AccessUntil"/> as the buyer's own, kept in step by the
/// <see cref="SubscriptionLedger"/> at every change.
/// </summary>
public sealed class MembershipSeats(IOptions<PaymentOptions> options, TimeProvider clock) : ISeatAccess
{
    public async Task<bool> GrantSeatAsync(AntonioDbContext db, Purchase seat, OrganizationMembership membership, CancellationToken ct)
    {
        var found = await (from c in db.Coupons
                           where c.Id == seat.RedeemedBulkCouponId
                           join s in db.Subscriptions on c.BulkPurchaseId equals s.TeamPurchaseId
                           join plan in db.MembershipPlans on s.PlanId equals plan.Id
                           select new { s, plan.Tier }).SingleOrDefaultAsync(ct);
        if (found is null) return false;
        var now = clock.GetUtcNow();
        var entitlement = await TierEntitlements.AddAsync(db, seat.UserId, membership, EntitlementSources.Purchase, seat.Id, found.Tier, now, ct);
        entitlement.ExpiresAt = found.s.AccessUntil(options.Value.MembershipGracePeriod) ?? now;
        return true;
    }
}
