using System.Globalization;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>
/// Who a Stripe subscription is for and on which plan, as its metadata carries it (set by the Checkout session, copied
/// by Stripe onto every invoice of the subscription): what makes each event about it understood on its own.
/// </summary>
public static class StripeMembershipMetadata
{
    private const string UserKey = "userId", PlanKey = "planId";

    public static Dictionary<string, string> Of(Guid userId, Guid planId) => new()
    {
        [UserKey] = userId.ToString("D", CultureInfo.InvariantCulture), [PlanKey] = planId.ToString("D", CultureInfo.InvariantCulture),
    };

    /// <summary>The member and plan, or null when the metadata is not ours (a subscription made elsewhere in the Stripe account).</summary>
    public static (Guid UserId, Guid PlanId)? Read(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(UserKey, out var user) && metadata.TryGetValue(PlanKey, out var plan)
        && Guid.TryParse(user, out var userId) && Guid.TryParse(plan, out var planId)
            ? (userId, planId)
            : null;
}
