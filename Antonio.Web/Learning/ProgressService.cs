using Antonio.Data;
using Antonio.Data.Content;
using Antonio.Data.Progress;
using Antonio.Web.Caching;
using Antonio.Web.Learning;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning;

/// <summary>Reads (cached per user and workshop) and writes (then invalidates) lesson completion.</summary>
public sealed class ProgressService(CachedReader reader, IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    public async ValueTask<ModuleProgress> GetAsync(Guid userId, WorkshopData workshop, LessonNavigator navigator, CancellationToken ct = default)
    {
        var lessonIds = navigator.Lessons.Select(l => l.Lesson.Id).ToList();
        var completed = await reader.GetAsync(CacheKeys.ModuleProgress(userId, workshop.Id), CacheEntryKinds.PerUser,
            (db, token) => ProgressQuery.CompletedAsync(db, userId, lessonIds, token),
            _ => [CacheTags.Progress(userId), CacheTags.Content(workshop.Id)], ct);
        return ModuleProgress.Of(navigator, completed);
    }

    /// <summary>Completing writes (user, lesson, completed_at); un-completing deletes the row.</summary>
    public async Task SetCompletedAsync(Guid userId, Guid lessonId, bool completed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (completed)
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at) VALUES ({0}, {1}, {2}, {2})
                ON CONFLICT (user_id, resource_id) DO UPDATE SET completed_at = EXCLUDED.completed_at
                """, [userId, lessonId, clock.GetUtcNow()], ct);
        else
            await db.ResourceProgress.Where(p => p.UserId == userId && p.ResourceId == lessonId).ExecuteDeleteAsync(ct);
        await invalidator.ProgressChangedAsync(userId, ct);
    }
}
