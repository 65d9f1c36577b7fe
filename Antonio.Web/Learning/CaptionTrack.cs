using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Antonio.Web.Learning;

/// <summary>
/// A lesson's transcript as WebVTT captions. Transcripts carry no timings, so the video's length is shared
/// among the sentences by their length (speech runs at a roughly even number of characters a second); a
/// long sentence is cut into cues of at most two short lines. Good enough to follow along, and it becomes
/// exact the day transcripts come with timings.
/// </summary>
public static partial class CaptionTrack
{
    /// <summary>Two caption lines of about 42 characters, the usual subtitle width.</summary>
    private const int MaxCueLength = 84;

    /// <summary>Used when the video's length is unknown.</summary>
    private const double SecondsPerCharacter = 1 / 15.0;

    public static string ToWebVtt(string transcript, int? durationSeconds)
    {
        var cues = Cues(transcript);
        var characters = Math.Max(1, cues.Sum(c => c.Length));
        var total = durationSeconds is > 0 ? durationSeconds.Value : characters * SecondsPerCharacter;
        var vtt = new StringBuilder("WEBVTT\n");
        var start = 0.0;
        foreach (var cue in cues)
        {
            var end = start + total * cue.Length / characters;
            vtt.Append('\n').Append(Time(start)).Append(" --> ").Append(Time(end)).Append('\n').Append(Escape(cue)).Append('\n');
            start = end;
        }
        return vtt.ToString();
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
