namespace Antonio.Data.Search;

/// <summary>
/// Snippets for the results a viewer is shown, made after the access decision, each from the text the web app names
/// (<see cref="SnippetSource"/>): one the viewer may read. A headline parses its text again, so only a page of results
/// gets them.
/// </summary>
public static class SearchSnippets
{
    /// <summary>Snippet delimiters that no HTML or Markdown contains; the web app encodes the text and turns them into &lt;mark&gt;.</summary>
    public const char MarkStart = '\u0002', MarkEnd = '\u0003';

    /// <summary>
    /// How much of a body or transcript (characters) a snippet is looked for in, and how much of it comes before the
    /// query's first word: a headline parses all the text it is given (about 0.2 ms a kilobyte here), bodies run to
    /// 20 kB and transcripts to an hour's talk, and a snippet shows 30 words.
    /// </summary>
    private const int SnippetWindow = 800, WindowBefore = 200;

    // Before Sql: static fields are initialised in order.
    private static readonly string Options = $"StartSel={MarkStart}, StopSel={MarkEnd}, MaxFragments=1, MaxWords=30, MinWords=12";

    private static readonly string Sql = $$"""
        WITH q AS (SELECT websearch_to_tsquery('english', {0}) AS tsq,
                          -- The query's first word, cut to a stem-like prefix: where a body snippet is looked for.
                          left((regexp_match(lower({0}), '[[:alnum:]][[:alnum:]][[:alnum:]]+'))[1], 5) AS word)
        SELECT COALESCE(json_agg(json_build_object('id', a.id, 'source', s.source, 'text', s.text, 'at', s.at) ORDER BY a.n), '[]'::json) AS "Value"
          FROM unnest({1}::uuid[], {2}::text[]) WITH ORDINALITY AS a(id, want, n)
          CROSS JOIN q
          JOIN content_resources r ON r.id = a.id AND r.deleted_at IS NULL
          -- The fields read once (each ->> would fetch and decompress the whole document again).
          CROSS JOIN LATERAL jsonb_to_record(r.fields) AS f(description text, body text)
          -- A transcript's snippet, and when it is said (the first "[m:ss]" line that matches on its own), so the
          -- result opens the video there. (No braces in the pattern: the command is a format string.)
          LEFT JOIN LATERAL (
            SELECT ts_headline('english', w.text, q.tsq, '{{Options}}') AS snippet,
                   (SELECT m[1]::int * 60 + m[2]::int
                      FROM regexp_split_to_table(w.text, E'\n') WITH ORDINALITY AS s(line, i),
                           regexp_match(s.line, '^\[(\d+):([0-5]\d)\]') AS m
                     WHERE m IS NOT NULL AND to_tsvector('english', s.line) @@ q.tsq
                     ORDER BY s.i LIMIT 1) AS at
              FROM content_links vl JOIN content_resources v ON v.id = vl.child_id AND v.type = 'video_resource' AND v.deleted_at IS NULL
             CROSS JOIN LATERAL (SELECT v.fields->>'transcript' AS text) t
             -- The window: from the start of the line the first word is first said in (its cue mark kept), that
             -- line's start looked for at most WindowBefore characters back (how far back the last line break is).
             CROSS JOIN LATERAL (SELECT strpos(lower(t.text), COALESCE(q.word, '')) AS pos) hit
             CROSS JOIN LATERAL (SELECT strpos(reverse(substr(t.text, GREATEST(1, hit.pos - {{WindowBefore}}), LEAST(hit.pos, {{WindowBefore}} + 1))), E'\n') AS back) line
             CROSS JOIN LATERAL (SELECT substr(t.text, GREATEST(1, CASE WHEN line.back > 0 THEN hit.pos + 2 - line.back ELSE hit.pos - {{WindowBefore}} END),
                                               {{SnippetWindow}}) AS text) w
             WHERE a.want = 'transcript' AND vl.parent_id = r.id AND v.{{SearchQuery.Column}} @@ q.tsq
             LIMIT 1
          ) tr ON true
          CROSS JOIN LATERAL (
            SELECT CASE WHEN a.want = 'body' THEN 'body' WHEN tr.snippet IS NOT NULL THEN 'transcript' ELSE 'public' END AS source,
                   CASE WHEN a.want = 'body'
                        -- From a window of the body around the first word's first occurrence (the start when not found).
                        THEN ts_headline('english', substr(f.body, GREATEST(1, strpos(lower(f.body), COALESCE(q.word, '')) - {{WindowBefore}}), {{SnippetWindow}}), q.tsq, '{{Options}}')
                        WHEN tr.snippet IS NOT NULL THEN tr.snippet
                        WHEN COALESCE(f.description, '') <> '' THEN ts_headline('english', f.description, q.tsq, '{{Options}}') END AS text,
                   tr.at
          ) s
        """;

    /// <summary>The snippet of each resource asked for, in the order asked (a resource since deleted is left out).</summary>
    public static async Task<IReadOnlyList<SearchSnippet>> RunAsync(AntonioDbContext db, string query,
        IReadOnlyList<(Guid Id, SnippetSource Source)> wanted, CancellationToken ct = default)
    {
        if (wanted.Count == 0) return [];
        var ids = wanted.Select(w => w.Id).ToArray();
        var sources = wanted.Select(w => w.Source switch { SnippetSource.Body => "body", SnippetSource.Transcript => "transcript", _ => "public" }).ToArray();
        return await QueryJson.ReadPreparedAsync<List<SearchSnippet>>(db, Sql, [query, ids, sources], ct) ?? [];
    }
}

/// <summary>Which text a snippet is made from.</summary>
public enum SnippetSource
{
    /// <summary>The description: a workshop, a lesson the viewer may not read, or one whose body and transcript did not match.</summary>
    Public,
    /// <summary>The body, around the query's first word (a lesson the viewer may read, whose body matched).</summary>
    Body,
    /// <summary>The video's transcript, with when it is said (a lesson the viewer may read, whose transcript matched); the description when none does.</summary>
    Transcript,
}

/// <summary>A snippet (matches between <see cref="SearchSnippets.MarkStart"/> and <see cref="SearchSnippets.MarkEnd"/>) and the text it came from.</summary>
/// <param name="Source">"body", "transcript" or "public".</param>
/// <param name="At">For a transcript: when it is said, in seconds (from its "[m:ss]" cue marks), when a single cue matched.</param>
public sealed record SearchSnippet(Guid Id, string Source, string? Text, int? At);
