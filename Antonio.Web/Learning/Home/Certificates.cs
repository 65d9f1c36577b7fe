using Antonio.Data;
using Antonio.Data.Content;
using Antonio.Data.Progress;
using Antonio.Web.Access;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning.Home;

/// <summary>
/// Issues certificates when a learner completes every lesson of a workshop they may read in full, and
/// reads them (cached, by code) for their public page. Revocation: <see cref="CertificateRevocation"/>.
/// </summary>
public sealed class Certificates(CachedReader reader, IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    /// <summary>
    /// Issues the learner's certificate for the workshop when every published lesson is complete and every
    /// one of them is open to them (a forged completion of a locked lesson earns nothing). At most one valid
    /// certificate per learner and workshop: a second call, or a concurrent one, changes nothing.
    /// </summary>
    public async Task<bool> IssueIfCompleteAsync(AccessContext viewer, WorkshopData workshop, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } userId) return false;
        var navigator = LessonNavigator.For(workshop);
        if (navigator.Lessons.Count == 0 || navigator.Lessons.Any(l => !AccessRules.ForLesson(workshop, l.Lesson, l.Section, viewer).CanViewLesson))
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await ProgressQuery.ReadAsync(db, userId, navigator.Lessons.Select(l => l.Lesson.Id).ToList(), ct);
        if (WorkshopProgress.From(navigator, rows.Completed).NextLesson is not null) return false;
        var now = clock.GetUtcNow();
        var issued = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO certificates (id, code, user_id, workshop_id, recipient_name, workshop_title, completed_at, issued_at)
            SELECT {0}, {1}, u.id, {2}, u.name, {3}, {4}, {4} FROM users u WHERE u.id = {5}
            ON CONFLICT (user_id, workshop_id) WHERE revoked_at IS NULL DO NOTHING
            """, [Guid.NewGuid(), CertificateCodes.New(), workshop.Id, workshop.Title, now, userId], ct);
        if (issued > 0) await invalidator.ProgressChangedAsync(userId, ct);
        return issued > 0;
    }

    /// <summary>The certificate with this code (valid or revoked), or null. Codes of the wrong shape never reach the cache.</summary>
    public async ValueTask<CertificateView?> GetAsync(string? code, CancellationToken ct = default)
    {
        if (!CertificateCodes.IsWellFormed(code)) return null;
        return await reader.GetAsync(CacheKeys.Certificate(code!), CacheEntryKinds.PerUser,
            (db, token) => CertificateQuery.LoadAsync(db, code!, token),
            view => view is null ? [] : [CacheTags.User(view.UserId), CacheTags.Progress(view.UserId), CacheTags.Content(view.WorkshopId)], ct);
    }
}
