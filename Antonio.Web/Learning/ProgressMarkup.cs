using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Web.Content;

namespace Antonio.Web.Learning;

/// <summary>
/// The markup of a learner's progress, in one place: the components render it, and the filled shared
/// templates (<see cref="LearnerSlots"/>) write exactly the same.
/// </summary>
public static class ProgressMarkup
{
    /// <summary>
    /// A lesson's class in the navigation: "done" or "todo", both four bytes, so a shared template's slot
    /// for it has a fixed width and the navigation around it compresses as one text (<see cref="PageCaching.GzipSegments"/>).
    /// The tick is always in the markup and shown by the class (app.css), so it needs no slot of its own.
    /// </summary>
    public static string LessonClass(bool done) => done ? "done" : "todo";

    public const string Tick = "<span class=\"done-mark\" aria-label=\"completed\">✓</span>";

    /// <summary>What the completion form posts: the opposite of the lesson's state.</summary>
    public static string CompletePostValue(bool complete) => complete ? "false" : "true";

    public static string CompleteButtonClass(bool complete) => complete ? "secondary" : "";

    public static string CompleteButtonLabel(bool complete) => complete ? "Completed ✓ — mark as not done" : "Mark lesson complete";

    /// <summary>Completed count, percent, and the next lesson to take (or the end).</summary>
    public static string Summary(WorkshopProgress progress, WorkshopData workshop)
    {
        var e = HtmlEncoder.Default;
        var html = $"<section class=\"progress-summary\" aria-label=\"Your progress\"><p><strong>{progress.CompletedCount} of {progress.Total}</strong> lessons complete ({progress.Percent}%)</p>"
                   + $"<progress max=\"100\" value=\"{progress.Percent}\" aria-label=\"{progress.Percent}% complete\">{progress.Percent}%</progress>";
        if (progress.NextLesson is { } next)
            html += $"<p><a href=\"{e.Encode(WorkshopLinks.Lesson(workshop, next))}\">{(progress.CompletedCount == 0 ? "Start" : "Continue")} with “{e.Encode(next.Title)}”</a></p>";
        else if (progress.Total > 0)
            html += "<p>You've completed every lesson. 🎉 Your certificate is on <a href=\"/dashboard\">your dashboard</a>.</p>";
        return html + "</section>";
    }
}
