using System.Linq.Expressions;

namespace Antonio.Data.Commerce;

/// <summary>The status column of products, prices and coupons.</summary>
public static class RecordStatus
{
    public const int Archived = 0;
    public const int Active = 1;
}

/// <summary>When a coupon can still be used: one rule, for the database (atomic use counting) and for memory (pricing).</summary>
public static class CouponRules
{
    /// <summary><c>max_uses</c> meaning "no limit".</summary>
    public const int Unlimited = -1;

    /// <summary>Active and not used up, as a predicate the database evaluates inside the conditional UPDATE that takes a use.</summary>
    public static readonly Expression<Func<Coupon, bool>> StillUsable =
        c => c.Status == RecordStatus.Active && (c.MaxUses == Unlimited || c.UsedCount < c.MaxUses);

    public static bool IsUsedUp(int maxUses, int usedCount) => maxUses != Unlimited && usedCount >= maxUses;
}
