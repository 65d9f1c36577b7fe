using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// One row of the access matrix: for every lesson of a workshop, the lesson's body text, playback id, stream URL,
/// transcript and caption track appear for the viewer if and only if <paramref name="open"/> says they may read it
/// ("all", "free" or "standard"). The seeded situations (Integration/AccessMatrixTests) and the ones a test brings
/// about (a team refunded after its seats were handed out) are checked the same way.
/// </summary>
public static class AccessMatrix
{
    public static async Task CheckAsync(TestApp app, TestDatabase database, string? email, int workshopIndex, string? country, string open)
    {
        using var user = email is null ? new WebUser(app) : await WebUser.SignedInAsync(app, email);
        var workshop = await SeededData.WorkshopAsync(database, workshopIndex);
        var navigator = new LessonNavigator(workshop);
        await using var db = database.CreateContext();
        var headers = country is null ? null : new Dictionary<string, string> { ["CF-IPCountry"] = country };
        var checkedOpen = 0;
        var checkedClosed = 0;
        foreach (var position in navigator.Lessons)
        {
            var expected = open switch
            {
                "all" => true,
                "standard" => Antonio.Web.Access.AccessRules.IsFreeTier(position.Lesson, position.Section) || position.Lesson.Tier == "standard",
                _ => Antonio.Web.Access.AccessRules.IsFreeTier(position.Lesson, position.Section),
            };
            var content = (await LessonContentQuery.LoadAsync(db, position.Lesson.Id))!;
            var page = await user.GetAsync($"/workshops/{workshop.Slug}/{position.Lesson.Slug}", headers);
            Assert.Equal(200, page.Status);
            var heading = ">" + content.Body!.Split('\n').First(l => l.StartsWith("## ", StringComparison.Ordinal))[3..].Trim() + "</h2>";
            // The transcript as the page shows it: its first passage, without the "[m:ss]" mark (that is a link).
            var said = Antonio.Data.Content.TranscriptCues.Parse(content.Video!.Transcript)[0].Text;
            var transcript = HtmlEncoder.Default.Encode(said[..Math.Min(40, said.Length)]);
            var captionsPath = $"/workshops/{workshop.Slug}/{position.Lesson.Slug}/captions.vtt";
            // The caption track is the transcript again: decided exactly as the body is.
            var captions = await user.GetAsync(captionsPath, headers);
            var firstWords = string.Join(' ', said.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
            if (expected)
            {
                checkedOpen++;
                Assert.Contains(heading, page.Body);
                Assert.Contains(transcript, page.Body);
                Assert.Equal(200, captions.Status);
                Assert.StartsWith("WEBVTT", captions.Body, StringComparison.Ordinal);
                Assert.Contains(firstWords, captions.Body);
                if (content.Video.IsReady)
                {
                    Assert.Contains($"/media/{content.Video.PlaybackId!}/index.m3u8", page.Body);
                    Assert.Contains(captionsPath, page.Body);
                }
            }
            else
            {
                checkedClosed++;
                Assert.DoesNotContain(heading, page.Body);
                Assert.DoesNotContain(transcript, page.Body);
                Assert.DoesNotContain(content.Video.PlaybackId!, page.Body);
                Assert.DoesNotContain("captions.vtt", page.Body);
                Assert.DoesNotContain(".m3u8", page.Body);
                Assert.Contains("class=\"paywall\"", page.Body);
                Assert.Equal(404, captions.Status);
                Assert.DoesNotContain(firstWords, captions.Body);
            }
        }
        Assert.True(checkedOpen > 0, "every situation opens at least the free lessons");
        if (open != "all") Assert.True(checkedClosed > 0);
    }
}
