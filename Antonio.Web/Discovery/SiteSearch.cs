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

/// <summary>
/// Search (<c>/search?q=…</c>): PostgreSQL finds and ranks the candidates in one query (<see cref="SearchQuery"/>),
/// kept briefly by the normalised query alone (<see cref="SearchCandidates"/>) — they are the same for everyone and
/// never shown as they are — and dropped by any content edit; then each viewer's own access decision picks what they may see. A lesson the
/// viewer may not read is a result only when its title or description matched, ranked and described by those
/// alone: neither its body's nor its transcript's words, nor the fact that they matched, reach them. Drafts,
/// private and unlisted workshops (and what they contain) are never results.
/// </summary>
public sealed partial class SiteSearch(SearchCandidates found, WorkshopReader workshops)
{
    public const int MaxQueryLength = 200;

    /// <summary>The query as searched and cached: trimmed, single-spaced, lower-case; null when empty, too long or holding control characters.</summary>
    public static string? Normalize(string? query)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength || query.Any(char.IsControl)) return null;
        return string.Join(' ', query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
    }

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(string normalized, AccessContext viewer, CancellationToken ct = default)
    {
        var candidates = await found.GetAsync(normalized, ct);
        var results = new List<(double Rank, SearchResult Result)>();
        foreach (var candidate in candidates)
        {
            var found = candidate.Type == ContentTypes.Workshop ? await WorkshopResultAsync(candidate, ct) : await LessonResultAsync(candidate, viewer, ct);
            if (found is { } result) results.Add(result);
        }
        return [.. results.OrderByDescending(r => r.Rank).Take(SearchQuery.Limit).Select(r => r.Result)];
    }

    private async Task<(double, SearchResult)?> WorkshopResultAsync(SearchCandidate candidate, CancellationToken ct)
    {
        if (await workshops.GetAsync(candidate.Id.ToString(), ct) is not { } workshop || !IsListed(workshop)) return null;
        return (candidate.RankPublic, new SearchResult(workshop.Title, WorkshopLinks.Workshop(workshop), null, "Workshop",
            Snippet(candidate.PublicSnippet), false));
    }

    private async Task<(double, SearchResult)?> LessonResultAsync(SearchCandidate candidate, AccessContext viewer, CancellationToken ct)
    {
        foreach (var workshopId in candidate.Workshops)
        {
            if (await workshops.GetAsync(workshopId.ToString(), ct) is not { } workshop || !IsListed(workshop)) continue;
            if (LessonNavigator.For(workshop).Lessons.FirstOrDefault(l => l.Lesson.Id == candidate.Id) is not { } position) continue;
            var readable = AccessRules.ForLesson(workshop, position.Lesson, position.Section, viewer).CanViewLesson;
            var url = WorkshopLinks.Lesson(workshop, position.Lesson);
            if (readable)
            {
                var (kind, snippet) = candidate.BodySnippet is { } body ? ("Lesson", body)
                    : candidate.TranscriptSnippet is { } transcript ? (TranscriptKind(candidate.TranscriptAt), transcript)
                    : ("Lesson", candidate.PublicSnippet);
                // A passage of the transcript: the lesson opens its video where it is said.
                if (candidate.BodySnippet is null && candidate.TranscriptSnippet is not null && candidate.TranscriptAt is { } at) url += $"?t={at}";
                return (candidate.RankAll, new SearchResult(position.Lesson.Title, url, workshop.Title, kind, Snippet(snippet), false));
            }
            // Not theirs to read: only what the title or description explains, as if the body did not exist.
            if (!candidate.PublicMatch) return null;
            return (candidate.RankPublic, new SearchResult(position.Lesson.Title, url, workshop.Title, "Lesson", Snippet(candidate.PublicSnippet), true));
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
        var parts = text.Split([SearchQuery.MarkStart, SearchQuery.MarkEnd]);
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
