namespace Antonio.Data.Search;

/// <summary>
/// Full-text search over workshops, lessons and transcripts, in PostgreSQL and ONE SQL command: a weighted
/// <c>tsvector</c> expression (title A, description B, body C, transcript D) with a GIN index over it
/// (<see cref="Document"/>, the same text in the index and the query), and <c>pg_trgm</c>'s word similarity
/// on titles (<c>&lt;%</c>, threshold 0.6, the same trigram GIN index) for near misses such as "typscript". Every candidate says, apart, whether its public part (title, description) matched and how it
/// ranks on that part alone, with a snippet from each part: whoever may not read a lesson gets neither the
/// body's snippet nor a result that only the body explains (<c>Search</c> in the web app decides).
/// </summary>
public static class SearchQuery
{
    /// <summary>
    /// The document of a resource: stored in the generated column <see cref="Column"/> (so ranking reads it rather than
    /// parsing every body again) with a GIN index over it. Changing it needs a migration that recreates the column.
    /// </summary>
    public const string Column = "search_document";

    public const string Document =
        "(setweight(to_tsvector('english'::regconfig, COALESCE(fields->>'title', '')), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, COALESCE(fields->>'description', '')), 'B') || " +
        "setweight(to_tsvector('english'::regconfig, COALESCE(fields->>'body', '')), 'C') || " +
        "setweight(to_tsvector('english'::regconfig, COALESCE(fields->>'transcript', '')), 'D'))";

    /// <summary>Lower-cased titles, for typo-tolerant title matches (a trigram GIN index).</summary>
    public const string Title = "lower(COALESCE(fields->>'title', ''))";

    /// <summary>How many of the best candidates carry snippets (ts_headline parses the text again: only for what can be shown).</summary>
    public const int WithSnippets = 60;

    /// <summary>Snippet delimiters that no HTML or Markdown contains; the web app encodes the text and turns them into &lt;mark&gt;.</summary>
    public const char MarkStart = '\u0002', MarkEnd = '\u0003';

    public const int Limit = 30;

    // Before Sql: static fields are initialised in order.
    private static readonly string Options = $"StartSel={MarkStart}, StopSel={MarkEnd}, MaxFragments=1, MaxWords=30, MinWords=12";

    private static readonly string Sql = $$"""
        WITH q AS (SELECT websearch_to_tsquery('english', {0}) AS tsq, lower({0}) AS raw),
        matched AS (
          SELECT r.id, r.type,
                 ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::real[], r.{{Column}}, q.tsq) AS rank_all,
                 ts_rank(ARRAY[0, 0, 0.4, 1.0]::real[], r.{{Column}}, q.tsq) AS rank_public,
                 word_similarity(q.raw, {{Title.Replace("fields", "r.fields")}}) AS title_similarity
            FROM content_resources r, q
           WHERE r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson', 'video_resource')
             AND (r.{{Column}} @@ q.tsq OR (q.raw <% {{Title.Replace("fields", "r.fields")}} AND r.type <> 'video_resource'))
        ),
        -- A transcript hit counts for the lesson that shows the video (body-only: a transcript is never public).
        lessons AS (
          SELECT COALESCE(l.parent_id, m.id) AS id,
                 max(CASE WHEN m.type = 'video_resource' THEN m.rank_all * 0.5 ELSE m.rank_all END) AS rank_all,
                 max(CASE WHEN m.type = 'video_resource' THEN 0 ELSE m.rank_public END) AS rank_public,
                 max(CASE WHEN m.type = 'video_resource' THEN 0 ELSE m.title_similarity END) AS title_similarity,
                 bool_or(m.type = 'video_resource') AS transcript_hit
            FROM matched m
            LEFT JOIN content_links l ON m.type = 'video_resource' AND l.child_id = m.id
           GROUP BY COALESCE(l.parent_id, m.id)
        ),
        top AS (
          SELECT r.id, r.type, r.fields, r.{{Column}} AS document, x.rank_all, x.rank_public, x.title_similarity, x.transcript_hit,
                 row_number() OVER (ORDER BY x.rank_all + x.title_similarity DESC) AS n
            FROM lessons x JOIN content_resources r ON r.id = x.id
           WHERE r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson') AND (r.fields->>'state') = 'published'
           ORDER BY x.rank_all + x.title_similarity DESC
           LIMIT 200
        )
        SELECT COALESCE(json_agg(json_build_object(
          'id', t.id, 'type', t.type, 'title', t.fields->>'title', 'slug', t.fields->>'slug',
          'rankAll', t.rank_all + t.title_similarity, 'rankPublic', t.rank_public + t.title_similarity,
          'publicMatch', (t.rank_public > 0 OR t.title_similarity >= 0.6),
          'publicSnippet', CASE WHEN t.n <= {{WithSnippets}} AND COALESCE(t.fields->>'description', '') <> ''
                                THEN ts_headline('english', t.fields->>'description', q.tsq, '{{Options}}') END,
          'bodySnippet', CASE WHEN t.n <= {{WithSnippets}} AND t.type = 'lesson' AND ts_filter(t.document, '{{"{{c}}"}}') @@ q.tsq
                              THEN ts_headline('english', t.fields->>'body', q.tsq, '{{Options}}') END,
          'transcriptSnippet', tr.snippet, 'transcriptAt', tr.at,
          'workshops', CASE WHEN t.type = 'workshop' THEN json_build_array(t.id) ELSE
              (SELECT COALESCE(json_agg(DISTINCT w.id), '[]'::json) FROM content_resources w
                WHERE w.type = 'workshop' AND w.deleted_at IS NULL
                  AND w.id IN (SELECT a.parent_id FROM content_links a WHERE a.child_id = t.id
                               UNION SELECT b.parent_id FROM content_links a JOIN content_links b ON b.child_id = a.parent_id WHERE a.child_id = t.id)) END
        ) ORDER BY t.n), '[]'::json) AS "Value"
          FROM top t CROSS JOIN q
          -- A transcript hit: the snippet, and when it is said (the first "[m:ss]" line that matches on its own), so the
          -- result opens the video there. (No braces in the pattern: the command is a format string.)
          LEFT JOIN LATERAL (
            SELECT ts_headline('english', v.fields->>'transcript', q.tsq, '{{Options}}') AS snippet,
                   (SELECT m[1]::int * 60 + m[2]::int
                      FROM regexp_split_to_table(v.fields->>'transcript', E'\n') WITH ORDINALITY AS s(line, i),
                           regexp_match(s.line, '^\[(\d+):([0-5]\d)\]') AS m
                     WHERE m IS NOT NULL AND to_tsvector('english', s.line) @@ q.tsq
                     ORDER BY s.i LIMIT 1) AS at
              FROM content_links vl JOIN content_resources v ON v.id = vl.child_id AND v.type = 'video_resource' AND v.deleted_at IS NULL
             WHERE t.n <= {{WithSnippets}} AND t.transcript_hit AND vl.parent_id = t.id AND v.{{Column}} @@ q.tsq
             LIMIT 1
          ) tr ON true
        """;


    /// <summary>Up to 200 candidates, best first by their full rank; the web app filters, re-ranks per viewer and keeps <see cref="Limit"/>.</summary>
    public static async Task<IReadOnlyList<SearchCandidate>> RunAsync(AntonioDbContext db, string query, CancellationToken ct = default) =>
        await QueryJson.ReadAsync<List<SearchCandidate>>(db, Sql, [query], ct) ?? [];
}

/// <summary>One resource that matched, before any access decision.</summary>
public sealed record SearchCandidate
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public string? Title { get; init; }
    public string? Slug { get; init; }
    public double RankAll { get; init; }
    public double RankPublic { get; init; }
    /// <summary>The title or description matched (or the title nearly did): the result may show whoever may see the lesson exists.</summary>
    public bool PublicMatch { get; init; }
    public string? PublicSnippet { get; init; }
    /// <summary>From the lesson's body: only for viewers who may read the lesson.</summary>
    public string? BodySnippet { get; init; }
    /// <summary>From the lesson video's transcript: only for viewers who may read the lesson.</summary>
    public string? TranscriptSnippet { get; init; }
    /// <summary>When the transcript says it, in seconds (from its "[m:ss]" cue marks), when a single cue matched.</summary>
    public int? TranscriptAt { get; init; }
    /// <summary>The workshops that contain it (itself, for a workshop).</summary>
    public IReadOnlyList<Guid> Workshops { get; init; } = [];
}
