namespace Antonio.Data.Access;

/// <summary>
/// Everything access decisions need about one user, loaded in ONE SQL command by
/// <see cref="AccessSnapshotQuery"/> and cached per user. Judging (expiry against the clock, country,
/// cohort start) is left to the pure rules, so the cached snapshot stays valid as time passes.
/// </summary>
public sealed record AccessSnapshot
{
    public required Guid UserId { get; init; }
    /// <summary>
    /// The user's current Identity security stamp (null when the user no longer exists). A sign-in
    /// cookie carrying another stamp is rejected: sign-out, password and role changes rotate it.
    /// </summary>
    public string? SecurityStamp { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<SnapshotMembership> Memberships { get; init; } = [];
    /// <summary>Entitlements not soft-deleted (expiry is judged by the rules).</summary>
    public IReadOnlyList<SnapshotEntitlement> Entitlements { get; init; } = [];
    public IReadOnlyList<SnapshotPurchase> Purchases { get; init; } = [];

    public bool HasRole(string role) => Roles.Contains(role);
}

public sealed record SnapshotMembership(Guid Id, Guid OrganizationId, string Role);

public sealed record SnapshotEntitlement
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public IReadOnlyList<Guid> ContentIds { get; init; } = [];
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Tier { get; init; }
    public Guid? OrganizationMembershipId { get; init; }
    public string SourceType { get; init; } = EntitlementSources.Purchase;
    public Guid? SourceId { get; init; }
}

public sealed record SnapshotPurchase
{
    public required Guid Id { get; init; }
    public required Guid ProductId { get; init; }
    public required string Status { get; init; }
    public string? Country { get; init; }
    public int Quantity { get; init; } = 1;
    public long TotalAmountCents { get; init; }
    public Guid? UpgradedFromId { get; init; }
    public Guid? BulkCouponId { get; init; }
    public int? BulkMaxUses { get; init; }
    public int? BulkUsedCount { get; init; }
    public Guid? RedeemedBulkCouponId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
