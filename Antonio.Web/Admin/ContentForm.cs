using System.ComponentModel.DataAnnotations;
using Antonio.Data.Content;

namespace Antonio.Web.Admin;

/// <summary>The editable fields of a content resource, with the validation the admin form shows.</summary>
public sealed class ContentForm : IValidatableObject
{
    [Required, StringLength(200)] public string Title { get; set; } = "";
    [Required, StringLength(ContentEditor.MaxSlugLength), CustomValidation(typeof(ContentForm), nameof(ValidateSlug))]
    public string Slug { get; set; } = "";
    [StringLength(2_000)] public string? Description { get; set; }
    [StringLength(200_000)] public string? Body { get; set; }
    [StringLength(500), CustomValidation(typeof(ContentForm), nameof(ValidateCover))] public string? CoverImage { get; set; }
    [Required] public string State { get; set; } = ContentStates.Draft;
    [Required] public string Visibility { get; set; } = ContentVisibilities.Public;
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }

    public static ContentForm From(ContentFields f) => new()
    {
        Title = f.Title ?? "", Slug = f.Slug ?? "", Description = f.Description, Body = f.Body, CoverImage = f.CoverImage,
        State = f.State, Visibility = f.Visibility, StartsAt = f.StartsAt, EndsAt = f.EndsAt,
    };

    /// <summary>Copies the form onto the stored fields (unknown editor fields are kept by <see cref="ContentFields"/>).</summary>
    public void ApplyTo(ContentFields f)
    {
        f.Title = Title.Trim();
        f.Slug = Slug.Trim();
        f.Description = string.IsNullOrWhiteSpace(Description) ? null : Description;
        f.Body = Body;
        f.CoverImage = string.IsNullOrWhiteSpace(CoverImage) ? null : CoverImage.Trim();
        f.State = State;
        f.Visibility = Visibility;
        f.StartsAt = StartsAt;
        f.EndsAt = EndsAt;
    }

    public static ValidationResult? ValidateSlug(string? slug, ValidationContext context) =>
        ContentEditor.IsValidSlug(slug?.Trim()) ? ValidationResult.Success
            : new ValidationResult("Use lower-case letters, digits and single hyphens (e.g. \"typescript-generics\").", [nameof(Slug)]);

    public static ValidationResult? ValidateCover(string? cover, ValidationContext context) =>
        string.IsNullOrEmpty(cover) || Content.MarkdownRenderer.IsSafeUrl(cover) ? ValidationResult.Success
            : new ValidationResult("Use an https:// address or a path on this site.", [nameof(CoverImage)]);

    /// <summary>Rules across fields (run once every field is valid on its own).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (State is not (ContentStates.Draft or ContentStates.Published or ContentStates.Archived))
            yield return new ValidationResult("Choose draft, published or archived.", [nameof(State)]);
        if (Visibility is not (ContentVisibilities.Public or ContentVisibilities.Unlisted or ContentVisibilities.Private))
            yield return new ValidationResult("Choose public, unlisted or private.", [nameof(Visibility)]);
        if (StartsAt is { } start && EndsAt is { } end && end < start)
            yield return new ValidationResult("The end must come after the start.", [nameof(EndsAt)]);
    }
}
