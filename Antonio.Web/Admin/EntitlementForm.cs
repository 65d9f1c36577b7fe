using System.ComponentModel.DataAnnotations;
using Antonio.Data.Access;
using Antonio.Data.Content;

namespace Antonio.Web.Admin;

/// <summary>A manual grant (docs/domain.md, access rules 4, 5 and 10): a workshop's content (self-paced or cohort), or a subscription tier.</summary>
public sealed class EntitlementForm : IValidatableObject
{
    [Required] public string Type { get; set; } = EntitlementTypeNames.WorkshopContentAccess;
    public Guid? WorkshopId { get; set; }
    public string? Tier { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsSubscription => Type == EntitlementTypeNames.SubscriptionAccess;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntitlementTypeNames.All.Contains(Type))
            yield return new ValidationResult("Choose workshop content, cohort content or a subscription.", [nameof(Type)]);
        else if (IsSubscription && Tier is not (LinkTiers.Pro or LinkTiers.Standard))
            yield return new ValidationResult("Choose the subscription tier: pro or standard.", [nameof(Tier)]);
        else if (!IsSubscription && WorkshopId is null)
            yield return new ValidationResult("Choose the workshop it opens.", [nameof(WorkshopId)]);
        var now = validationContext.GetService(typeof(TimeProvider)) is TimeProvider clock ? clock.GetUtcNow() : DateTimeOffset.UtcNow;
        if (ExpiresAt is { } expires && expires <= now)
            yield return new ValidationResult("An expiry must be in the future (leave it empty for no expiry).", [nameof(ExpiresAt)]);
    }
}
