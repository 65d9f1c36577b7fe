using Antonio.Web.Access;

namespace Antonio.Web.Discovery;

/// <summary>
/// Results as one types (<c>/search/suggest?q=…</c>, asked by the search box's island, <c>search-suggest.js</c>): the
/// first results of the same search, with the same access decisions and the same per-client limit as <c>/search</c>,
/// without snippets. Personal (what a viewer may see depends on who they are): never stored by a cache.
/// </summary>
public static class SearchSuggestions
{
    public const string Path = "/search/suggest";

    /// <summary>How many results the box lists.</summary>
    public const int Count = 6;

    public sealed record Suggestion(string Title, string Url, string Kind, string? Workshop);

    public sealed record Answer(string Query, int Total, IReadOnlyList<Suggestion> Results, string More);

    public static async Task<IResult> AnswerAsync(string? q, SiteSearch search, ViewerContext viewers, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (SiteSearch.Normalize(q) is not { } query)
            return Results.Json(new { error = "That search is empty, too long or holds characters we can't search for." }, statusCode: StatusCodes.Status400BadRequest);
        var found = await search.SearchAsync(new SearchAsk(query), await viewers.CurrentAsync(context.RequestAborted), snippets: false, context.RequestAborted);
        return Results.Json(new Answer(query, found.Total,
            [.. found.Results.Take(Count).Select(r => new Suggestion(r.Title, r.Url, r.Kind, r.WorkshopTitle))], found.Ask.Url()));
    }
}
