using System.Text.Json;

namespace Antonio.Data.Access;

public class EntitlementType
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
}

public static class EntitlementTypeNames
{
    public const string WorkshopContentAccess = "workshop_content_access";
    public const string CohortContentAccess = "cohort_content_access";
    public const string SubscriptionAccess = "subscription_access";

    public static readonly IReadOnlyList<string> All = [WorkshopContentAccess, CohortContentAccess, SubscriptionAccess];
}

/// <summary>
/// A grant of access. Active while <see cref="DeletedAt"/> is null and <see cref="ExpiresAt"/> is null or
/// in the future (docs/domain.md, access rule 4). Created by a purchase (source "purchase", source id = purchase id), a
/// subscription or by hand.
/// </summary>
public class Entitlement
{
    public Guid Id { get; set; }
    public Guid EntitlementTypeId { get; set; }
    public Guid UserId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? OrganizationMembershipId { get; set; }
    public string SourceType { get; set; } = EntitlementSources.Purchase;
    public Guid? SourceId { get; set; }
    public Guid[] ContentIds { get; set; } = [];
    /// <summary>e.g. {"tier":"pro"} for subscription_access.</summary>
    public JsonDocument? Metadata { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

public static class EntitlementSources
{
    public const string Purchase = "purchase";
    public const string Subscription = "subscription";
    public const string Manual = "manual";
}
