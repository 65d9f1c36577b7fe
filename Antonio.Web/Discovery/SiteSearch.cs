using System.Text;
using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Data.Search;
using Antonio.Web.Access;
using Antonio.Web.Caching;
using Antonio.Web.Learning;

namespace Antonio.Web.Discovery;

/// <summary>A search result as the viewer may see it: where it leads, and a snippet (HTML, encoded, matches in &lt;mark&gt;).</summary>
public sealed record SearchResult(string Title, string Url, string? WorkshopTitle, string Kind, string? SnippetHtml, bool Locked);

/// <summary>One page of a viewer's results, and how many there are in all.</summary>
public sealed record SearchResults(IReadOnlyList<SearchResult> Results, int Total, int Page, int Pages);

/// <summary>
/// Search (<c>/search?q=…&amp;page=…</c>), in two steps. PostgreSQL finds and ranks the candidates (<see cref="SearchQuery"/>),
/// kept briefly by the normalised query alone (<see cref="SearchCandidates"/>) — they are the same for everyone and
/// never shown as they are — and dropped by any content edit; each viewer's own access decision then picks what they
/// may see, and only the page shown gets snippets (<see cref="SearchSnippets"/>), each from a text that viewer may
/// read. A lesson the viewer may not read is a result only when its title or description matched, ranked and
/// described by those alone: neither its body's nor its transcript's words, nor the fact that they matched, reach
/// them. Drafts, private and unlisted workshops (and what they contain) are never results.
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

    /// <summary>A page of what this viewer may see (a page past the last is the last).</summary>
    public async Task<SearchResults> SearchAsync(string normalized, AccessContext viewer, int page = 1, CancellationToken ct = default)
    {
        var candidates = await found.GetAsync(normalized, ct);
        var visible = new List<Visible>();
        foreach (var candidate in candidates)
            if (await (candidate.Type == ContentTypes.Workshop ? WorkshopResultAsync(candidate, ct) : LessonResultAsync(candidate, viewer, ct)) is { } result)
                visible.Add(result);
        var pages = Math.Max(1, (visible.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = visible.OrderByDescending(v => v.Rank).Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var snippets = (await found.SnippetsAsync(normalized, [.. shown.Select(v => (v.Id, v.Readable ? SnippetSource.Full : SnippetSource.Public))], ct))
            .ToDictionary(s => s.Id);
        return new SearchResults([.. shown.Select(v => v.Show(snippets.GetValueOrDefault(v.Id)))], visible.Count, page, pages);
    }

    /// <summary>A result this viewer may see, before its snippet: <paramref name="Readable"/> says which texts it may come from.</summary>
    private sealed record Visible(Guid Id, double Rank, string Title, string Url, string? WorkshopTitle, bool Readable, bool IsWorkshop)
    {
        public SearchResult Show(SearchSnippet? snippet)
        {
            if (IsWorkshop) return new SearchResult(Title, Url, null, "Workshop", Snippet(snippet?.Text), false);
            if (!Readable) return new SearchResult(Title, Url, WorkshopTitle, "Lesson", Snippet(snippet?.Text), true);
            // A passage of the transcript: the lesson opens its video where it is said.
            if (snippet is { Source: "transcript" })
                return new SearchResult(Title, snippet.At is { } at ? $"{Url}?t={at}" : Url, WorkshopTitle, TranscriptKind(snippet.At), Snippet(snippet.Text), false);
            return new SearchResult(Title, Url, WorkshopTitle, "Lesson", Snippet(snippet?.Text), false);
        }
    }

    private async Task<Visible?> WorkshopResultAsync(SearchCandidate candidate, CancellationToken ct)
    {
        if (await workshops.GetAsync(candidate.Id.ToString(), ct) is not { } workshop || !IsListed(workshop)) return null;
        return new Visible(candidate.Id, candidate.RankPublic, workshop.Title, WorkshopLinks.Workshop(workshop), null, false, true);
    }

    private async Task<Visible?> LessonResultAsync(SearchCandidate candidate, AccessContext viewer, CancellationToken ct)
    {
        foreach (var workshopId in candidate.Workshops)
        {
            if (await workshops.GetAsync(workshopId.ToString(), ct) is not { } workshop || !IsListed(workshop)) continue;
            if (LessonNavigator.For(workshop).Lessons.FirstOrDefault(l => l.Lesson.Id == candidate.Id) is not { } position) continue;
            var readable = AccessRules.ForLesson(workshop, position.Lesson, position.Section, viewer).CanViewLesson;
            var url = WorkshopLinks.Lesson(workshop, position.Lesson);
            if (readable) return new Visible(candidate.Id, candidate.RankAll, position.Lesson.Title, url, workshop.Title, true, false);
            // Not theirs to read: only what the title or description explains, as if the body did not exist.
            if (!candidate.PublicMatch) return null;
            return new Visible(candidate.Id, candidate.RankPublic, position.Lesson.Title, url, workshop.Title, false, false);
        }
        return null;
    }

    private static string TranscriptKind(int? at) =>
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
