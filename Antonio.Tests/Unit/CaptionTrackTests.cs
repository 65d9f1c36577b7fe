using System.Globalization;
using System.Text.RegularExpressions;
using Antonio.Web.Learning;

namespace Antonio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed partial class CaptionTrackTests
{
    [GeneratedRegex(@"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$", RegexOptions.Multiline)]
    private static partial Regex Cue();

    private static double Seconds(Match m, int at) =>
        int.Parse(m.Groups[at].Value, CultureInfo.InvariantCulture) * 3600 + int.Parse(m.Groups[at + 1].Value, CultureInfo.InvariantCulture) * 60
        + int.Parse(m.Groups[at + 2].Value, CultureInfo.InvariantCulture) + int.Parse(m.Groups[at + 3].Value, CultureInfo.InvariantCulture) / 1000.0;

    [Fact]
    public void Sentences_share_the_video_length_in_order_without_gaps()
    {
        var vtt = CaptionTrack.ToWebVtt("First sentence here. A second, longer sentence follows it! Third?\nA last line without a stop", 90);

        Assert.StartsWith("WEBVTT\n", vtt, StringComparison.Ordinal);
        var cues = Cue().Matches(vtt);
        Assert.Equal(4, cues.Count);
        Assert.Equal(0, Seconds(cues[0], 1));
        for (var i = 1; i < cues.Count; i++) Assert.Equal(Seconds(cues[i - 1], 5), Seconds(cues[i], 1));
        Assert.Equal(90, Seconds(cues[^1], 5), 2);
        Assert.Contains("A second, longer sentence follows it!", vtt);
        Assert.Contains("A last line without a stop", vtt);
    }

    [Fact]
    public void Long_sentences_become_cues_of_two_short_lines_at_most()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 60)) + ".";
        var vtt = CaptionTrack.ToWebVtt(sentence, null);
        var texts = vtt.Split('\n').Where(l => l.StartsWith("word", StringComparison.Ordinal)).ToList();
        Assert.True(texts.Count >= 3);
        Assert.All(texts, t => Assert.InRange(t.Length, 1, 84));
        Assert.Equal(60, texts.Sum(t => t.Split(' ').Length));
    }

    [Fact]
    public void A_transcript_can_never_add_markup_or_a_cue_of_its_own()
    {
        var vtt = CaptionTrack.ToWebVtt("Say <script>alert(1)</script> & <b>bold</b>. Then 00:00:01.000 --> 00:00:02.000 fake.", 10);
        Assert.DoesNotContain("<", vtt.Replace("WEBVTT", "", StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;", vtt);
        Assert.Contains("&amp;", vtt);
        // The fake timing stays text: every line with an arrow is one of ours.
        Assert.Contains("--&gt;", vtt);
        Assert.All(vtt.Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal)), l => Assert.Matches(Cue(), l));
    }

    [Fact]
    public void A_timed_transcript_keeps_its_times_and_never_shows_its_marks()
    {
        var vtt = CaptionTrack.ToWebVtt("[0:00] Hello there. Welcome back.\n[0:41] Now the plan.\n[1:05] That mismatch is the real bug.", 120);

        var cues = Cue().Matches(vtt);
        Assert.Equal(4, cues.Count);
        Assert.Equal(0, Seconds(cues[0], 1));
        Assert.Equal(41, Seconds(cues[1], 5), 2); // the first passage's two sentences share 0:00–0:41
        Assert.Equal(41, Seconds(cues[2], 1));
        Assert.Equal(65, Seconds(cues[2], 5));
        Assert.Equal(65, Seconds(cues[3], 1));
        Assert.Equal(120, Seconds(cues[3], 5)); // the last runs to the video's end
        Assert.DoesNotContain("[0:", vtt);
        Assert.Contains("Now the plan.", vtt);
    }
}
