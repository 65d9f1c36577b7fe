using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Antonio.Data.Content;

namespace Antonio.Web.Learning;

/// <summary>
/// A lesson's transcript as WebVTT captions. A transcript timed with "[m:ss]" marks (<see cref="TranscriptCues"/>)
/// gives each passage the time from its mark to the next one (the last runs to the video's end); an untimed one
/// shares the video's length among its sentences by their length (speech runs at a roughly even number of
/// characters a second). Within a passage, the time is shared the same way among cues of at most two short lines.
/// The marks themselves are never shown.
/// </summary>
public static partial class CaptionTrack
{
    /// <summary>Two caption lines of about 42 characters, the usual subtitle width.</summary>
    private const int MaxCueLength = 84;

    /// <summary>Used when the video's length is unknown.</summary>
    private const double SecondsPerCharacter = 1 / 15.0;

    public static string ToWebVtt(string transcript, int? durationSeconds)
    {
        var passages = TranscriptCues.Parse(transcript);
        var vtt = new StringBuilder("WEBVTT\n");
        if (passages.Count > 0 && passages.All(p => p.Seconds is not null))
        {
            for (var i = 0; i < passages.Count; i++)
            {
                var cues = Cues(passages[i].Text);
                double start = passages[i].Seconds!.Value;
                var end = i + 1 < passages.Count ? passages[i + 1].Seconds!.Value
                    : Math.Max(start + 1, durationSeconds ?? start + cues.Sum(c => c.Length) * SecondsPerCharacter);
                Append(vtt, cues, start, Math.Max(start, end));
            }
            return vtt.ToString();
        }
        var all = passages.SelectMany(p => Cues(p.Text)).ToList();
        var total = durationSeconds is > 0 ? durationSeconds.Value : Math.Max(1, all.Sum(c => c.Length)) * SecondsPerCharacter;
        Append(vtt, all, 0, total);
        return vtt.ToString();
    }

    /// <summary>The cues said between <paramref name="from"/> and <paramref name="to"/>, each given time by its length.</summary>
    private static void Append(StringBuilder vtt, List<string> cues, double from, double to)
    {
        var characters = Math.Max(1, cues.Sum(c => c.Length));
        var start = from;
        foreach (var cue in cues)
        {
            var end = start + (to - from) * cue.Length / characters;
            vtt.Append('\n').Append(Time(start)).Append(" --> ").Append(Time(end)).Append('\n').Append(Escape(cue)).Append('\n');
            start = end;
        }
    }

    private static List<string> Cues(string transcript)
    {
        var cues = new List<string>();
        foreach (Match sentence in Sentence().Matches(transcript))
        {
            var line = new StringBuilder();
            foreach (var word in sentence.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > MaxCueLength)
                {
                    cues.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) cues.Add(line.ToString());
        }
        return cues;
    }

    private static string Time(double seconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");
    }

    /// <summary>Cue text is markup in WebVTT: &amp;, &lt; and &gt; are escaped, so a transcript can never add a tag.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A sentence: up to its end mark (or the end of a line).</summary>
    [GeneratedRegex(@"[^.!?\r\n]+(?:[.!?]+|$)", RegexOptions.Multiline)]
    private static partial Regex Sentence();
}
