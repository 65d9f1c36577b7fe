using System.Globalization;

namespace Antonio.Web.Discovery;

/// <summary>
/// What a viewer asked of <c>/search</c>, as its URL says it (shareable): the query (normalised by
/// <see cref="SiteSearch.Normalize"/>), a kind, a workshop (by slug), free to read only, in my workshops only, newest
/// first, and the page.
/// </summary>
public sealed record SearchAsk(string Query)
{
    public int Page { get; init; } = 1;
    public string? Kind { get; init; }
    public string? Workshop { get; init; }
    public bool Free { get; init; }
    public bool Mine { get; init; }
    public bool Newest { get; init; }

    /// <summary>
    /// The ask from the URL's values: an unknown kind or order is no filter (a link that outlived a rename still searches);
    /// a page below 1 is the first.
    /// </summary>
    public static SearchAsk From(string query, int? page, string? kind, string? workshop, bool? free, bool? mine, string? sort) => new(query)
    {
        Page = Math.Max(1, page ?? 1),
        Kind = kind is not null && SearchKinds.All.Contains(kind) ? kind : null,
        Workshop = string.IsNullOrWhiteSpace(workshop) || workshop.Length > Learning.WorkshopReader.MaxKeyLength ? null : workshop,
        Free = free == true,
        Mine = mine == true,
        Newest = sort == "newest",
    };

    // One filter or the order changed: from the first page again.
    public SearchAsk WithKind(string? kind) => this with { Kind = kind, Page = 1 };
    public SearchAsk WithWorkshop(string? workshop) => this with { Workshop = workshop, Page = 1 };
    public SearchAsk WithFree(bool free) => this with { Free = free, Page = 1 };
    public SearchAsk WithMine(bool mine) => this with { Mine = mine, Page = 1 };
    public SearchAsk WithNewest(bool newest) => this with { Newest = newest, Page = 1 };
    public SearchAsk WithPage(int page) => this with { Page = page };

    /// <summary>The URL of this ask (defaults left out; page 1 too).</summary>
    public string Url()
    {
        var parts = new List<KeyValuePair<string, string?>> { new("q", Query) };
        if (Kind is not null) parts.Add(new("kind", Kind));
        if (Workshop is not null) parts.Add(new("workshop", Workshop));
        if (Free) parts.Add(new("free", "true"));
        if (Mine) parts.Add(new("mine", "true"));
        if (Newest) parts.Add(new("sort", "newest"));
        if (Page > 1) parts.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/search", parts);
    }
}

/// <summary>What a result is: the values of the kind filter, and how each is named.</summary>
public static class SearchKinds
{
    public const string Workshop = "workshop", Lesson = "lesson", Transcript = "transcript";

    public static readonly IReadOnlyList<string> All = [Workshop, Lesson, Transcript];

    public static string Label(string kind) => kind switch
    {
        Workshop => "Workshops",
        Transcript => "Moments in a video",
        _ => "Lessons",
    };
}
