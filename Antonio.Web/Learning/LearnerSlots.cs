using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Web.Access;
using Antonio.Web.PageCaching;

namespace Antonio.Web.Learning;

/// <summary>
/// A learner's own progress in a shared page: which lessons are done (a class and a tick in the
/// navigation), the progress summary, the completion form's state. Read once per request from the
/// cached progress of this viewer in this workshop.
/// </summary>
internal sealed class LearnerSlots(WorkshopReader workshops, ProgressService progress) : IViewerSlotSource
{
    public const string Done = "done", Tick = "tick", Summary = "summary", Complete = "complete", CompleteClass = "completeclass", CompleteLabel = "completelabel";

    public IReadOnlyCollection<string> Slots { get; } = [Done, Tick, Summary, Complete, CompleteClass, CompleteLabel];

    public async ValueTask<Func<string, string, string>> PrepareAsync(HttpContext context)
    {
        var workshop = context.GetRouteValue("workshop") is string key ? await workshops.GetAsync(key, context.RequestAborted) : null;
        if (workshop is null || ViewerContext.UserId(context.User) is not { } userId)
            throw new InvalidOperationException("A learner's progress slot on a page that is not a workshop's.");
        var module = await progress.GetAsync(userId, workshop, LessonNavigator.For(workshop), context.RequestAborted);
        var summary = ProgressMarkup.Summary(module, workshop);
        return (slot, argument) =>
        {
            var complete = Guid.TryParseExact(argument, "N", out var lesson) && module.IsComplete(lesson);
            return slot switch
            {
                Done => complete ? ProgressMarkup.DoneClass : "",
                Tick => ProgressMarkup.Tick(complete),
                Summary => summary,
                Complete => ProgressMarkup.CompletePostValue(complete),
                CompleteClass => ProgressMarkup.CompleteButtonClass(complete),
                _ => HtmlEncoder.Default.Encode(ProgressMarkup.CompleteButtonLabel(complete)),
            };
        };
    }
}
