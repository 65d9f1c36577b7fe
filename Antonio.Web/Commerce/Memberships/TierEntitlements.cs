using Antonio.Data;
using Antonio.Data.Access;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>The one way a membership's tier becomes an entitlement: the member's own (source: the subscription) or a team seat's (source: the seat's purchase).</summary>
internal static class TierEntitlements
{
    public static async Task<Entitlement> AddAsync(AntonioDbContext db, Guid userId, OrganizationMembership membership, string sourceType, Guid sourceId,
        string tier, DateTimeOffset now, CancellationToken ct)
    {
        var entitlement = new Entitlement
        {
            Id = Guid.NewGuid(), UserId = userId, OrganizationId = membership.OrganizationId, OrganizationMembershipId = membership.Id,
            EntitlementTypeId = await db.EntitlementTypes.Where(t => t.Name == EntitlementTypeNames.SubscriptionAccess).Select(t => t.Id).SingleAsync(ct),
            SourceType = sourceType, SourceId = sourceId, Metadata = System.Text.Json.JsonSerializer.SerializeToDocument(new { tier }), CreatedAt = now,
        };
        db.Entitlements.Add(entitlement);
        return entitlement;
    }
}
