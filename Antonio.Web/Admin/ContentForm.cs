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

    // Video resources only (docs/domain.md, content): what the player needs, sent to learners only when they may watch.
    [StringLength(200), RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Use the playback id exactly as the video host gives it (letters, digits, - and _).")]
    public string? PlaybackId { get; set; }
    public string? VideoState { get; set; }
    [Range(0, 86_400, ErrorMessage = "Duration is in seconds, between 0 and 86400.")] public int? DurationSeconds { get; set; }
    [StringLength(500_000)] public string? Transcript { get; set; }

    public static ContentForm From(ContentFields f) => new()
    {
        Title = f.Title ?? "", Slug = f.Slug ?? "", Description = f.Description, Body = f.Body, CoverImage = f.CoverImage,
        State = f.State, Visibility = f.Visibility, StartsAt = f.StartsAt, EndsAt = f.EndsAt,
        PlaybackId = f.PlaybackId, VideoState = f.VideoState, DurationSeconds = f.DurationSeconds, Transcript = f.Transcript,
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
        f.PlaybackId = string.IsNullOrWhiteSpace(PlaybackId) ? null : PlaybackId.Trim();
        f.VideoState = VideoState;
        f.DurationSeconds = DurationSeconds;
        f.Transcript = string.IsNullOrWhiteSpace(Transcript) ? null : Transcript;
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
        if (VideoState is not null && !VideoStates.All.Contains(VideoState))
            yield return new ValidationResult("Choose new, processing, preparing, ready or errored.", [nameof(VideoState)]);
        if (VideoState == VideoStates.Ready && string.IsNullOrWhiteSpace(PlaybackId))
            yield return new ValidationResult("A ready video needs its playback id.", [nameof(PlaybackId)]);
        if (StartsAt is { } start && EndsAt is { } end && end < start)
            yield return new ValidationResult("The end must come after the start.", [nameof(EndsAt)]);
    }
}
