namespace Antonio.Data.Search;

/// <summary>
/// Full-text search over workshops, lessons and transcripts, in PostgreSQL: a weighted <c>tsvector</c> (title A,
/// description B, body C, transcript D) with a GIN index over it (<see cref="Document"/>, the same text in the index
/// and the query), and <c>pg_trgm</c>'s word similarity on titles (<c>&lt;%</c>, threshold 0.6, a trigram GIN index)
/// for near misses such as "typscript". This command finds and ranks the candidates; every candidate says, apart,
/// whether its public part (title, description) matched and how it ranks on that part alone: whoever may not read a
/// lesson gets neither a result that only its body explains nor a snippet of it (<c>SiteSearch</c> in the web app
/// decides, and asks <see cref="SearchSnippets"/> for the page it shows).
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
    public const int Shortlist = 50;

    /// <summary>Fewer title or description matches than this, and near-miss titles are looked for too.</summary>
    public const int NearMissesBelow = 10;

    /// <summary>
    /// The candidates: which resources matched and how well, nothing of their text. Snippets are made afterwards
    /// for the page of results a viewer is shown (<see cref="SearchSnippets"/>): a headline parses its text again,
    /// and the access decision between the two steps says which text each viewer may be shown one from.
    /// </summary>
    private static readonly string Sql = $$"""
        WITH q AS (SELECT websearch_to_tsquery('english', {0}) AS tsq, lower({0}) AS raw),
        -- Title and description matches (the small GIN index over the in-row public vector), best first.
        public_hits AS (
          SELECT r.id, r.type, ts_rank(ARRAY[0, 0, 0.4, 1.0]::real[], r.{{PublicColumn}}, q.tsq) AS rank_public
            FROM content_resources r, q
           WHERE r.{{PublicColumn}} @@ q.tsq AND r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson')
           ORDER BY rank_public DESC LIMIT {{Shortlist}}
        ),
        -- Matches in a body or transcript only (the document's GIN index): the first the index yields. A word found in
        -- thousands of bodies is not ranked over all of them — that read every document from TOAST (hundreds of ms).
        -- Looked for only when the titles and descriptions left room on the shortlist: a body-only match ranks 0 there,
        -- under every one of them (and the index's bitmap of a common word's thousands of documents is its own cost).
        body_hits AS (
          SELECT r.id, r.type
            FROM content_resources r, q
           WHERE r.{{Column}} @@ q.tsq AND r.deleted_at IS NULL AND r.type IN ('lesson', 'video_resource')
             AND NOT (r.type = 'lesson' AND r.{{PublicColumn}} @@ q.tsq)
             AND (SELECT count(*) FROM public_hits) < {{Shortlist}}
           LIMIT {{Shortlist}}
        ),
        -- Near-miss titles (the trigram index): "typscript" — looked for only when the words as typed matched few titles
        -- or descriptions (the trigram scan costs more than the rest together for a multi-word query).
        near AS (
          SELECT r.id, r.type, word_similarity(q.raw, r.{{TitleColumn}}) AS title_similarity
            FROM content_resources r, q
           WHERE r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson') AND q.raw <% r.{{TitleColumn}}
             AND (SELECT count(*) FROM public_hits) < {{NearMissesBelow}}
           LIMIT {{Shortlist}}
        ),
        matched AS (
          SELECT id, type, rank_public, 0::real AS title_similarity FROM public_hits
          UNION ALL SELECT id, type, 0, 0 FROM body_hits
          UNION ALL SELECT id, type, 0, title_similarity FROM near
        ),
        -- A transcript hit counts for the lesson that shows the video (body-only: a transcript is never public), found
        -- by the links' child index rather than by hashing every link. (Materialised, as is the rank below: inlined, each
        -- expression would be computed again for every place it is used.)
        lessons AS MATERIALIZED (
          SELECT id, max(rank_public) AS rank_public, max(title_similarity) AS title_similarity, bool_or(transcript) AS transcript_hit
            FROM (SELECT CASE WHEN m.type = 'video_resource'
                              THEN (SELECT l.parent_id FROM content_links l WHERE l.child_id = m.id ORDER BY l.parent_id LIMIT 1)
                              ELSE m.id END AS id,
                         m.rank_public, m.title_similarity, m.type = 'video_resource' AS transcript
                    FROM matched m) x
           WHERE id IS NOT NULL
           GROUP BY id
        ),
        shortlist AS (
          SELECT * FROM lessons ORDER BY rank_public + title_similarity DESC LIMIT {{Shortlist}}
        ),
        -- The full rank: the whole document, or half the transcript's when only the video said it.
        ranked AS MATERIALIZED (
          SELECT r.id, r.type, r.created_at, x.rank_public, x.title_similarity, x.transcript_hit,
                 -- The body alone says it (else a reader is shown the transcript's passage, or the description).
                 r.type = 'lesson' AND ts_filter(r.{{Column}}, '{{"{{c}}"}}') @@ q.tsq AS body_match,
                 GREATEST(ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::real[], r.{{Column}}, q.tsq),
                          CASE WHEN x.transcript_hit THEN
                            (SELECT max(ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::real[], v.{{Column}}, q.tsq)) * 0.5
                               FROM content_links vl JOIN content_resources v ON v.id = vl.child_id AND v.type = 'video_resource' AND v.deleted_at IS NULL
                              WHERE vl.parent_id = r.id AND v.{{Column}} @@ q.tsq) ELSE 0 END) AS rank_all
            FROM shortlist x JOIN content_resources r ON r.id = x.id CROSS JOIN q
           WHERE r.deleted_at IS NULL AND r.type IN ('workshop', 'lesson')
        )
        SELECT COALESCE(json_agg(json_build_object(
          'id', t.id, 'type', t.type,
          'rankAll', t.rank_all + t.title_similarity, 'rankPublic', t.rank_public + t.title_similarity,
          'publicMatch', (t.rank_public > 0 OR t.title_similarity >= 0.6), 'bodyMatch', t.body_match,
          'transcriptMatch', t.transcript_hit, 'created', t.created_at,
          -- The workshops that hold it, directly or through a section (workshops are the roots of the tree): the web app
          -- keeps those it may list.
          'workshops', CASE WHEN t.type = 'workshop' THEN ARRAY[t.id] ELSE ARRAY(
              SELECT COALESCE(b.parent_id, a.parent_id) FROM content_links a LEFT JOIN content_links b ON b.child_id = a.parent_id
               WHERE a.child_id = t.id) END
        ) ORDER BY t.rank_all + t.title_similarity DESC), '[]'::json) AS "Value"
          FROM ranked t
        """;

    /// <summary>
    /// Up to <see cref="Shortlist"/> candidates, best first by their full rank; the web app filters and re-ranks them per
    /// viewer. Prepared: its plan is made once per connection.
    /// </summary>
    public static async Task<IReadOnlyList<SearchCandidate>> RunAsync(AntonioDbContext db, string query, CancellationToken ct = default) =>
        await QueryJson.ReadPreparedAsync<List<SearchCandidate>>(db, Sql, [query], ct) ?? [];
}

/// <summary>One resource that matched, before any access decision.</summary>
public sealed record SearchCandidate
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public double RankAll { get; init; }
    public double RankPublic { get; init; }
    /// <summary>The title or description matched (or the title nearly did): the result may show whoever may see the lesson exists.</summary>
    public bool PublicMatch { get; init; }
    /// <summary>Its body alone matched (for viewers who may read the lesson only).</summary>
    public bool BodyMatch { get; init; }
    /// <summary>Its video's transcript matched (for viewers who may read the lesson only).</summary>
    public bool TranscriptMatch { get; init; }
    public DateTimeOffset Created { get; init; }
    /// <summary>The workshops that contain it (itself, for a workshop).</summary>
    public IReadOnlyList<Guid> Workshops { get; init; } = [];
}
