using Antonio.Data;
using Antonio.Data.Content;
using Antonio.Data.Progress;
using Antonio.Web.Caching;
using Antonio.Web.PageCaching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning;

/// <summary>Reads (cached per user and workshop) and writes (then invalidates) lesson completion and video positions.</summary>
public sealed class ProgressService(CachedReader reader, IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    public async ValueTask<WorkshopProgress> GetAsync(Guid userId, WorkshopData workshop, LessonNavigator navigator, CancellationToken ct = default)
    {
        var rows = await reader.GetAsync(CacheKeys.WorkshopProgress(userId, workshop.Id), CacheEntryKinds.PerUser,
            (db, token) => ProgressQuery.ReadAsync(db, userId, navigator.Lessons.Select(l => l.Lesson.Id).ToList(), token),
            _ => [CacheTags.Progress(userId), CacheTags.Content(workshop.Id)], ct);
        return WorkshopProgress.Of(navigator, rows);
    }

    /// <summary>
    /// The progress a page shows: the viewer's own — or, while the page is rendered as a template that
    /// many viewers will share (<see cref="ViewerSlots.Templating"/>), nobody's: an empty progress gives the
    /// page its shape and the slots carry each viewer's own. So a shared template holds no learner's
    /// progress and is not dropped when one learner completes a lesson.
    /// </summary>
    public ValueTask<WorkshopProgress> ForPageAsync(Guid userId, WorkshopData workshop, LessonNavigator navigator, ViewerSlots slots, CancellationToken ct = default) =>
        slots.Templating ? ValueTask.FromResult(WorkshopProgress.From(navigator, [])) : GetAsync(userId, workshop, navigator, ct);

    /// <summary>Completing sets the row's completed_at; un-completing clears it (the video position stays).</summary>
    public async Task SetCompletedAsync(Guid userId, Guid lessonId, bool completed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (completed)
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at, updated_at) VALUES ({0}, {1}, {2}, {2}, {2})
                ON CONFLICT (user_id, resource_id) DO UPDATE SET completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at
                """, [userId, lessonId, clock.GetUtcNow()], ct);
        else
            await db.ResourceProgress.Where(p => p.UserId == userId && p.ResourceId == lessonId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.CompletedAt, (DateTimeOffset?)null).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct);
        await invalidator.ProgressChangedAsync(userId, ct);
    }

    /// <summary>Where the learner's player is in a lesson's video (whole seconds): one upserted row per learner × lesson.</summary>
    public async Task SetPositionAsync(Guid userId, Guid lessonId, int seconds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO resource_progress (user_id, resource_id, position_seconds, created_at, updated_at) VALUES ({0}, {1}, {2}, {3}, {3})
            ON CONFLICT (user_id, resource_id) DO UPDATE SET position_seconds = EXCLUDED.position_seconds, updated_at = EXCLUDED.updated_at
            """, [userId, lessonId, seconds, clock.GetUtcNow()], ct);
        await invalidator.ProgressChangedAsync(userId, ct);
    }
}
