using System.Globalization;
using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Mail;
using Antonio.Web.Content;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning.Cohorts;

/// <summary>
/// "Now open", composed at delivery: the workshop's title and a link to its first lesson. Dropped when the recipient no
/// longer holds cohort access to it (a refund between the opening and the delivery) or the workshop is gone.
/// </summary>
public sealed class CohortOpenedMail(IDbContextFactory<AntonioDbContext> dbFactory, WorkshopReader workshops, SiteUrls urls, MailRenderer renderer, TimeProvider clock)
    : IMailComposer
{
    public string Kind => CohortOpenings.MailKind;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<CohortOpening>(message) is not { } opening
            || await workshops.GetAsync(opening.WorkshopId.ToString(), ct) is not { } workshop)
            return null;
        var now = clock.GetUtcNow();
        var recipient = message.Recipient.ToUpperInvariant();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var member = await (from e in db.Entitlements
                                join t in db.EntitlementTypes on e.EntitlementTypeId equals t.Id
                                join u in db.Users on e.UserId equals u.Id
                                where t.Name == EntitlementTypeNames.CohortContentAccess && e.DeletedAt == null && (e.ExpiresAt == null || e.ExpiresAt > now)
                                      && e.ContentIds.Contains(opening.WorkshopId) && u.NormalizedEmail == recipient
                                select e.Id).AnyAsync(ct);
            if (!member) return null;
        }
        var first = LessonNavigator.For(workshop).First;
        var link = urls.Absolute(first is null ? WorkshopLinks.Workshop(workshop) : WorkshopLinks.Lesson(workshop, first.Lesson));
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Your cohort is open: start learning",
            Heading = $"{workshop.Title} is open",
            Intro = [$"The cohort's workshop {workshop.Title} opened on {opening.OpensAt.ToString("MMMM d, yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}. Every lesson is yours from now on."],
            Action = new MailAction(first is null ? "Open the workshop" : "Start the first lesson", link),
            Outro = ["You get this e-mail because you are a member of this cohort."],
        });
    }
}
