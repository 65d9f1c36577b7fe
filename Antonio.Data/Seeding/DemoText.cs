using System.Text;

namespace Antonio.Data.Seeding;

/// <summary>Deterministic, realistic-looking lesson Markdown (headings, prose, lists, code) and transcripts.</summary>
internal sealed class DemoText(Random rng)
{
    internal static readonly string[] Topics =
    [
        "TypeScript", "React Server Components", "PostgreSQL", "Redis", "Blazor", "Testing", "Accessibility",
        "Web Performance", "Distributed Systems", "Rust", "GraphQL", "Kubernetes", "Observability", "Security",
        "Design Systems", "Node.js", "CSS Layout", "Data Modelling", "Caching", "Event Sourcing",
    ];

    private static readonly string[] Nouns =
    [
        "type", "function", "query", "index", "cache", "component", "request", "response", "module", "schema",
        "transaction", "stream", "promise", "renderer", "selector", "benchmark", "invariant", "boundary",
    ];

    private static readonly string[] Verbs =
    [
        "narrows", "composes", "invalidates", "renders", "validates", "streams", "measures", "infers",
        "guards", "serialises", "batches", "memoises", "isolates", "reconciles",
    ];

    private static readonly string[] Adjectives =
    [
        "generic", "cold", "warm", "stale", "immutable", "deterministic", "lazy", "eager", "nullable",
        "concurrent", "idempotent", "pure", "hot", "partial",
    ];

    private static readonly (string Lang, string Code)[] Snippets =
    [
        ("ts", "export function assertNever(value: never): never {\n  throw new Error(`Unexpected: ${JSON.stringify(value)}`);\n}\n\ntype Shape = { kind: 'circle'; r: number } | { kind: 'square'; size: number };\n\nexport function area(shape: Shape): number {\n  switch (shape.kind) {\n    case 'circle': return Math.PI * shape.r ** 2;\n    case 'square': return shape.size ** 2;\n    default: return assertNever(shape);\n  }\n}"),
        ("csharp", "public sealed record Quote(long UnitCents, int Quantity)\n{\n    public long FullCents => UnitCents * Quantity;\n}\n\nvar quote = new Quote(19_900, 3);\nConsole.WriteLine($\"{quote.FullCents / 100m:C}\");"),
        ("sql", "SELECT w.id, w.fields->>'title' AS title\n  FROM content_resources w\n WHERE w.type = 'workshop'\n   AND (w.fields->>'state') = 'published'\n ORDER BY w.created_at DESC\n LIMIT 20;"),
        ("js", "const observer = new PerformanceObserver((list) => {\n  for (const entry of list.getEntries()) {\n    console.log(entry.name, Math.round(entry.startTime));\n  }\n});\nobserver.observe({ type: 'largest-contentful-paint', buffered: true });"),
        ("bash", "docker compose up -d postgres redis\npsql \"$DATABASE_URL\" -c 'EXPLAIN ANALYZE SELECT 1'\nredis-cli --latency"),
        ("rust", "fn parse(input: &str) -> Result<u32, std::num::ParseIntError> {\n    input.trim().parse::<u32>()\n}\n\nfn main() {\n    match parse(\" 42 \") {\n        Ok(n) => println!(\"{n}\"),\n        Err(e) => eprintln!(\"{e}\"),\n    }\n}"),
    ];

    public string Pick(string[] words) => words[rng.Next(words.Length)];

    /// <summary>A lesson or section title, in plain English: "Lazy schemas that validate boundaries".</summary>
    public string Title()
    {
        var (adjective, subject, verb, target) = (Pick(Adjectives), Pick(Nouns), Pick(Verbs), Pick(Nouns));
        return $"{Cap(adjective)} {Plural(subject)} that {PluralVerb(verb)} {Plural(target)}";
    }

    /// <summary>
    /// What the catalogue says of a generated workshop, written for its topic as a person would: the topic's written
    /// workshop's own description (Seeding/Written), else one of these.
    /// </summary>
    public static string WorkshopDescription(int topic) =>
        WrittenWorkshop.All.TryGetValue(topic, out var written) ? written.Description
        : TopicDescriptions.TryGetValue(Topics[topic], out var text) ? text
        : throw new ArgumentOutOfRangeException(nameof(topic), Topics[topic], "every topic has its description");

    private static readonly Dictionary<string, string> TopicDescriptions = new()
    {
        ["Security"] = "Think like an attacker: injection, broken access control, secrets and the defences that work in practice.",
        ["Design Systems"] = "Tokens, components and documentation that keep a product consistent as the team grows.",
        ["Node.js"] = "The event loop, streams and back-pressure: Node.js services that stay responsive under load.",
        ["CSS Layout"] = "Flexbox, grid and intrinsic sizing: layouts that adapt to any screen without a pile of media queries.",
        ["Data Modelling"] = "Model the domain before the tables: keys, constraints and relations that keep data correct for years.",
        ["Caching"] = "Make it fast without serving stale data: cache keys, invalidation, stampedes and layered caches.",
        ["Event Sourcing"] = "Store what happened, not just where you ended up: events, projections and replays in a real system.",
    };

    public string Sentence()
    {
        var sb = new StringBuilder();
        sb.Append(Cap($"the {Pick(Adjectives)} {Pick(Nouns)} {Pick(Verbs)} every {Pick(Nouns)}"));
        if (rng.Next(3) == 0) sb.Append(", so the ").Append(Pick(Nouns)).Append(" stays ").Append(Pick(Adjectives));
        if (rng.Next(4) == 0) sb.Append(" when a `").Append(Pick(Nouns)).Append("` is ").Append(Pick(Adjectives));
        sb.Append('.');
        return sb.ToString();
    }

    public string Paragraph(int sentences = 0)
    {
        var n = sentences > 0 ? sentences : 3 + rng.Next(5);
        return string.Join(' ', Enumerable.Range(0, n).Select(_ => Sentence()));
    }

    public string Description() => Paragraph(2);

    /// <summary>A Markdown body of roughly <paramref name="targetBytes"/>.</summary>
    public string MarkdownBody(string title, int targetBytes)
    {
        var sb = new StringBuilder();
        sb.Append("In this lesson: ").Append(title.ToLowerInvariant()).Append(". ").AppendLine(Paragraph()).AppendLine();
        var section = 1;
        while (sb.Length < targetBytes)
        {
            sb.Append("## ").Append(section++).Append(". ").AppendLine(Title()).AppendLine();
            sb.AppendLine(Paragraph()).AppendLine();
            switch (rng.Next(4))
            {
                case 0:
                    for (var i = 0; i < 3 + rng.Next(3); i++) sb.Append("- ").AppendLine(Sentence());
                    sb.AppendLine();
                    break;
                case 1:
                    var (lang, code) = Snippets[rng.Next(Snippets.Length)];
                    sb.Append("```").AppendLine(lang).AppendLine(code).AppendLine("```").AppendLine();
                    break;
                case 2:
                    sb.AppendLine("| Approach | Queries | p95 |").AppendLine("|---|---:|---:|");
                    sb.Append("| naive | ").Append(10 + rng.Next(20)).Append(" | ").Append(400 + rng.Next(600)).AppendLine(" ms |");
                    sb.Append("| cached | 0 | ").Append(1 + rng.Next(9)).AppendLine(" ms |").AppendLine();
                    break;
                default:
                    sb.Append("> **Tip:** ").AppendLine(Sentence()).AppendLine();
                    break;
            }
        }
        return sb.ToString();
    }

    public string Transcript(int targetBytes)
    {
        var sb = new StringBuilder();
        var t = 0;
        while (sb.Length < targetBytes)
        {
            sb.Append('[').Append(t / 60).Append(':').Append((t % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append("] ").AppendLine(Paragraph(2));
            t += 15 + rng.Next(30);
        }
        return sb.ToString();
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Plural(string noun) =>
        noun.EndsWith('y') ? noun[..^1] + "ies" : noun.EndsWith('x') || noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es" : noun + "s";

    /// <summary>The verb for a plural subject: "validates" → "validate", "batches" → "batch".</summary>
    private static string PluralVerb(string verb) => verb.EndsWith("ches", StringComparison.Ordinal) ? verb[..^2] : verb[..^1];
}
