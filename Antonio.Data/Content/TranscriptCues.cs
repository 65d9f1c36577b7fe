using System.Globalization;
using System.Text.RegularExpressions;

namespace Antonio.Data.Content;

/// <summary>One timed passage of a transcript: said from <see cref="Seconds"/> (null: the transcript has no timings).</summary>
public sealed record TranscriptCue(int? Seconds, string Text)
{
    /// <summary>"1:05", "1:02:03".</summary>
    public string? Clock => Seconds is { } s
        ? s >= 3600 ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}")
        : null;
}

/// <summary>
/// A transcript's timings: a line that starts with "[m:ss]" is said from then (the editor's and the demo's
/// format; search reads the same marks in SQL, <c>SearchQuery</c>). A transcript without marks is one untimed
/// passage per line.
/// </summary>
public static partial class TranscriptCues
{
    /// <summary>A cue mark, "[m:ss]" (minutes, then seconds): the one pattern parsing and snippet cleaning share.</summary>
    public const string MarkPattern = @"\[(\d{1,4}):([0-5]\d)\]";

    public static IReadOnlyList<TranscriptCue> Parse(string? transcript)
    {
        if (string.IsNullOrWhiteSpace(transcript)) return [];
        var cues = new List<TranscriptCue>();
        foreach (var raw in transcript.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var mark = Mark().Match(line);
            cues.Add(mark.Success
                ? new TranscriptCue(int.Parse(mark.Groups[1].ValueSpan, CultureInfo.InvariantCulture) * 60 + int.Parse(mark.Groups[2].ValueSpan, CultureInfo.InvariantCulture), line[mark.Length..].Trim())
                : new TranscriptCue(null, line));
        }
        return cues;
    }

    [GeneratedRegex("^" + MarkPattern)]
    private static partial Regex Mark();
}
