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

    /// <summary>Lower-cased titles, for typo-tolerant title matches: stored in <see cref="TitleColumn"/> with a trigram GIN index.</summary>
    public const string Title = "lower(COALESCE(fields->>'title', ''))";

    public const string TitleColumn = "search_title";

    /// <summary>The public part of the document (title A, description B), small enough to live in the row: <see cref="PublicColumn"/>.</summary>
    public const string PublicDocument =
        "(setweight(to_tsvector('english'::regconfig, COALESCE(fields->>'title', '')), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, COALESCE(fields->>'description', '')), 'B'))";

    public const string PublicColumn = "search_public";

    /// <summary>
    /// How many candidates of each kind are taken (title/description matches by their rank, body/transcript-only
    /// matches as the index yields them) and fully ranked (reading each one's whole document, kilobytes from TOAST),
    /// and how many are returned. A word found in thousands of bodies stays cheap.
    /// </summary>
    public const int Shortlist = 100;

    /// <summary>How many of the best candidates carry snippets (ts_headline parses the text again: only for what can be shown).</summary>
    public const int WithSnippets = 60;

    /// <summary>Snippet delimiters that no HTML or Markdown contains; the web app encodes the text and turns them into &lt;mark&gt;.</summary>
    public const char MarkStart = '\u0002', MarkEnd = '\u0003';

    public const int Limit = 30;

    /// <summary>How much of a body (characters) a snippet is looked for in.</summary>
    private const int SnippetWindow = 1600;

    // Before Sql: static fields are initialised in order.
    private static readonly string Options = $"StartSel={MarkStart}, StopSel={MarkEnd}, MaxFragments=1, MaxWords=30, MinWords=12";

    private static readonly string Sql = $$"""
        WITH q AS (SELECT websearch_to_tsquery('english', {0}) AS tsq, lower({0}) AS raw,
                          -- The query's first word, cut to a stem-like prefix: where a body snippet is looked for.
                          left((regexp_match(lower({0}), '[[:alnum:]][[:alnum:]][[:alnum:]]+'))[1], 5) AS word),
        -- Title and description matches (the small GIN index over the in-row public vector), best first.
        public_hits AS (
          SELECT r.id, r.type, ts_rank(ARRAY[0, 0, 0.4, 1.0]::real[], r.{{PublicColumn}}, q.tsq) AS rank_public
            FROM content_resources r, q
           WHERE r.{{PublicColumn}} @@ q.tsq AND r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson')
           ORDER BY rank_public DESC LIMIT {{Shortlist}}
        ),
        -- Matches in a body or transcript only (the document's GIN index): the first the index yields. A word found in
        -- thousands of bodies is not ranked over all of them — that read every document from TOAST (hundreds of ms).
        body_hits AS (
          SELECT r.id, r.type
            FROM content_resources r, q
           WHERE r.{{Column}} @@ q.tsq AND r.deleted_at IS NULL AND r.type IN ('lesson', 'video_resource')
             AND NOT (r.type = 'lesson' AND r.{{PublicColumn}} @@ q.tsq)
           LIMIT {{Shortlist}}
        ),
        -- Near-miss titles (the trigram index): "typscript".
        near AS (
          SELECT r.id, r.type, word_similarity(q.raw, r.{{TitleColumn}}) AS title_similarity
            FROM content_resources r, q
           WHERE r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson') AND q.raw <% r.{{TitleColumn}}
           LIMIT 50
        ),
        matched AS (
          SELECT id, type, rank_public, 0::real AS title_similarity FROM public_hits
          UNION ALL SELECT id, type, 0, 0 FROM body_hits
          UNION ALL SELECT id, type, 0, title_similarity FROM near
        ),
        -- A transcript hit counts for the lesson that shows the video (body-only: a transcript is never public).
        lessons AS (
          SELECT COALESCE(l.parent_id, m.id) AS id, max(m.rank_public) AS rank_public, max(m.title_similarity) AS title_similarity,
                 bool_or(m.type = 'video_resource') AS transcript_hit
            FROM matched m
            LEFT JOIN content_links l ON m.type = 'video_resource' AND l.child_id = m.id
           GROUP BY COALESCE(l.parent_id, m.id)
        ),
        shortlist AS (
          SELECT * FROM lessons ORDER BY rank_public + title_similarity DESC LIMIT {{Shortlist}}
        ),
        -- The full rank: the whole document, or half the transcript's when only the video said it.
        ranked AS (
          SELECT r.id, r.type, f.title, f.slug, f.description, f.body, r.{{Column}} AS document, x.rank_public, x.title_similarity, x.transcript_hit,
                 GREATEST(ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::real[], r.{{Column}}, q.tsq),
                          CASE WHEN x.transcript_hit THEN
                            (SELECT max(ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::real[], v.{{Column}}, q.tsq)) * 0.5
                               FROM content_links vl JOIN content_resources v ON v.id = vl.child_id AND v.type = 'video_resource' AND v.deleted_at IS NULL
                              WHERE vl.parent_id = r.id AND v.{{Column}} @@ q.tsq) ELSE 0 END) AS rank_all
            FROM shortlist x JOIN content_resources r ON r.id = x.id CROSS JOIN q
            -- The fields read once (each ->> would fetch and decompress the whole document again).
            CROSS JOIN LATERAL jsonb_to_record(r.fields) AS f(title text, slug text, description text, body text, state text)
           WHERE r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson') AND f.state = 'published'
        ),
        top AS (
          SELECT *, row_number() OVER (ORDER BY rank_all + title_similarity DESC) AS n
            FROM ranked ORDER BY rank_all + title_similarity DESC LIMIT {{Shortlist}}
        )
        SELECT COALESCE(json_agg(json_build_object(
          'id', t.id, 'type', t.type, 'title', t.title, 'slug', t.slug,
          'rankAll', t.rank_all + t.title_similarity, 'rankPublic', t.rank_public + t.title_similarity,
          'publicMatch', (t.rank_public > 0 OR t.title_similarity >= 0.6),
          'publicSnippet', CASE WHEN t.n <= {{WithSnippets}} AND COALESCE(t.description, '') <> ''
                                THEN ts_headline('english', t.description, q.tsq, '{{Options}}') END,
          -- From a window of the body around the first word's first occurrence (the start when not found): a
          -- headline parses all the text it is given, and bodies run to 20 kB.
          'bodySnippet', CASE WHEN t.n <= {{WithSnippets}} AND t.type = 'lesson' AND ts_filter(t.document, '{{"{{c}}"}}') @@ q.tsq
                              THEN ts_headline('english', substr(t.body, GREATEST(1, strpos(lower(t.body), COALESCE(q.word, '')) - {{SnippetWindow / 4}}), {{SnippetWindow}}), q.tsq, '{{Options}}') END,
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


    /// <summary>Up to <see cref="Shortlist"/> candidates, best first by their full rank; the web app filters, re-ranks per viewer and keeps <see cref="Limit"/>.</summary>
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
