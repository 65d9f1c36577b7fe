using Antonio.Web.Admin;

namespace Antonio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class NewChildFormTests
{
    [Theory]
    [InlineData("Generics: the Basics!", "generics-the-basics")]
    [InlineData("  Crème brûlée  ", "creme-brulee")]
    [InlineData("C# 12 -- what's new?", "c-12-what-s-new")]
    [InlineData("!!!", "")]
    public void Slugs_made_from_titles_are_url_safe(string title, string slug)
    {
        Assert.Equal(slug, NewChildForm.SlugFrom(title));
        if (slug.Length > 0) Assert.True(ContentEditor.IsValidSlug(slug));
    }

    [Fact]
    public void Long_titles_make_slugs_within_the_limit()
    {
        var slug = NewChildForm.SlugFrom(string.Join(" ", Enumerable.Repeat("word", 100)));
        Assert.True(ContentEditor.IsValidSlug(slug));
    }
}
