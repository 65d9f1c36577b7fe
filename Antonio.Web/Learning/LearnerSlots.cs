using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Web.Access;
using Antonio.Web.PageCaching;

namespace Antonio.Web.Learning;

/// <summary>
/// A learner's own progress in a shared page: which lessons are done (a class in the navigation, of fixed width), the progress summary, the completion form's state, where their player resumes. Read once per request from the
/// cached progress of this viewer in this workshop; the markup is <see cref="ProgressMarkup"/>'s,
/// encoded once (the two states of each small value, and each cached progress's summary).
/// </summary>
internal sealed class LearnerSlots(WorkshopReader workshops, ProgressService progress) : IViewerSlotSource
{
    public const string Done = "done", Summary = "summary", Complete = "complete", CompleteClass = "completeclass", CompleteLabel = "completelabel", Start = "start";

    public IReadOnlyCollection<string> Slots { get; } = [Done, Summary, Complete, CompleteClass, CompleteLabel, Start];

    /// <summary>[slot][0 = not complete, 1 = complete] for every slot but the summary.</summary>
    private static readonly Dictionary<string, byte[][]> ByState = new(StringComparer.Ordinal)
    {
        [Done] = Both(ProgressMarkup.LessonClass),
        [Complete] = Both(ProgressMarkup.CompletePostValue),
        [CompleteClass] = Both(ProgressMarkup.CompleteButtonClass),
        [CompleteLabel] = Both(c => HtmlEncoder.Default.Encode(ProgressMarkup.CompleteButtonLabel(c))),
    };

    /// <summary>The summary of a cached progress (which belongs to one workshop instance: see <see cref="WorkshopProgress.Of"/>).</summary>
    private static readonly ConditionalWeakTable<WorkshopProgress, Tuple<WorkshopData, byte[]>> Summaries = new();

    public bool HasFixedWidth(string slot) => slot == Done;

    public async ValueTask<Func<string, string, byte[]>> PrepareAsync(HttpContext context)
    {
        var workshop = context.GetRouteValue("workshop") is string key ? await workshops.GetAsync(key, context.RequestAborted) : null;
        if (workshop is null || ViewerContext.UserId(context.User) is not { } userId)
            throw new InvalidOperationException("A learner's progress slot on a page that is not a workshop's.");
        var module = await progress.GetAsync(userId, workshop, LessonNavigator.For(workshop), context.RequestAborted);
        var summary = SummaryOf(module, workshop);
        return (slot, argument) =>
        {
            if (slot == Summary) return summary;
            var known = Guid.TryParseExact(argument, "N", out var lesson);
            if (slot == Start) return Seconds(known ? module.PositionOf(lesson) : 0);
            var complete = known && module.IsComplete(lesson);
            return ByState.TryGetValue(slot, out var states) ? states[complete ? 1 : 0] : throw new ArgumentOutOfRangeException(nameof(slot), slot, null);
        };
    }

    private static byte[] SummaryOf(WorkshopProgress module, WorkshopData workshop)
    {
        if (Summaries.TryGetValue(module, out var known) && ReferenceEquals(known.Item1, workshop)) return known.Item2;
        var bytes = Encoding.UTF8.GetBytes(ProgressMarkup.Summary(module, workshop));
        Summaries.AddOrUpdate(module, Tuple.Create(workshop, bytes));
        return bytes;
    }

    /// <summary>Resume positions as UTF-8, the common ones encoded once.</summary>
    private static readonly byte[][] SmallSeconds = [.. Enumerable.Range(0, 3600).Select(s => Encoding.UTF8.GetBytes(s.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    private static byte[] Seconds(int seconds) => seconds >= 0 && seconds < SmallSeconds.Length
        ? SmallSeconds[seconds] : Encoding.UTF8.GetBytes(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static byte[][] Both(Func<bool, string> markup) => [Encoding.UTF8.GetBytes(markup(false)), Encoding.UTF8.GetBytes(markup(true))];
}
