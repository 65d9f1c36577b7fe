using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Data.Mail;
using Antonio.Web.Commerce.Live;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning.Live;

/// <summary>
/// A reminder, composed at delivery: the session's name, when it starts (UTC and the organiser's zone) and a link to its
/// page, where the holder joins (never the session's own address: that is given only near the start). Dropped when the
/// recipient no longer holds a ticket (a refund since), the session is gone, or it moved (its new start has reminders of
/// its own).
/// </summary>
public sealed class LiveReminderMail(IDbContextFactory<AntonioDbContext> dbFactory, LiveSessionReader sessions, SiteUrls urls, MailRenderer renderer)
    : IMailComposer
{
    public string Kind => LiveReminders.MailKind;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<LiveReminder>(message) is not { } reminder
            || await sessions.GetAsync(reminder.ProductId, ct) is not { } session
            || session.StartsAt != reminder.StartsAt)
            return null;
        var recipient = message.Recipient.ToUpperInvariant();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var userId = await db.Users.Where(u => u.NormalizedEmail == recipient).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (userId is null || !(await LiveSessionQuery.JoinAsync(db, session.ProductId, userId.Value, ct)).Holder) return null;
        }
        var when = Before(TimeSpan.FromSeconds(reminder.OffsetSeconds));
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"{session.Name} starts {when}",
            Heading = $"{session.Name} starts {when}",
            Intro = [$"It starts {LiveTimes.Utc(session.StartsAt)} ({LiveTimes.InOrganiserZone(session)}) and lasts {LiveTimes.Duration(session)}.",
                     "Join from the session's page: the way in opens shortly before the start."],
            Action = new MailAction("Open the session's page", urls.Absolute(LiveLinks.Page(session.Slug))),
            Outro = ["You get this e-mail because you hold a ticket to this session."],
        });
    }

    /// <summary>"in 1 hour", "in 1 day", "in 30 minutes": how far ahead the reminder was meant to go.</summary>
    public static string Before(TimeSpan offset) =>
        offset.TotalDays >= 1 && offset.TotalDays % 1 == 0 ? (offset.TotalDays == 1 ? "tomorrow" : $"in {offset.TotalDays:0} days")
        : offset.TotalHours >= 1 && offset.TotalHours % 1 == 0 ? (offset.TotalHours == 1 ? "in 1 hour" : $"in {offset.TotalHours:0} hours")
        : $"in {offset.TotalMinutes:0} minutes";
}
