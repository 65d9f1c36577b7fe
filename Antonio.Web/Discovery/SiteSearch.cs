using System.Text;
using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Data.Search;
using Antonio.Web.Access;
using Antonio.Web.Caching;
using Antonio.Web.Content;
using Antonio.Web.Learning;

namespace Antonio.Web.Discovery;

/// <summary>A search result as the viewer may see it: where it leads, and a snippet (HTML, encoded, matches in &lt;mark&gt;).</summary>
public sealed record SearchResult(string Title, string Url, string? WorkshopTitle, string Kind, string? SnippetHtml, bool Locked);

/// <summary>One page of a viewer's results, how many there are under the filters asked for, and the facets beside them.</summary>
public sealed record SearchResults(SearchAsk Ask, IReadOnlyList<SearchResult> Results, int Total, int Pages, SearchFacets Facets)
{
    public int Page => Ask.Page;
}

/// <summary>
/// Search (<c>/search?q=…</c>, with filters: <see cref="SearchAsk"/>), in two steps. PostgreSQL finds and ranks the
/// candidates (<see cref="SearchQuery"/>), kept briefly by the normalised query alone (<see cref="SearchCandidates"/>) —
/// they are the same for everyone and never shown as they are — and dropped by any content edit; each viewer's own
/// access decision then picks what they may see, the facets are counted from that, and only the page shown gets
/// snippets (<see cref="SearchSnippets"/>), each from a text that viewer may read. A lesson the viewer may not read is
/// a result only when its title or description matched, ranked and described by those alone: neither its body's nor
/// its transcript's words, nor the fact that they matched, reach them. Drafts, private and unlisted workshops (and
/// what they contain) are never results.
/// </summary>
public sealed partial class SiteSearch(SearchCandidates found, WorkshopReader workshops)
{
    public const int MaxQueryLength = 200;

    /// <summary>Results per page (each with a snippet).</summary>
    public const int PageSize = 10;

    /// <summary>The query as searched and cached: trimmed, single-spaced, lower-case; null when empty, too long or holding control characters.</summary>
    public static string? Normalize(string? query)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength || query.Any(char.IsControl)) return null;
        return string.Join(' ', query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
    }

    /// <summary>
    /// A page of what this viewer may see under the filters asked for (a page past the last is the last), with the facets;
    /// without snippets when <paramref name="snippets"/> is false (results as one types).
    /// </summary>
    public async Task<SearchResults> SearchAsync(SearchAsk ask, AccessContext viewer, bool snippets = true, CancellationToken ct = default)
    {
        var signedIn = viewer.Snapshot is not null;
        if (!signedIn) ask = ask with { Mine = false };
        var visible = new List<SearchHit>();
        var holds = new Dictionary<Guid, bool>(); // whether the viewer holds a workshop: decided once per workshop, not per result
        bool Mine(WorkshopData workshop) => holds.TryGetValue(workshop.Id, out var mine) ? mine
            : holds[workshop.Id] = viewer.Snapshot is { } snapshot && AccessRules.Holds(workshop, snapshot, viewer.Now);
        foreach (var candidate in await found.GetAsync(ask.Query, ct))
            if (await (candidate.Type == ContentTypes.Workshop ? WorkshopHitAsync(candidate, Mine, ct) : LessonHitAsync(candidate, viewer, Mine, ct)) is { } hit)
                visible.Add(hit);
        var chosen = visible.Where(v => SearchFacets.Passes(v, ask));
        var ordered = (ask.Newest ? chosen.OrderByDescending(v => v.Created).ThenByDescending(v => v.Rank) : chosen.OrderByDescending(v => v.Rank)).ToList();
        var pages = Math.Max(1, (ordered.Count + PageSize - 1) / PageSize);
        ask = ask with { Page = Math.Clamp(ask.Page, 1, pages) };
        var shown = ordered.Skip((ask.Page - 1) * PageSize).Take(PageSize).ToList();
        var texts = snippets
            ? (await found.SnippetsAsync(ask.Query, [.. shown.Select(v => (v.Id, v.Source))], ct)).ToDictionary(s => s.Id)
            : [];
        return new SearchResults(ask, [.. shown.Select(v => v.Show(texts.GetValueOrDefault(v.Id)))], ordered.Count, pages,
            SearchFacets.Of(visible, ask, signedIn));
    }

    private async Task<SearchHit?> WorkshopHitAsync(SearchCandidate candidate, Func<WorkshopData, bool> mine, CancellationToken ct)
    {
        if (await workshops.GetAsync(candidate.Id.ToString(), ct) is not { } workshop || !IsListed(workshop)) return null;
        return new SearchHit(candidate.Id, candidate.RankPublic, workshop.Title, WorkshopLinks.Workshop(workshop), workshop.Slug, workshop.Title,
            SearchKinds.Workshop, SnippetSource.Public, Locked: false, AccessRules.IsFreeWorkshop(workshop), mine(workshop), candidate.Created);
    }

    private async Task<SearchHit?> LessonHitAsync(SearchCandidate candidate, AccessContext viewer, Func<WorkshopData, bool> mine, CancellationToken ct)
    {
        foreach (var workshopId in candidate.Workshops)
        {
            if (await workshops.GetAsync(workshopId.ToString(), ct) is not { } workshop || !IsListed(workshop)) continue;
            if (LessonNavigator.For(workshop).Lessons.FirstOrDefault(l => l.Lesson.Id == candidate.Id) is not { } position) continue;
            var readable = AccessRules.ForLesson(workshop, position.Lesson, position.Section, viewer).CanViewLesson;
            var free = AccessRules.IsFreeWorkshop(workshop) || AccessRules.IsFreeTier(position.Lesson, position.Section);
            var url = WorkshopLinks.Lesson(workshop, position.Lesson);
            SearchHit Hit(double rank, string kind, SnippetSource source, bool locked) =>
                new(candidate.Id, rank, position.Lesson.Title, url, workshop.Slug, workshop.Title, kind, source, locked, free, mine(workshop), candidate.Created);
            if (readable)
                return candidate.BodyMatch ? Hit(candidate.RankAll, SearchKinds.Lesson, SnippetSource.Body, false)
                    : candidate.TranscriptMatch ? Hit(candidate.RankAll, SearchKinds.Transcript, SnippetSource.Transcript, false)
                    : Hit(candidate.RankAll, SearchKinds.Lesson, SnippetSource.Public, false);
            // Not theirs to read: only what the title or description explains, as if the body did not exist.
            return candidate.PublicMatch ? Hit(candidate.RankPublic, SearchKinds.Lesson, SnippetSource.Public, true) : null;
        }
        return null;
    }

    internal static string TranscriptKind(int? at) =>
        at is null ? "Lesson · video transcript" : $"Lesson · video transcript at {new TranscriptCue(at, "").Clock}";

    /// <summary>Learners find published, public (listed) workshops only — staff too: search is the catalogue's.</summary>
    private static bool IsListed(WorkshopData workshop) =>
        workshop.State == ContentStates.Published && workshop.Visibility == ContentVisibilities.Public;

    /// <summary>
    /// The snippet as reading text — Markdown's markers (headings, emphasis, tables, quotes, code ticks), cue marks and line
    /// breaks taken out — HTML-encoded, its matches (between PostgreSQL's delimiters) in &lt;mark&gt;.
    /// </summary>
    public static string? Snippet(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = MarkdownMarkers().Replace(text, " ");
        text = Spaces().Replace(text, " ").Trim();
        var parts = text.Split([SearchSnippets.MarkStart, SearchSnippets.MarkEnd]);
        var html = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            // Delimiters alternate, so every odd part is a match.
            if (i % 2 == 1) html.Append("<mark>").Append(HtmlEncoder.Default.Encode(parts[i])).Append("</mark>");
            else html.Append(HtmlEncoder.Default.Encode(parts[i]));
        }
        return html.ToString();
    }

    /// <summary>Markdown's markers, and a transcript's "[m:ss]" cue marks.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[#*_`|]+|(?m)^\s*>+|:?-{3,}:?|" + TranscriptCues.MarkPattern)]
    private static partial System.Text.RegularExpressions.Regex MarkdownMarkers();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Spaces();
}

/// <summary>
/// A result this viewer may see, before its snippet: its rank for them, what the facets count it under, and which text
/// its snippet may come from (<paramref name="Source"/>: the app's one decision of it).
/// </summary>
internal sealed record SearchHit(Guid Id, double Rank, string Title, string Url, string? Workshop, string? WorkshopTitle, string Kind,
    SnippetSource Source, bool Locked, bool Free, bool Mine, DateTimeOffset Created)
{
    public SearchResult Show(SearchSnippet? snippet)
    {
        var text = SiteSearch.Snippet(snippet?.Text);
        if (Kind == SearchKinds.Workshop) return new SearchResult(Title, Url, null, "Workshop", text, false);
        // A passage of the transcript: the lesson opens its video where it is said.
        if (snippet is { Source: "transcript" })
            return new SearchResult(Title, snippet.At is { } at ? $"{Url}?t={at}" : Url, WorkshopTitle, SiteSearch.TranscriptKind(snippet.At), text, false);
        return new SearchResult(Title, Url, WorkshopTitle, "Lesson", text, Locked);
    }
}
