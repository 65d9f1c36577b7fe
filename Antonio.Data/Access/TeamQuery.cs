
namespace Antonio.Data.Access;

public sealed record TeamSeatsView
{
    public required Guid PurchaseId { get; init; }
    public required string ProductName { get; init; }
    public required string Code { get; init; }
    public int MaxUses { get; init; }
    public int UsedCount { get; init; }
    public string? WorkshopSlug { get; init; }
    public Guid ProductId { get; init; }
    /// <summary>The product's type: a team membership's seats change with its billing, not by buying more.</summary>
    public string ProductType { get; init; } = "";
    public IReadOnlyList<TeamMember> Members { get; init; } = [];
    public IReadOnlyList<TeamInvitee> Invitations { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    public int PendingCount => Invitations.Count(i => i.Status == TeamInvitee.Pending);

    /// <summary>Seats neither taken nor held by a pending invitation.</summary>
    public int SeatsLeft => Math.Max(0, MaxUses - UsedCount - PendingCount);
}

public sealed record TeamMember(Guid UserId, string Email, DateTimeOffset JoinedAt);

public sealed record TeamInvitee(Guid Id, string Email, DateTimeOffset InvitedAt, string Status)
{
    public const string Pending = "invited", Claimed = "claimed", Revoked = "revoked";
}

/// <summary>
/// Team seats for the /team page and the seat-redemption page, one SQL command each. A team is its first bulk
/// purchase; seats bought later for it add to its seat coupon (one card, one seat count).
/// </summary>
public static class TeamQuery
{
    private const string Columns = """
        json_build_object('purchaseId', p.id, 'productName', pr.name, 'code', c.code, 'maxUses', c.max_uses, 'usedCount', c.used_count,
          'createdAt', p.created_at,
          'workshopSlug', (SELECT w.fields->>'slug' FROM content_products cp JOIN content_resources w ON w.id = cp.resource_id
                            WHERE cp.product_id = pr.id AND w.deleted_at IS NULL ORDER BY cp.position LIMIT 1),
          'productId', pr.id, 'productType', pr.type,
          'members', COALESCE((SELECT json_agg(json_build_object('userId', u.id, 'email', u.email, 'joinedAt', s.created_at) ORDER BY s.created_at)
                                 FROM purchases s JOIN users u ON u.id = s.user_id
                                WHERE s.redeemed_bulk_coupon_id = c.id), '[]'::json),
          'invitations', COALESCE((SELECT json_agg(json_build_object('id', i.id, 'email', i.email, 'invitedAt', i.created_at,
                                      'status', CASE WHEN i.claimed_at IS NOT NULL THEN 'claimed' WHEN i.revoked_at IS NOT NULL THEN 'revoked' ELSE 'invited' END)
                                      ORDER BY i.created_at)
                                     FROM team_invitations i WHERE i.bulk_purchase_id = c.bulk_purchase_id), '[]'::json))
        """;

    public static async Task<IReadOnlyList<TeamSeatsView>> ForBuyerAsync(AntonioDbContext db, Guid userId, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<List<TeamSeatsView>>(db, $$"""
            SELECT COALESCE(json_agg({{Columns}} ORDER BY p.created_at), '[]'::json) AS "Value"
              FROM purchases p JOIN coupons c ON c.id = p.bulk_coupon_id AND c.bulk_purchase_id = p.id JOIN products pr ON pr.id = p.product_id
             WHERE p.user_id = {0} AND p.status IN ('Valid', 'Restricted')
            """, [userId], ct) ?? [];
    }

    public static async Task<TeamSeatsView?> ByCodeAsync(AntonioDbContext db, string code, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<TeamSeatsView>(db, $$"""
            SELECT {{Columns}} AS "Value"
              FROM coupons c JOIN purchases p ON p.id = c.bulk_purchase_id JOIN products pr ON pr.id = p.product_id
             WHERE c.code = {0} AND p.status IN ('Valid', 'Restricted')
            """, [code], ct);
    }
}
