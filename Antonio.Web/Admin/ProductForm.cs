using System.ComponentModel.DataAnnotations;
using Antonio.Data.Commerce;

namespace Antonio.Web.Admin;

/// <summary>A product as the admin edits it: name, type, price in dollars, what it sells, what upgrades to it.</summary>
public sealed class ProductForm : IValidatableObject
{
    [Required, StringLength(200)] public string Name { get; set; } = "";
    [Required] public string Type { get; set; } = ProductTypes.SelfPaced;
    public bool Active { get; set; } = true;
    /// <summary>A cohort's or live session's page address, <c>/cohorts/{slug}</c> or <c>/live/{slug}</c> (empty: no page).</summary>
    [StringLength(200)] public string? Slug { get; set; }
    /// <summary>What the cohort's page says about it (Markdown).</summary>
    [StringLength(4000)] public string? Description { get; set; }
    [Required(ErrorMessage = "Enter the price.")]
    [Range(typeof(decimal), "0.01", "1000000", ErrorMessage = "Enter a price between 0.01 and 1,000,000.")]
    public decimal? UnitAmount { get; set; }
    /// <summary>The workshops it sells (content_products).</summary>
    public List<Guid> WorkshopIds { get; set; } = [];
    /// <summary>A cohort's schedule: when each workshop it sells opens (the workshop's start, kept on the workshop).</summary>
    public List<OpeningInput> Openings { get; set; } = [];
    /// <summary>A live session's time, seats and address.</summary>
    public LiveInput Live { get; set; } = new();
    /// <summary>Products whose owners may upgrade to this one (upgradable_products), e.g. the parts of a bundle.</summary>
    public List<Guid> UpgradableFromIds { get; set; } = [];

    /// <summary>The schedule's line for a workshop (made empty when the workshop was just ticked).</summary>
    public OpeningInput OpeningFor(Guid workshopId)
    {
        if (Openings.Find(o => o.WorkshopId == workshopId) is { } found) return found;
        var added = new OpeningInput { WorkshopId = workshopId };
        Openings.Add(added);
        return added;
    }

    public long UnitAmountCents => (long)Math.Round((UnitAmount ?? 0) * 100m, MidpointRounding.AwayFromZero);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ProductTypes.All.Contains(Type))
            yield return new ValidationResult("Choose self-paced, cohort, membership or live.", [nameof(Type)]);
        if (UnitAmount is { } amount && decimal.Round(amount, 2) != amount)
            yield return new ValidationResult("Use at most two decimals (cents).", [nameof(UnitAmount)]);
        if (!string.IsNullOrWhiteSpace(Slug) && Type is not (ProductTypes.Cohort or ProductTypes.Live))
            yield return new ValidationResult("Only a cohort or a live session has a page of its own: leave the address empty.", [nameof(Slug)]);
        else if (!string.IsNullOrWhiteSpace(Slug) && !System.Text.RegularExpressions.Regex.IsMatch(Slug.Trim(), "^[a-z0-9]+(-[a-z0-9]+)*$"))
            yield return new ValidationResult("Use lowercase letters, digits and single dashes (winter-2027).", [nameof(Slug)]);
        if (Type is ProductTypes.SelfPaced or ProductTypes.Cohort && WorkshopIds.Count == 0)
            yield return new ValidationResult("A self-paced or cohort product sells at least one workshop.", [nameof(WorkshopIds)]);
        if (Type == ProductTypes.Live)
        {
            if (string.IsNullOrWhiteSpace(Slug))
                yield return new ValidationResult("A live session is sold from its page: give it an address.", [nameof(Slug)]);
            foreach (var problem in Live.Problems()) yield return problem;
        }
    }
}

/// <summary>When one workshop of a cohort opens, as the admin types it (UTC).</summary>
public sealed class OpeningInput
{
    public Guid WorkshopId { get; set; }
    public DateTimeOffset? OpensAt { get; set; }

    public DateTimeOffset? Utc => AsUtc(OpensAt);

    /// <summary>A typed time read as UTC, whatever offset the browser's local-time field was parsed with.</summary>
    public static DateTimeOffset? AsUtc(DateTimeOffset? typed) => typed is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at.DateTime, DateTimeKind.Utc)) : null;
}

/// <summary>A live session as the admin types it: start and end in UTC, the organiser's zone, seats, where it happens.</summary>
public sealed class LiveInput
{
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    [StringLength(64)] public string TimeZone { get; set; } = "Etc/UTC";
    /// <summary>Empty: no limit.</summary>
    public int? Capacity { get; set; }
    [StringLength(2000)] public string? JoinUrl { get; set; }

    public DateTimeOffset? StartsUtc => OpeningInput.AsUtc(StartsAt);
    public DateTimeOffset? EndsUtc => OpeningInput.AsUtc(EndsAt);

    public IEnumerable<ValidationResult> Problems()
    {
        if (StartsUtc is not { } starts || EndsUtc is not { } ends)
            yield return new ValidationResult("Give the session's start and end (UTC).", [nameof(StartsAt)]);
        else if (ends <= starts)
            yield return new ValidationResult("The session ends after it starts.", [nameof(EndsAt)]);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone?.Trim() ?? "", out _))
            yield return new ValidationResult("Use a time zone name such as Europe/Berlin or America/New_York.", [nameof(TimeZone)]);
        if (Capacity is < 1 or > 100_000)
            yield return new ValidationResult("Seats: between 1 and 100,000, or empty for no limit.", [nameof(Capacity)]);
        // Where ticket holders are sent: a web address on https, nothing a browser would run.
        if (!string.IsNullOrWhiteSpace(JoinUrl) && !(Uri.TryCreate(JoinUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
            yield return new ValidationResult("The session's address starts with https://.", [nameof(JoinUrl)]);
    }
}
