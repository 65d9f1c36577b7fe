using System.ComponentModel.DataAnnotations;
using System.Text;
using Antonio.Data.Content;

namespace Antonio.Web.Admin;

/// <summary>A new section, lesson or workshop: a title, and a slug made from it unless one is given.</summary>
public sealed class NewChildForm
{
    /// <summary>Where it goes; none for a workshop.</summary>
    public Guid? ParentId { get; set; }
    [Required] public string Type { get; set; } = ContentTypes.Lesson;
    [Required, StringLength(200)] public string Title { get; set; } = "";
    [StringLength(ContentEditor.MaxSlugLength), CustomValidation(typeof(NewChildForm), nameof(ValidateSlug))]
    public string? Slug { get; set; }
    /// <summary>Link it with <c>metadata.tier = "free"</c>: readable by everyone (docs/domain.md, content).</summary>
    public bool Free { get; set; }

    public string EffectiveSlug => string.IsNullOrWhiteSpace(Slug) ? SlugFrom(Title) : Slug.Trim();

    public static ValidationResult? ValidateSlug(string? slug, ValidationContext context) =>
        string.IsNullOrWhiteSpace(slug) || ContentEditor.IsValidSlug(slug.Trim()) ? ValidationResult.Success
            : new ValidationResult("Use lower-case letters, digits and single hyphens, or leave it empty to use the title.", [nameof(Slug)]);

    /// <summary>"Generics: the Basics!" → "generics-the-basics" (accents dropped, anything else becomes one hyphen).</summary>
    public static string SlugFrom(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) slug.Append(c);
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        return text.Length <= ContentEditor.MaxSlugLength ? text : text[..ContentEditor.MaxSlugLength].TrimEnd('-');
    }
}
