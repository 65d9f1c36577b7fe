using System.Reflection;
using System.Text;

namespace Antonio.Data.Seeding;

/// <summary>
/// A workshop written by a person (Seeding/Written/NN-name.md, NN = its index in the demo catalogue), so the
/// reader, search relevance and snippets can be judged on real prose, and the demo reads as a person wrote it
/// wherever a visitor looks first. A lesson may be outlined (its title and description only: the rest is generated
/// text, for length), except the first. The file's shape:
/// <code>
/// description: one line
/// --- body
/// Markdown about the workshop
/// === section: Section title
/// === lesson: Lesson title
/// description: one line
/// --- body
/// Markdown (headings, prose, code)
/// --- transcript
/// [0:00] what is said
/// --- solution
/// Markdown (optional)
/// </code>
/// </summary>
internal sealed record WrittenWorkshop(string Description, string Body, IReadOnlyList<WrittenSection> Sections)
{
    private const string Prefix = "Antonio.Data.Seeding.Written.";
    /// <summary>The lines after a workshop or lesson header, before its first "--- part".</summary>
    private const string Header = "header";

    /// <summary>Every written workshop shipped with the seeder, by catalogue index.</summary>
    public static IReadOnlyDictionary<int, WrittenWorkshop> All { get; } = Load();

    private static Dictionary<int, WrittenWorkshop> Load()
    {
        var assembly = typeof(WrittenWorkshop).Assembly;
        var all = new Dictionary<int, WrittenWorkshop>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var index = int.Parse(name.AsSpan(Prefix.Length, 2), System.Globalization.CultureInfo.InvariantCulture);
            // NN-topic.md: the file is the workshop of its index, whose title names the topic.
            var topic = name[(Prefix.Length + 3)..^".md".Length];
            if (topic != DemoDataBuilder.Slugify(DemoCatalogue.Topic(index)))
                throw new InvalidDataException($"{name}: workshop {index} is {DemoCatalogue.WorkshopTitle(index)}, not '{topic}'");
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!, Encoding.UTF8);
            all[index] = Parse(reader.ReadToEnd(), name);
        }
        return all;
    }

    internal static WrittenWorkshop Parse(string text, string source)
    {
        var sections = new List<WrittenSection>();
        string description = "", field = Header;
        var workshopBody = new StringBuilder();
        WrittenLesson? lesson = null;
        var parts = new Dictionary<string, StringBuilder>();

        void CloseLesson()
        {
            if (lesson is null) return;
            if ((Part("body") is null) != (Part("transcript") is null) || (Part("body") is null && parts.ContainsKey("solution")))
                throw new InvalidDataException($"{source}: lesson '{lesson.Title}' has a body and a transcript (and perhaps a solution), or none of them");
            sections[^1].Lessons.Add(lesson with
            {
                Body = Part("body"),
                Transcript = Part("transcript"),
                Solution = parts.TryGetValue("solution", out var s) ? s.ToString().Trim() + "\n" : null,
            });
            lesson = null;
            parts.Clear();
        }
        string? Part(string name) => parts.TryGetValue(name, out var sb) && sb.ToString().Trim().Length > 0 ? sb.ToString().Trim() + "\n" : null;

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("=== section: ", StringComparison.Ordinal))
            {
                CloseLesson();
                sections.Add(new WrittenSection(line["=== section: ".Length..].Trim(), []));
            }
            else if (line.StartsWith("=== lesson: ", StringComparison.Ordinal))
            {
                CloseLesson();
                if (sections.Count == 0) throw new InvalidDataException($"{source}: a lesson before any section");
                lesson = new WrittenLesson(line["=== lesson: ".Length..].Trim(), "", null, null, null);
                field = Header;
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
                field = line[4..].Trim();
            else if (field == Header)
            {
                if (!line.StartsWith("description: ", StringComparison.Ordinal)) continue;
                if (lesson is null) description = line["description: ".Length..].Trim();
                else lesson = lesson with { Description = line["description: ".Length..].Trim() };
            }
            else if (lesson is null && sections.Count == 0)
                workshopBody.AppendLine(line);
            else if (lesson is not null)
                (parts.TryGetValue(field, out var sb) ? sb : parts[field] = new StringBuilder()).AppendLine(line);
        }
        CloseLesson();
        if (description.Length == 0 || sections.Count == 0 || sections.Any(s => s.Lessons.Count == 0) || sections.SelectMany(s => s.Lessons).Any(l => l.Description.Length == 0))
            throw new InvalidDataException($"{source}: needs a description and sections with lessons, each lesson with its description");
        if (sections[0].Lessons[0].Body is null)
            throw new InvalidDataException($"{source}: the first lesson is what a visitor reads first: it needs its body and transcript");
        return new WrittenWorkshop(description, workshopBody.ToString().Trim() + "\n", sections);
    }
}

internal sealed record WrittenSection(string Title, List<WrittenLesson> Lessons);

/// <summary>A lesson as a person wrote it; an outlined one (title and description only) gets generated text for the rest.</summary>
internal sealed record WrittenLesson(string Title, string Description, string? Body, string? Transcript, string? Solution)
{
    /// <summary>Where the transcript's last cue starts: the video is a little longer than that.</summary>
    public int TranscriptSeconds => Content.TranscriptCues.Parse(Transcript ?? "").Select(c => c.Seconds ?? 0).DefaultIfEmpty().Max();
}
